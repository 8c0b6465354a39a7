/**
 * The map of an alert zone as a small inline SVG: no tiles, no script, no request to anyone. The
 * zone outline (GeoJSON polygons) and Morocco's regions behind it are projected into the zone's
 * bounding box (equirectangular, longitudes scaled by the cosine of the middle latitude, so shapes
 * keep their proportions at Morocco's latitudes), clipped to the view, simplified (Douglas–Peucker in
 * pixels, the tolerance doubled until the point budget holds) and written as integer relative path
 * data. A scale bar gives the distances. The result is a few kilobytes whatever the zone holds (12
 * regions and 75 provinces at most).
 *
 * Overlapping parts of a zone (a circle and a province) are filled once: rings are oriented (outer
 * rings one way, holes the other) and the path uses the nonzero fill rule, so the fill is the union.
 *
 * @example
 *   const land = prepareLand(geo.regions.map((r) => geo.polygons(r.code) ?? []));
 *   const drawing = drawZoneMap(view.zone, land);                 // undefined when nothing can be drawn
 *   if (drawing) page = html`<figure>${zoneMapSvg(drawing, 'Map of the alert zone')}</figure>`;
 */
import { html, type SafeHtml } from './html.ts';

export const MAP_WIDTH = 600;
export const MAP_HEIGHT = 400;
/** Point budgets after simplification: what keeps the SVG to a few kilobytes. */
export const MAX_ZONE_POINTS = 300;
export const MAX_LAND_POINTS = 600;
/** Positions read from an outline at most; a zone of every region and province stays well below. */
const MAX_INPUT_POSITIONS = 400_000;
const KM_PER_DEGREE = 111.32;
/** The view is the bbox plus this share of its size on each side. */
const PADDING = 0.08;
/** Smallest view, in degrees of latitude (about 5 km): a tiny zone still shows its surroundings. */
const MIN_SPAN_DEGREES = 0.05;
/** Clipping margin around the view in pixels, so clipped edges fall outside the visible area. */
const CLIP_MARGIN = 4;

type Pt = readonly [number, number];
type Ring = readonly Pt[];
/** An outer ring and its holes. */
type Polygon = readonly Ring[];

/** Longitude/latitude polygons with their bounding boxes, prepared once for every map. */
export interface PreparedLand {
  readonly polygons: readonly { readonly bbox: readonly [number, number, number, number]; readonly rings: Polygon }[];
}

export interface ZoneDrawing {
  readonly land: string;
  readonly zone: string;
  readonly scale: { readonly km: number; readonly px: number };
}

export interface ZoneMapInput {
  readonly outline: unknown;
  readonly bbox: readonly [number, number, number, number];
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function ringBbox(ring: Ring): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [x, y] of ring) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}

/** Background areas (lists of polygons of [lon, lat] rings), e.g. the 12 regions. */
export function prepareLand(areas: readonly (readonly (readonly (readonly (readonly number[])[])[])[])[]): PreparedLand {
  const polygons = areas.flatMap((area) =>
    area.flatMap((polygon) => {
      const rings = polygon.map((ring) => ring.filter((p) => isFiniteNumber(p[0]) && isFiniteNumber(p[1])).map((p): Pt => [p[0] as number, p[1] as number])).filter((r) => r.length >= 3);
      const outer = rings[0];
      return outer ? [{ bbox: ringBbox(outer), rings }] : [];
    }),
  );
  return { polygons };
}

