/**
 * Loads Morocco's administrative boundaries from the `morocco-map` npm package (v1.3.0:
 * data/regions.json, 12 regions, and data/provinces.json, 75 prefectures/provinces, TopoJSON with
 * ISO 3166-2 ids) and builds the pure MoroccoGeography from them. The files are read and converted
 * once per process (topojson-client turns the topology into GeoJSON features); every later call
 * gets the same object.
 *
 * Data: `morocco-map` by Saad Yousfi, https://github.com/yousfiSaad/morocco-map, made available
 * under the Open Database License (ODbL-1.0), https://opendatacommons.org/licenses/odbl/1-0/.
 * Names are corrected in src/domain/geo/place-name-overrides.ts.
 *
 * @example
 *   const geo = await loadMoroccoBoundaries();
 *   geo.locate({ lat: 34.0209, lon: -6.8416 }); // { provinceCode: 'MA-RAB', regionCode: 'MA-04', distanceKm: 0 }
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Feature, GeoJsonProperties, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Position } from '../../domain/geo/coordinates.ts';
import { buildMoroccoGeography, type MoroccoGeography, type SourceArea } from '../../domain/geo/morocco-geography.ts';
import type { MultiPolygonRings } from '../../domain/geo/point-in-polygon.ts';

const require = createRequire(import.meta.url);

async function readTopology(file: string, objectName: string): Promise<{ topology: Topology; collection: GeometryCollection<GeoJsonProperties & object> }> {
  const parsed = JSON.parse(await readFile(require.resolve(`morocco-map/data/${file}`), 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || (parsed as { type?: unknown }).type !== 'Topology') throw new Error(`morocco-map/data/${file} is not a TopoJSON topology`);
  const topology = parsed as Topology;
  const collection = topology.objects[objectName];
  if (collection?.type !== 'GeometryCollection') throw new Error(`morocco-map/data/${file} has no "${objectName}" geometry collection`);
  return { topology, collection: collection as GeometryCollection<GeoJsonProperties & object> };
}

function ringsOf(geometry: Geometry | null, code: string): MultiPolygonRings {
  const toRing = (ring: readonly (readonly number[])[]) => ring.map((p): Position => [p[0] ?? NaN, p[1] ?? NaN]);
  if (geometry?.type === 'Polygon') return [geometry.coordinates.map(toRing)];
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates.map((polygon) => polygon.map(toRing));
  throw new Error(`morocco-map: ${code} is not a polygon`);
}

function stringProperty(f: Feature, key: string): string | undefined {
  const v: unknown = f.properties?.[key];
  return typeof v === 'string' && v.trim() ? v : undefined;
}

async function readAreas(file: string, objectName: string): Promise<SourceArea[]> {
  const { topology, collection } = await readTopology(file, objectName);
  return feature(topology, collection).features.map((f) => {
    const code = typeof f.id === 'string' ? f.id : '';
    const name = stringProperty(f, 'name');
    if (!code || !name) throw new Error(`morocco-map/data/${file}: a feature lacks its id or name`);
    return { code, name, nameAr: stringProperty(f, 'name:ar'), polygons: ringsOf(f.geometry, code) };
  });
}

async function load(): Promise<MoroccoGeography> {
  const [regions, provinces] = await Promise.all([readAreas('regions.json', 'regions'), readAreas('provinces.json', 'provinces')]);
  return buildMoroccoGeography({ regions, provinces });
}

let loading: Promise<MoroccoGeography> | undefined;

/** The geography, loaded on first call and shared afterwards (a failed load is retried next call). */
export function loadMoroccoBoundaries(): Promise<MoroccoGeography> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}
