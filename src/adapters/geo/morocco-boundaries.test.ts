import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../domain/errors.ts';
import { BOUNDARY_TOLERANCE_KM, type MoroccoGeography } from '../../domain/geo/morocco-geography.ts';
import { loadMoroccoBoundaries } from './morocco-boundaries.ts';

let geo: MoroccoGeography;
before(async () => {
  geo = await loadMoroccoBoundaries();
});

/** The 2015 territorial organisation (décret n° 2-15-40): each region's prefectures and provinces, hand-checked. */
const PROVINCES_BY_REGION: Readonly<Record<string, readonly string[]>> = {
  'MA-01': ['MA-TNG', 'MA-MDF', 'MA-TET', 'MA-FAH', 'MA-LAR', 'MA-HOC', 'MA-CHE', 'MA-OUZ'],
  'MA-02': ['MA-OUJ', 'MA-NAD', 'MA-DRI', 'MA-JRA', 'MA-BER', 'MA-TAI', 'MA-GUF', 'MA-FIG'],
  'MA-03': ['MA-FES', 'MA-MEK', 'MA-HAJ', 'MA-IFR', 'MA-MOU', 'MA-SEF', 'MA-BOM', 'MA-TAO', 'MA-TAZ'],
  'MA-04': ['MA-RAB', 'MA-SAL', 'MA-SKH', 'MA-KEN', 'MA-KHE', 'MA-SIK', 'MA-SIL'],
  'MA-05': ['MA-BEM', 'MA-AZI', 'MA-FQH', 'MA-KHN', 'MA-KHO'],
  'MA-06': ['MA-CAS', 'MA-MOH', 'MA-JDI', 'MA-NOU', 'MA-MED', 'MA-BES', 'MA-BRR', 'MA-SET', 'MA-SIB'],
  'MA-07': ['MA-MAR', 'MA-CHI', 'MA-HAO', 'MA-KES', 'MA-ESI', 'MA-REH', 'MA-SAF', 'MA-YUS'],
  'MA-08': ['MA-ERR', 'MA-MID', 'MA-OUA', 'MA-TIN', 'MA-ZAG'],
  'MA-09': ['MA-AGD', 'MA-INE', 'MA-CHT', 'MA-TAR', 'MA-TIZ', 'MA-TAT'],
  'MA-10': ['MA-GUE', 'MA-ASZ', 'MA-TNT', 'MA-SIF'],
  'MA-11': ['MA-LAA', 'MA-BOD', 'MA-TAF', 'MA-ESM'],
  'MA-12': ['MA-OUD', 'MA-AOU'],
};

interface City {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly province: string;
}

async function cities(): Promise<City[]> {
  const [header, ...lines] = (await readFile(new URL('../../../test/fixtures/morocco-cities.csv', import.meta.url), 'utf8')).trim().split('\n');
  assert.equal(header, 'name_fr,name_ar,lat,lon,population_2024_approx,province_iso');
  return lines.map((line) => {
    const [name = '', , lat = '', lon = '', , province = ''] = line.split(',');
    return { name, lat: Number(lat), lon: Number(lon), province };
  });
}

test('12 regions and 75 prefectures/provinces, every code unique', () => {
  assert.equal(geo.regions.length, 12);
  assert.equal(geo.provinces.length, 75);
  assert.deepEqual(
    geo.regions.map((r) => r.code),
    Array.from({ length: 12 }, (_, i) => `MA-${String(i + 1).padStart(2, '0')}`),
  );
  assert.equal(new Set(geo.provinces.map((p) => p.code)).size, 75);
});

test('every province is derived into its region, matching the official list, with no disagreement in the data', () => {
  const expected = new Map(Object.entries(PROVINCES_BY_REGION).flatMap(([region, provinces]) => provinces.map((p) => [p, region] as const)));
  assert.equal(expected.size, 75);
  for (const p of geo.provinces) {
    assert.equal(p.regionCode, expected.get(p.code), p.code);
    assert.equal(p.regionAgreement, 1, `${p.code}: part of its interior lies in another region`);
  }
});

test('the brief\'s hand-checked sample of parents', () => {
  const sample = { 'MA-CAS': 'MA-06', 'MA-TNG': 'MA-01', 'MA-LAA': 'MA-11', 'MA-OUD': 'MA-12', 'MA-FES': 'MA-03', 'MA-MAR': 'MA-07', 'MA-AGD': 'MA-09', 'MA-OUJ': 'MA-02', 'MA-RAB': 'MA-04', 'MA-BEM': 'MA-05', 'MA-GUE': 'MA-10', 'MA-ERR': 'MA-08' };
  for (const [province, region] of Object.entries(sample)) assert.equal(geo.province(province)?.regionCode, region, province);
});