/** Polygons of a GeoJSON value: FeatureCollection, Feature, GeometryCollection, Polygon or MultiPolygon. */
export function outlinePolygons(value: unknown): Polygon[] {
  const out: Polygon[] = [];
  let budget = MAX_INPUT_POSITIONS;
  const ring = (v: unknown): Ring | undefined => {
    if (!Array.isArray(v) || budget <= 0) return undefined;
    const pts: Pt[] = [];
    for (const p of v.slice(0, budget) as unknown[]) {
      if (Array.isArray(p) && isFiniteNumber(p[0]) && isFiniteNumber(p[1])) pts.push([p[0], p[1]]);
    }
    budget -= pts.length;
    return pts.length >= 3 ? pts : undefined;
  };
  const polygon = (v: unknown): void => {
    if (!Array.isArray(v)) return;
    const rings = (v as unknown[]).map(ring).filter((r): r is Ring => r !== undefined);
    if (rings.length) out.push(rings);
  };
  const visit = (v: unknown, depth: number): void => {
    if (typeof v !== 'object' || v === null || depth > 4) return;
    const o = v as Record<string, unknown>;
    switch (o.type) {
      case 'FeatureCollection':
        if (Array.isArray(o.features)) for (const f of o.features as unknown[]) visit(f, depth + 1);
        return;
      case 'Feature':
        visit(o.geometry, depth + 1);
        return;
      case 'GeometryCollection':
        if (Array.isArray(o.geometries)) for (const g of o.geometries as unknown[]) visit(g, depth + 1);
        return;
      case 'Polygon':
        polygon(o.coordinates);
        return;
      case 'MultiPolygon':
        if (Array.isArray(o.coordinates)) for (const p of o.coordinates as unknown[]) polygon(p);
        return;
      default:
        return;
    }
  };
  visit(value, 0);
  return out;
}

interface View {
  readonly west: number;
  readonly north: number;
  readonly scaleX: number;
  /** Pixels per degree of latitude. */
  readonly k: number;
  readonly offX: number;
  readonly offY: number;
  readonly lonLatBox: readonly [number, number, number, number];
}

function validBbox(b: readonly number[]): b is readonly [number, number, number, number] {
  if (b.length !== 4 || !b.every(isFiniteNumber)) return false;
  const [w = NaN, s = NaN, e = NaN, n = NaN] = b;
  return w <= e && s <= n && s >= -85 && n <= 85 && w >= -180 && e <= 180;
}

function viewOf(bbox: readonly [number, number, number, number]): View {
  let [w, s, e, n] = bbox;
  const midLat = (s + n) / 2;
  const cos = Math.cos((midLat * Math.PI) / 180);
  // Pad, then give the box at least the minimum span.
  const padY = Math.max((n - s) * PADDING, (MIN_SPAN_DEGREES - (n - s)) / 2, 0);
  const padX = Math.max((e - w) * PADDING, (MIN_SPAN_DEGREES / cos - (e - w)) / 2, 0);
  [w, s, e, n] = [w - padX, s - padY, e + padX, n + padY];
  const k = Math.min(MAP_WIDTH / ((e - w) * cos), MAP_HEIGHT / (n - s));
  const offX = (MAP_WIDTH - (e - w) * cos * k) / 2;
  const offY = (MAP_HEIGHT - (n - s) * k) / 2;
  // The lon/lat box the whole canvas shows, for the cheap first test on background polygons.
  const lonLatBox: [number, number, number, number] = [w - offX / (cos * k), s - offY / k, e + offX / (cos * k), n + offY / k];
  return { west: w, north: n, scaleX: cos * k, k, offX, offY, lonLatBox };
}

const project = (v: View, ring: Ring): Pt[] => ring.map(([lon, lat]): Pt => [v.offX + (lon - v.west) * v.scaleX, v.offY + (v.north - lat) * v.k]);

