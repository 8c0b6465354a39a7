/**
 * Synthetic citizens' subscriptions for the distribution figures: points spread around Morocco's
 * population centres (test/fixtures/morocco-cities.csv, weighted by population, Gaussian spread of a
 * few km growing with the city's size), each a circle of 1–10 km, and that circle's H3 cells as the
 * platform stores them (resolution 6, every cell overlapping the circle, then H3's compact form).
 *
 * Why not call the platform's `areaCells`: it runs h3's polygonToCells on a 64-gon, ~450 µs a circle,
 * so a million subscriptions would take minutes before anything is measured. `circleCells` tests the
 * same "overlapping" rule directly: the candidate cells around the point (gridDisk) whose hexagon is
 * within the radius of the point, in a local plane (error far below a metre at 15 km), with the
 * 64-gon's 0.12% outward slack. synthetic-subscribers.test.ts checks it against `areaCells`.
 * The generator is seeded, so two runs load the same population.
 *
 * @example
 *   const gen = subscriberGenerator(await loadCities(), 42);
 *   const s = gen.next(); // { lat, lon, radiusKm, cells: ['861f…', …] }
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { cellToBoundary, cellToLatLng, compactCells, gridDisk, latLngToCell } from 'h3-js';
import { cellRange } from '../../src/domain/zone/cell-ranges.ts';
import type { DB } from '../../src/store/schema.ts';

export interface City {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly population: number;
}

export interface SyntheticSubscriber {
  /** Rounded to 3 decimals, as resolveArea stores a circle's point. */
  readonly lat: number;
  readonly lon: number;
  /** 1–10 km, rounded to 0.1 km. */
  readonly radiusKm: number;
  /** Compacted H3 cells, resolution ≤ 6. */
  readonly cells: readonly string[];
}

export const SUBSCRIBER_RESOLUTION = 6;
const KM_PER_DEG = 111.19492664455873; // 6371.0088 km · π / 180
/** circle-ring.ts draws the circle as a 64-gon whose edges touch it from outside. */
const RING_SLACK = 1 / Math.cos(Math.PI / 64);

export async function loadCities(): Promise<City[]> {
  const text = await readFile(new URL('../../test/fixtures/morocco-cities.csv', import.meta.url), 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  const cols = (header ?? '').split(',');
  const at = (name: string): number => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`morocco-cities.csv has no ${name} column`);
    return i;
  };
  const [iName, iLat, iLon, iPop] = [at('name_fr'), at('lat'), at('lon'), at('population_2024_approx')];
  return lines.map((line) => {
    const f = line.split(',');
    return { name: f[iName] ?? '', lat: Number(f[iLat]), lon: Number(f[iLon]), population: Number(f[iPop]) };
  });
}

/** mulberry32: small, fast and seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface CellShape {
  readonly lat: number;
  readonly lon: number;
  /** Boundary vertices as km offsets (east, north) from the centre. */
  readonly ring: readonly (readonly [number, number])[];
  /** Farthest vertex from the centre, and nearest edge (the inscribed circle), km. */
  readonly circumKm: number;
  readonly inKm: number;
  /** cos(latitude) of the centre, to rescale the east offsets to the point's latitude. */
  readonly cos: number;
}

const shapes = new Map<string, CellShape>();

function shapeOf(cell: string): CellShape {
  let s = shapes.get(cell);
  if (!s) {
    const [lat, lon] = cellToLatLng(cell);
    const cos = Math.cos((lat * Math.PI) / 180);
    const ring = cellToBoundary(cell).map(([a, b]) => [(b - lon) * KM_PER_DEG * cos, (a - lat) * KM_PER_DEG] as const);
    const circumKm = Math.max(...ring.map(([x, y]) => Math.hypot(x, y)));
    let inKm = Infinity;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] ?? [0, 0];
      const [xj, yj] = ring[j] ?? [0, 0];
      inKm = Math.min(inKm, Math.sqrt(segmentDistance2(xi, yi, xj, yj)));
    }
    shapes.set(cell, (s = { lat, lon, ring, circumKm, inKm, cos }));
  }
  return s;
}

/** Squared distance from the origin to segment [a, b] in the plane. */
function segmentDistance2(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  const x = ax + t * dx;
  const y = ay + t * dy;
  return x * x + y * y;
}

/** Whether the hexagon overlaps the circle of radius r km around the point, in a plane centred on the point. */
function overlaps(shape: CellShape, lat: number, lon: number, cos: number, r: number): boolean {
  const cx = (shape.lon - lon) * KM_PER_DEG * cos;
  const cy = (shape.lat - lat) * KM_PER_DEG;
  const d = Math.sqrt(cx * cx + cy * cy);
  if (d > r + shape.circumKm) return false;
  if (d <= r + shape.inKm * 0.999) return true;
  const pts = shape.ring;
  const sx = cos / shape.cos;
  // The point inside the hexagon (even-odd rule, the point at (−cx, −cy) from the centre)…
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i] ?? [0, 0];
    const [xj, yj] = pts[j] ?? [0, 0];
    const [ax, ay, bx, by] = [xi * sx + cx, yi + cy, xj * sx + cx, yj + cy];
    if (ay > 0 !== by > 0 && 0 < ((bx - ax) * (0 - ay)) / (by - ay) + ax) inside = !inside;
  }
  if (inside) return true;
  // …or one of its edges within the radius.
  const r2 = r * r;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i] ?? [0, 0];
    const [xj, yj] = pts[j] ?? [0, 0];
    if (segmentDistance2(xi * sx + cx, yi + cy, xj * sx + cx, yj + cy) <= r2) return true;
  }
  return false;
}

