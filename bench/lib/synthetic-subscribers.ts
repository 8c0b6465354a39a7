/**
 * Synthetic citizens' subscriptions for the distribution figures: points spread around Morocco's
 * population centres (test/fixtures/morocco-cities.csv, weighted by population, Gaussian spread of a
 * few km growing with the city's size), each a circle of 1–10 km, stored as the platform stores a
 * circle (its centre's res-7 cell and its reach: domain/subscription/subscription-area.ts circleCell).
 * The generator is seeded, so two runs load the same population.
 *
 * @example
 *   const gen = subscriberGenerator(await loadCities(), 42);
 *   const s = gen.next(); // { lat, lon, radiusKm, cell: { h3: '871f…', reach: 6 } }
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { circleCell, type AreaCell } from '../../src/domain/subscription/subscription-area.ts';
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
  /** The one cell the platform stores for the circle. */
  readonly cell: AreaCell;
}

const KM_PER_DEG = 111.19492664455873; // 6371.0088 km · π / 180

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
      return { lat, lon, radiusKm, cell: circleCell(lat, lon, radiusKm) };
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
 * each a 1 km circle around `point` stored as the platform stores a circle.
 * Returns their ids in order.
 */
export async function insertActiveSubscribers(db: Kysely<DB>, subscribers: readonly BenchSubscriber[], point: { lat: number; lon: number }): Promise<string[]> {
  const now = new Date();
  const centre = circleCell(point.lat, point.lon, 1);
  const range = cellRange(centre.h3);
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
      .values(chunk.map((s) => ({ subscription_id: s.id, channel: s.channel, cell: range.cell.toString(), lo: range.lo.toString(), hi: range.hi.toString(), reach: centre.reach })))
      .execute();
    ids.push(...chunk.map((s) => s.id));
  }
  return ids;
}