/** Sutherland–Hodgman against the view rectangle grown by the margin. */
function clipRing(ring: readonly Pt[]): Pt[] {
  const lo = -CLIP_MARGIN;
  const hiX = MAP_WIDTH + CLIP_MARGIN;
  const hiY = MAP_HEIGHT + CLIP_MARGIN;
  const edges: readonly { inside: (p: Pt) => boolean; cross: (a: Pt, b: Pt) => Pt }[] = [
    { inside: (p) => p[0] >= lo, cross: (a, b) => [lo, a[1] + ((b[1] - a[1]) * (lo - a[0])) / (b[0] - a[0])] },
    { inside: (p) => p[0] <= hiX, cross: (a, b) => [hiX, a[1] + ((b[1] - a[1]) * (hiX - a[0])) / (b[0] - a[0])] },
    { inside: (p) => p[1] >= lo, cross: (a, b) => [a[0] + ((b[0] - a[0]) * (lo - a[1])) / (b[1] - a[1]), lo] },
    { inside: (p) => p[1] <= hiY, cross: (a, b) => [a[0] + ((b[0] - a[0]) * (hiY - a[1])) / (b[1] - a[1]), hiY] },
  ];
  let pts: Pt[] = [...ring];
  for (const edge of edges) {
    if (pts.length === 0) break;
    const input = pts;
    pts = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i] as Pt;
      const prev = input[(i + input.length - 1) % input.length] as Pt;
      const curIn = edge.inside(cur);
      const prevIn = edge.inside(prev);
      if (curIn) {
        if (!prevIn) pts.push(edge.cross(prev, cur));
        pts.push(cur);
      } else if (prevIn) pts.push(edge.cross(prev, cur));
    }
  }
  return pts;
}

