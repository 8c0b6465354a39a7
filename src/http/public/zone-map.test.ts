import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadMoroccoBoundaries } from '../../adapters/geo/morocco-boundaries.ts';
import type { MoroccoGeography } from '../../domain/geo/morocco-geography.ts';
import { createDrawingCache, drawZoneMap, MAP_HEIGHT, MAP_WIDTH, MAX_LAND_POINTS, MAX_ZONE_POINTS, outlinePolygons, prepareLand, zoneMapSvg, type PreparedLand, type ZoneDrawing } from './zone-map.ts';
import { longAlert, yasmine } from './public-alert-fixtures.test-support.ts';

type Pt = [number, number];

/** Absolute points of each subpath of "M x y l dx dy … z" path data. */
function subpaths(d: string): Pt[][] {
  return d
    .split('M')
    .filter(Boolean)
    .map((part) => {
      const [start = '', rel = ''] = part.replace(/z$/, '').split('l');
      const nums = (s: string) => (s.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
      const [x0 = NaN, y0 = NaN] = nums(start);
      const pts: Pt[] = [[x0, y0]];
      const r = nums(rel);
      for (let i = 0; i + 1 < r.length; i += 2) {
        const [px, py] = pts[pts.length - 1] as Pt;
        pts.push([px + (r[i] as number), py + (r[i + 1] as number)]);
      }
      return pts;
    });
}

const area2 = (ring: Pt[]) => ring.reduce((s, a, i) => s + a[0] * (ring[(i + 1) % ring.length] as Pt)[1] - (ring[(i + 1) % ring.length] as Pt)[0] * a[1], 0);
const centre = (ring: Pt[]): Pt => [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
const square = (w: number, s: number, e: number, n: number) => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const fc = (...polygons: number[][][][]) => ({ type: 'FeatureCollection', features: polygons.map((coordinates) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } })) });
const NO_LAND: PreparedLand = { polygons: [] };

let geo: MoroccoGeography;
let land: PreparedLand;
before(async () => {
  geo = await loadMoroccoBoundaries();
  land = prepareLand(geo.regions.map((r) => geo.polygons(r.code) ?? []));
});

test('north is up and west is left', () => {
  const nw = square(-7.0, 34.4, -6.9, 34.5);
  const se = square(-6.1, 33.5, -6.0, 33.6);
  const drawing = drawZoneMap({ outline: fc([nw], [se]), bbox: [-7, 33.5, -6, 34.5] }, NO_LAND);
  assert.ok(drawing);
  const [a, b] = subpaths(drawing.zone).map(centre);
  assert.ok(a && b);
  assert.ok(a[0] < b[0], 'the western square is left of the eastern one');
  assert.ok(a[1] < b[1], 'the northern square is above the southern one');
});

test('shapes keep their proportions: a square in kilometres is square on the map', () => {
  // At 34°N a degree of longitude is cos(34°) ≈ 0.83 of a degree of latitude.
  const lonSpan = 0.5 / Math.cos((34 * Math.PI) / 180);
  const drawing = drawZoneMap({ outline: fc([square(-7, 33.75, -7 + lonSpan, 34.25)]), bbox: [-7, 33.75, -7 + lonSpan, 34.25] }, NO_LAND);
  const ring = subpaths(drawing?.zone ?? '')[0] ?? [];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  assert.ok(Math.abs(width / height - 1) < 0.02, `${width} × ${height}`);
  assert.ok(height > MAP_HEIGHT * 0.8, 'the zone fills the view, less the padding');
});

test('the scale bar is right', () => {
  const drawing = drawZoneMap({ outline: fc([square(-7, 33, -6, 34)]), bbox: [-7, 33, -6, 34] }, NO_LAND);
  assert.ok(drawing);
  // Height-limited view: 1° plus 8 % padding on each side over 400 px.
  const kmPerPx = (111.32 * 1.16) / MAP_HEIGHT;
  assert.ok(Math.abs((drawing.scale.px * kmPerPx) / drawing.scale.km - 1) < 0.02, JSON.stringify(drawing.scale));
  assert.ok(drawing.scale.px <= MAP_WIDTH / 4 && drawing.scale.px >= MAP_WIDTH / 12);
});

test('overlapping parts and holes are oriented so the nonzero fill is their union', () => {
  const outer = square(-7, 33, -6, 34);
  const hole = square(-6.8, 33.2, -6.6, 33.4).reverse();
  const other = square(-6.5, 33.5, -5.5, 34.5).reverse(); // drawn the other way round in the data
  const drawing = drawZoneMap({ outline: fc([outer, hole], [other]), bbox: [-7, 33, -5.5, 34.5] }, NO_LAND);
  const rings = subpaths(drawing?.zone ?? '');
  assert.equal(rings.length, 3);
  const signs = rings.map((r) => Math.sign(area2(r)));
  const bigOnes = rings.map((r, i) => ({ a: Math.abs(area2(r)), s: signs[i] })).sort((x, y) => y.a - x.a);
  assert.equal(bigOnes[0]?.s, bigOnes[1]?.s, 'both outer rings turn the same way');
  assert.equal(bigOnes[2]?.s, -(bigOnes[0]?.s ?? 0), 'the hole turns the other way');
});