test('names: French and Arabic for all 87 areas, in their scripts; Tifinagh where the data has it', () => {
  const latin = /^[\p{Script=Latin}\p{Zs}'’-]+$/u;
  const arabic = /^[\p{Script=Arabic}\p{Zs}-]+$/u;
  const tifinagh = /^[\p{Script=Tifinagh}\p{Zs}-]+$/u;
  for (const area of [...geo.regions, ...geo.provinces]) {
    assert.match(area.names.fr, latin, `${area.code} fr`);
    assert.match(area.names.ar, arabic, `${area.code} ar`);
    if (area.names.zgh !== null) assert.match(area.names.zgh, tifinagh, `${area.code} zgh`);
  }
  for (const p of geo.provinces) assert.match(p.names.fr, /^(Préfecture|Province) (de |d'|d’)/u, p.code);
  assert.equal(geo.regions.filter((r) => r.names.zgh).length, 12);
  assert.ok(geo.provinces.filter((p) => p.names.zgh).length >= 15);
});

test('names: the source errors are corrected', () => {
  assert.equal(geo.province('MA-FIG')?.names.ar, 'إقليم فجيج');
  assert.equal(geo.province('MA-NAD')?.names.ar, 'إقليم الناظور');
  assert.deepEqual(geo.province('MA-RAB')?.names, { fr: 'Préfecture de Rabat', ar: 'عمالة الرباط', zgh: null });
  assert.equal(geo.province('MA-MEK')?.names.fr, 'Préfecture de Meknès');
  assert.equal(geo.province('MA-OUA')?.names.ar, 'إقليم ورزازات');
  assert.deepEqual(geo.province('MA-IFR')?.names, { fr: "Province d'Ifrane", ar: 'إقليم إفران', zgh: 'ⵜⴰⵙⴳⴰ ⵏ ⵉⴼⵔⴰⵏ' });
  assert.deepEqual(geo.province('MA-CAS')?.names, { fr: 'Préfecture de Casablanca', ar: 'عمالة الدار البيضاء', zgh: null });
  assert.equal(geo.region('MA-02')?.names.fr, "L'Oriental");
  // No two provinces share an Arabic or French name (the Figuig error would have made two "الناظور").
  assert.equal(new Set(geo.provinces.map((p) => p.names.ar)).size, 75);
  assert.equal(new Set(geo.provinces.map((p) => p.names.fr)).size, 75);
});

test('every city of the fixture locates to its expected province, inside it', async () => {
  const list = await cities();
  assert.equal(list.length, 30);
  for (const city of list) {
    const found = geo.locate({ lat: city.lat, lon: city.lon });
    assert.equal(found?.provinceCode, city.province, city.name);
    assert.equal(found.distanceKm, 0, `${city.name} lies inside its province, not in the coastal tolerance`);
    assert.equal(found.regionCode, geo.province(city.province)?.regionCode, city.name);
  }
});

test('points abroad or at sea are outside Morocco', () => {
  const outside = {
    Madrid: { lat: 40.4168, lon: -3.7038 },
    Algiers: { lat: 36.7538, lon: 3.0588 },
    'the Atlantic off El Jadida': { lat: 33.5, lon: -9.5 },
    'Las Palmas (Gran Canaria)': { lat: 28.1235, lon: -15.4363 },
    'Puerto del Rosario (Fuerteventura)': { lat: 28.5, lon: -13.86 },
    'Arrecife (Lanzarote)': { lat: 28.963, lon: -13.548 },
    Nouakchott: { lat: 18.08, lon: -15.97 },
    'Algeria, 5 km east of the Oujda boundary': { lat: 34.68, lon: -1.72 },
    // Ceuta's centre lies about 3 km from the boundary of M'diq-Fnideq in the data.
    'Ceuta (Sebta) centre': { lat: 35.889, lon: -5.316 },
    'Null Island': { lat: 0, lon: 0 },
  };
  for (const [name, point] of Object.entries(outside)) assert.equal(geo.locate(point), undefined, name);
});

test('points just off the simplified coastline are attributed to the nearest province, with their distance', () => {
  // The Casablanca harbour and Agadir's beach fall a few dozen metres outside the simplified coast.
  const port = geo.locate({ lat: 33.607, lon: -7.615 });
  assert.equal(port?.provinceCode, 'MA-CAS');
  assert.ok(port.distanceKm > 0 && port.distanceKm < BOUNDARY_TOLERANCE_KM);
  assert.equal(geo.locate({ lat: 30.42, lon: -9.62 })?.provinceCode, 'MA-AGD');
  // Without the tolerance they would be lost.
  assert.equal(geo.locate({ lat: 33.607, lon: -7.615 }, { toleranceKm: 0 }), undefined);
});

test('a point in a hole of a province polygon is not inside it (the small hole in Sidi Bennour near Oualidia)', () => {
  const inHole = { lat: 32.7365, lon: -9.039 };
  assert.equal(geo.locate(inHole, { toleranceKm: 0 }), undefined);
  const near = geo.locate(inHole);
  assert.equal(near?.provinceCode, 'MA-SIB');
  assert.ok(near.distanceKm > 0);
});

test('invalid coordinates are refused, naming the field', () => {
  for (const [point, field] of [
    [{ lat: 91, lon: -7 }, 'lat'],
    [{ lat: 33, lon: -181 }, 'lon'],
    [{ lat: Number.NaN, lon: -7 }, 'lat'],
  ] as const) {
    assert.throws(
      () => geo.locate(point),
      (err: unknown) => err instanceof AppError && err.code === 'validation_failed' && err.errors.some((e) => e.field === field),
    );
  }
});

test('10,000 lookups over the whole country run quickly and agree with the tree', () => {
  // A deterministic spread of points over Morocco's bounding box (a linear congruential generator).
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const started = performance.now();
  let inside = 0;
  for (let i = 0; i < 10_000; i++) {
    const found = geo.locate({ lat: 20.7 + next() * 15.3, lon: -17.2 + next() * 16.3 });
    if (!found) continue;
    inside++;
    assert.equal(found.regionCode, geo.province(found.provinceCode)?.regionCode);
  }
  const elapsed = performance.now() - started;
  // About a third of the box is land inside Morocco; the rest is sea, Algeria or Mauritania.
  assert.ok(inside > 2_000 && inside < 6_000, `${inside} points inside`);
  // A sanity bound only (a shared CI core); a build of the index per lookup would take minutes.
  assert.ok(elapsed < 20_000, `${elapsed} ms`);
});

test('the boundaries load once per process', async () => {
  assert.equal(await loadMoroccoBoundaries(), geo);
});