function segmentDistance2(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Douglas–Peucker on an open polyline, iterative. */
function simplifyLine(pts: readonly Pt[], tolerance: number): Pt[] {
  if (pts.length <= 2) return [...pts];
  const keep = new Uint8Array(pts.length);
  keep[0] = 1;
  keep[pts.length - 1] = 1;
  const stack: [number, number][] = [[0, pts.length - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length) {
    const [first, last] = stack.pop() as [number, number];
    let index = -1;
    let max = tol2;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(pts[i] as Pt, pts[first] as Pt, pts[last] as Pt);
      if (d > max) {
        max = d;
        index = i;
      }
    }
    if (index !== -1) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return pts.filter((_, i) => keep[i] === 1);
}

/** A closed ring (without its repeated last point) simplified, split at its farthest point from the first. */
function simplifyRing(ring: readonly Pt[], tolerance: number): Pt[] {
  const first = ring[0];
  if (!first || ring.length <= 3) return [...ring];
  let far = 0;
  let farD = -1;
  ring.forEach((p, i) => {
    const d = (p[0] - first[0]) ** 2 + (p[1] - first[1]) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  });
  const a = simplifyLine(ring.slice(0, far + 1), tolerance);
  const b = simplifyLine([...ring.slice(far), first], tolerance);
  return [...a, ...b.slice(1, -1)];
}

function rounded(ring: readonly Pt[]): Pt[] {
  const out: Pt[] = [];
  for (const [x, y] of ring) {
    const p: Pt = [Math.round(x), Math.round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

/** Twice the signed area; positive for clockwise rings on screen (y grows downwards). */
function signedArea2(ring: readonly Pt[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Pt;
    const b = ring[i] as Pt;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum;
}

/** Projected, clipped polygons: rings in pixels, each without its repeated last point. */
function projectPolygons(view: View, polygons: readonly Polygon[]): Polygon[] {
  return polygons.flatMap((polygon) => {
    const rings = polygon.map((r) => {
      const pts = project(view, r);
      const a = pts[0];
      const b = pts[pts.length - 1];
      if (a && b && a[0] === b[0] && a[1] === b[1]) pts.pop();
      return clipRing(pts);
    });
    return rings[0] && rings[0].length >= 3 ? [rings.filter((r) => r.length >= 3)] : [];
  });
}

/** Path data within the point budget: simplified harder until it fits, then the smallest rings dropped. */
function pathData(polygons: readonly Polygon[], budget: number): string {
  let tolerance = 0.75;
  let rings: { pts: Pt[]; outer: boolean; area: number }[] = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    rings = polygons.flatMap((polygon) =>
      polygon.map((ring, i) => {
        const pts = rounded(simplifyRing(ring, tolerance));
        return { pts, outer: i === 0, area: Math.abs(signedArea2(pts)) / 2 };
      }),
    );
    // A ring under two square pixels cannot be seen.
    rings = rings.filter((r) => r.pts.length >= 3 && r.area >= 2);
    if (rings.reduce((n, r) => n + r.pts.length, 0) <= budget) break;
    tolerance *= 2;
  }
  rings.sort((a, b) => b.area - a.area);
  let used = 0;
  const kept = rings.filter((r) => (used + r.pts.length <= budget ? ((used += r.pts.length), true) : false));
  let d = '';
  const num = (n: number) => {
    if (n >= 0 && d !== '' && /\d$/.test(d)) d += ' ';
    d += String(n);
  };
  for (const r of kept) {
    // Outer rings clockwise on screen, holes counter-clockwise: nonzero fill gives the union.
    const pts = r.outer === (signedArea2(r.pts) > 0) ? r.pts : [...r.pts].reverse();
    const [x0, y0] = pts[0] as Pt;
    d += 'M';
    num(x0);
    num(y0);
    d += 'l';
    for (let i = 1; i < pts.length; i++) {
      const p = pts[i] as Pt;
      const q = pts[i - 1] as Pt;
      num(p[0] - q[0]);
      num(p[1] - q[1]);
    }
    d += 'z';
  }
  return d;
}

const NICE_KM = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000] as const;

/** The drawing of a zone (land, zone and scale), or undefined when the outline holds nothing to draw. */
export function drawZoneMap(zone: ZoneMapInput, land: PreparedLand): ZoneDrawing | undefined {
  const polygons = outlinePolygons(zone.outline);
  if (polygons.length === 0) return undefined;
  const own = ringBbox(polygons.flatMap((p) => p[0] ?? []));
  if (!validBbox(own)) return undefined;
  // The view is the given box, unless it is malformed or misses the zone altogether.
  const given = zone.bbox;
  const bbox = validBbox(given) && given[0] <= own[2] && given[2] >= own[0] && given[1] <= own[3] && given[3] >= own[1] ? given : own;
  const view = viewOf(bbox);
  const zonePath = pathData(projectPolygons(view, polygons), MAX_ZONE_POINTS);
  if (zonePath === '') return undefined;
  const [w, s, e, n] = view.lonLatBox;
  const visibleLand = land.polygons.filter(({ bbox: [pw, ps, pe, pn] }) => pw <= e && pe >= w && ps <= n && pn >= s).map((p) => p.rings);
  const kmPerPx = KM_PER_DEGREE / view.k;
  const km = [...NICE_KM].reverse().find((c) => c / kmPerPx <= MAP_WIDTH / 4) ?? 1;
  return { land: pathData(projectPolygons(view, visibleLand), MAX_LAND_POINTS), zone: zonePath, scale: { km, px: Math.round(km / kmPerPx) } };
}

/** The SVG element; `title` is its accessible name. */
export function zoneMapSvg(drawing: ZoneDrawing, title: string): SafeHtml {
  const y = MAP_HEIGHT - 14;
  return html`<svg viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" width="${MAP_WIDTH}" height="${MAP_HEIGHT}" role="img" aria-label="${title}"><title>${title}</title>${
    drawing.land ? html`<path class="land" d="${drawing.land}"/>` : ''
  }<path class="zone" d="${drawing.zone}"/><path class="scale" d="M12 ${y}h${drawing.scale.px}"/><text class="scale-label" x="12" y="${y - 6}" direction="ltr">${drawing.scale.km} km</text></svg>`;
}

/** A small least-recently-used store of drawings, per alert version: drawing is the costly part of a page. */
export function createDrawingCache(capacity: number): (key: string, draw: () => ZoneDrawing | undefined) => ZoneDrawing | undefined {
  const entries = new Map<string, ZoneDrawing | undefined>();
  return (key, draw) => {
    if (entries.has(key)) {
      const hit = entries.get(key);
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    }
    const made = draw();
    entries.set(key, made);
    if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    return made;
  };
}