interface Candidate {
  readonly cell: string;
  readonly shape: CellShape;
  /** Distance from the origin cell's centre, km. */
  readonly fromOrigin: number;
}

/** Candidate cells around an origin cell by (origin, k), nearest first: points cluster, so few origins recur. */
const neighbourhoods = new Map<string, readonly Candidate[]>();

function neighbourhood(origin: string, k: number): readonly Candidate[] {
  const key = `${origin}/${k}`;
  let n = neighbourhoods.get(key);
  if (!n) {
    const o = shapeOf(origin);
    const list = gridDisk(origin, k).map((cell) => {
      const shape = shapeOf(cell);
      return { cell, shape, fromOrigin: Math.hypot((shape.lon - o.lon) * KM_PER_DEG * o.cos, (shape.lat - o.lat) * KM_PER_DEG) };
    });
    neighbourhoods.set(key, (n = list.sort((x, y) => x.fromOrigin - y.fromOrigin)));
  }
  return n;
}

/** The compacted res-6 cells overlapping the circle (plus the centre's cell), sorted. */
export function circleCells(lat: number, lon: number, radiusKm: number): string[] {
  const origin = latLngToCell(lat, lon, SUBSCRIBER_RESOLUTION);
  const o = shapeOf(origin);
  const r = radiusKm * RING_SLACK;
  const cos = Math.cos((lat * Math.PI) / 180);
  // Cells k steps apart have centres at least 1.5·k·edge apart; sizes vary a little, hence 2×.
  const k = Math.ceil((r + 2 * o.circumKm) / (0.75 * o.circumKm));
  // A cell can only overlap when its centre is within r + its circumradius of the point.
  const fromOrigin = Math.hypot((o.lon - lon) * KM_PER_DEG * cos, (o.lat - lat) * KM_PER_DEG);
  const reach = fromOrigin + r + 1.5 * o.circumKm;
  const cells: string[] = [];
  for (const c of neighbourhood(origin, k)) {
    if (c.fromOrigin > reach) break;
    if (c.cell === origin || overlaps(c.shape, lat, lon, cos, r)) cells.push(c.cell);
  }
  // Compacting needs a parent's seven children.
  return (cells.length >= 7 ? compactCells(cells) : cells).sort();
}

export interface SubscriberGenerator {
  next(): SyntheticSubscriber;
}

/** Gaussian by Box–Muller. */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function subscriberGenerator(cities: readonly City[], seed: number): SubscriberGenerator {
  const random = seededRandom(seed);
  const total = cities.reduce((s, c) => s + c.population, 0);
  const biggest = Math.max(...cities.map((c) => c.population));
  const cumulative: number[] = [];
  let acc = 0;
  for (const c of cities) cumulative.push((acc += c.population / total));
  const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;
  return {
    next() {
      const u = random();
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cumulative[mid] ?? 1) < u) lo = mid + 1;
        else hi = mid;
      }
      const city = cities[lo] ?? cities[0];
      if (!city) throw new Error('no cities');
      // Casablanca spreads ~6 km (σ), a town of 50,000 ~2.5 km.
      const sigmaKm = 2 + 4 * Math.sqrt(city.population / biggest);
      const lat = round(city.lat + (gaussian(random) * sigmaKm) / KM_PER_DEG, 3);
      const lon = round(city.lon + (gaussian(random) * sigmaKm) / (KM_PER_DEG * Math.cos((city.lat * Math.PI) / 180)), 3);
      const radiusKm = round(1 + random() * 9, 1);
      return { lat, lon, radiusKm, cells: circleCells(lat, lon, radiusKm) };
    },
  };
}

export interface BenchSubscriber {
  readonly channel: 'webpush' | 'email' | 'sms' | 'whatsapp';
  /** E-mail address, E.164 number or push endpoint. */
  readonly address: string;
  readonly pushKeys?: { readonly p256dh: string; readonly auth: string };
}

/**
 * Active subscriptions written straight into the tables (they are synthetic: no confirmation round),
 * each a 1 km circle around `point` stored with the res-6 cell of the point, as the dispatcher test does.
 * Returns their ids in order.
 */
export async function insertActiveSubscribers(db: Kysely<DB>, subscribers: readonly BenchSubscriber[], point: { lat: number; lon: number }): Promise<string[]> {
  const now = new Date();
  const range = cellRange(latLngToCell(point.lat, point.lon, SUBSCRIBER_RESOLUTION));
  const ids: string[] = [];
  for (let i = 0; i < subscribers.length; i += 1000) {
    const chunk = subscribers.slice(i, i + 1000).map((s) => ({ ...s, id: randomUUID() }));
    await db
      .insertInto('subscriptions')
      .values(
        chunk.map((s) => ({
          id: s.id,
          channel: s.channel,
          status: 'active' as const,
          address: s.address,
          address_key: `bench-${s.id}`,
          push_keys: s.pushKeys ? JSON.stringify(s.pushKeys) : null,
          languages: ['fr-MA'],
          area: JSON.stringify({ kind: 'circle', lat: point.lat, lon: point.lon, radiusKm: 1 }),
          quiet_hours: null,
          consent: JSON.stringify({ at: now.toISOString(), channel: s.channel, wordingVersion: 'bench' }),
          created_at: now,
          updated_at: now,
          confirmed_at: now,
        })),
      )
      .execute();
    await db
      .insertInto('subscription_cells')
      .values(chunk.map((s) => ({ subscription_id: s.id, channel: s.channel, cell: range.cell.toString(), lo: range.lo.toString(), hi: range.hi.toString() })))
      .execute();
    ids.push(...chunk.map((s) => s.id));
  }
  return ids;
}