test('a huge outline is simplified under the point budget, and land is clipped to the view', () => {
  const n = 100_000;
  const noisy = Array.from({ length: n + 1 }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    const r = 1 + 0.002 * Math.sin(i * 7.3);
    return [-7 + r * Math.cos(a), 33.5 + r * Math.sin(a) * 0.8];
  });
  const drawing = drawZoneMap({ outline: fc([noisy]), bbox: [-8, 32.7, -6, 34.3] }, land);
  assert.ok(drawing);
  const zonePoints = subpaths(drawing.zone).flat();
  const landPoints = subpaths(drawing.land).flat();
  assert.ok(zonePoints.length <= MAX_ZONE_POINTS, `${zonePoints.length} zone points`);
  assert.ok(landPoints.length > 10 && landPoints.length <= MAX_LAND_POINTS, `${landPoints.length} land points`);
  for (const [x, y] of [...zonePoints, ...landPoints]) assert.ok(x >= -5 && x <= MAP_WIDTH + 5 && y >= -5 && y <= MAP_HEIGHT + 5, `${x},${y} is outside the view`);
});

test('the largest zone (circle, province and two regions) draws within budget, in a few kilobytes', () => {
  const alert = longAlert(geo);
  const drawing = drawZoneMap(alert.zone, land);
  assert.ok(drawing);
  const svg = zoneMapSvg(drawing, 'Carte').toString();
  assert.ok(Buffer.byteLength(svg) < 12_000, `${Buffer.byteLength(svg)} bytes`);
  assert.ok(subpaths(drawing.zone).flat().length <= MAX_ZONE_POINTS);
  assert.ok(drawing.land.length > 0, 'Morocco is drawn behind the zone');
});

test('a small zone near the coast shows the land around it', () => {
  const drawing = drawZoneMap(yasmine().zone, land);
  assert.ok(drawing && drawing.land.length > 0 && drawing.zone.length > 0);
  assert.ok(drawing.scale.km <= 20);
});

test('an outline with nothing drawable gives no map, and never throws', () => {
  const bbox = [-7, 33, -6, 34] as const;
  for (const outline of [null, undefined, 'polygon', 42, {}, { type: 'FeatureCollection' }, { type: 'FeatureCollection', features: [null, { type: 'Feature', geometry: null }] }, fc([[[0, 0], ['a', 1] as unknown as number[], [NaN, 2]]]), { type: 'Point', coordinates: [-7, 33] }]) {
    assert.equal(drawZoneMap({ outline, bbox }, land), undefined, JSON.stringify(outline));
  }
});

test('a malformed bbox, or one that misses the zone, is replaced by the outline’s own box', () => {
  for (const bbox of [[0, 0, 0, 0], [Number.NaN, 1, 2, 3], [-6, 33, -7, 34], [0, -95, 1, 1], [1, 2, 3]] as const) {
    const drawing = drawZoneMap({ outline: fc([square(-7, 33, -6, 34)]), bbox: bbox as unknown as [number, number, number, number] }, NO_LAND);
    assert.ok(drawing, JSON.stringify(bbox));
    const pts = subpaths(drawing.zone).flat();
    assert.ok(pts.every(([x, y]) => x >= 0 && x <= MAP_WIDTH && y >= 0 && y <= MAP_HEIGHT));
  }
});

test('GeometryCollection, Feature and MultiPolygon are read; positions beyond the first two numbers are ignored', () => {
  const polys = outlinePolygons({
    type: 'GeometryCollection',
    geometries: [
      { type: 'MultiPolygon', coordinates: [[square(-7, 33, -6, 34)], [square(-5, 33, -4, 34).map(([x, y]) => [x, y, 120])]] },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(-3, 33, -2, 34)] } },
    ],
  });
  assert.equal(polys.length, 3);
  assert.deepEqual(polys[1]?.[0]?.[0], [-5, 33]);
});

test('the SVG has an accessible name, no script and no style attribute', () => {
  const drawing = drawZoneMap(yasmine().zone, land) as ZoneDrawing;
  const svg = zoneMapSvg(drawing, 'Carte : <Rabat> "20 km"').toString();
  assert.match(svg, /^<svg viewBox="0 0 600 400"[^>]* role="img" aria-label="Carte : &lt;Rabat&gt; &quot;20 km&quot;"><title>Carte : &lt;Rabat&gt; &quot;20 km&quot;<\/title>/);
  assert.ok(!/<script|style=|\son[a-z]+=/i.test(svg));
  assert.match(svg, /<text class="scale-label"[^>]*direction="ltr">\d+ km<\/text>/);
});

test('the drawing cache draws once per key and forgets the least recently used', () => {
  const cache = createDrawingCache(2);
  let draws = 0;
  const draw = () => {
    draws += 1;
    return { land: '', zone: `M0 0l1 1z`, scale: { km: 1, px: draws } };
  };
  const a = cache('a', draw);
  assert.equal(cache('a', draw), a);
  cache('b', draw);
  cache('a', draw); // a is now the most recent
  cache('c', draw); // evicts b
  assert.equal(draws, 3);
  cache('a', draw);
  assert.equal(draws, 3, 'a was kept');
  cache('b', draw);
  assert.equal(draws, 4, 'b was evicted');
});
