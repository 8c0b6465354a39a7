/**
 * Distribution: "who is inside the zone" at national scale on PostgreSQL. A million synthetic
 * subscriptions (200,000 with --quick) around Morocco's cities, each a 1–10 km circle stored as the
 * platform stores it (its centre's res-7 cell with its reach, bench/lib/synthetic-subscribers.ts),
 * then the 160 km zone around Casablanca with its cells computed as publication does
 * (compactZoneCells(zoneCells(zone))), counted through `whoIsInside` — the very fragment the
 * dispatcher embeds. The timed call builds the fragment too (the zone's distance bands, computed in
 * the process), as planning does for a new version.
 *
 * Peer, same run, same machine: PostGIS `ST_DWithin(geog, Casablanca, 160000)` over a GiST index on
 * the same subscriptions' points. Both tables are vacuumed and analysed first; each query is warmed,
 * then timed alternately; value and baseline are medians. The counts differ by design: the cells
 * count every subscription whose circle meets the zone's cell cover (up to a few km of margin, see
 * domain/zone/zone-bands.ts), PostGIS only points inside the exact circle; the note gives the exact
 * "circle meets circle" count in between.
 */
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { loadMoroccoBoundaries } from '../../src/adapters/geo/morocco-boundaries.ts';
import { cellRange } from '../../src/domain/zone/cell-ranges.ts';
import { zoneBands } from '../../src/domain/zone/zone-bands.ts';
import { compactZoneCells, zoneCells } from '../../src/domain/zone/zone-cells.ts';
import { openDatabase } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrator.ts';
import { whoIsInside } from '../../src/store/repositories/who-is-inside.ts';
import { below, type FigureInput, type FigureModule, ratioBelow } from '../lib/figure.ts';
import { enablePostgis } from '../lib/postgis.ts';
import { createScratchDatabase, postgresUnavailable, type ScratchDatabase } from '../lib/postgres.ts';
import { percentile } from '../lib/stats.ts';
import { loadCities, subscriberGenerator } from '../lib/synthetic-subscribers.ts';

const CASABLANCA = { lat: 33.5731, lon: -7.5898 };
const RADIUS_KM = 160;
const CHANNEL = 'webpush';
const BATCH = 20_000;

/** Subscription n's id: deterministic, so cell rows refer to it by number. */
const SUB_ID = (n: string) => `('b0000000-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;

/** cellRange as int8 text, by cell: distinct centre cells recur many times. */
const ranges = new Map<string, readonly [string, string, string]>();
function rangeText(h3: string): readonly [string, string, string] {
  let r = ranges.get(h3);
  if (!r) {
    const { cell, lo, hi } = cellRange(h3);
    ranges.set(h3, (r = [cell.toString(), lo.toString(), hi.toString()]));
  }
  return r;
}

const pgArray = (xs: readonly (string | number)[]): string => `{${xs.join(',')}}`;

interface Deferred {
  readonly indexes: string[];
  readonly constraints: { table: string; name: string; def: string }[];
}

/**
 * Drops the indexes (but those behind primary key, unique or exclusion constraints) and the foreign
 * keys of the tables before a bulk load and gives back what recreates them (as pg_restore does): one
 * index build and one validating join instead of millions of per-row index insertions and trigger
 * checks. Definitions are read from the catalogue, so the tables keep exactly the migration's shape.
 */
async function deferIndexes(client: pg.Client, tables: readonly string[]): Promise<Deferred> {
  const idx = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = i.indrelid AND c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))`,
    [tables],
  );
  const fks = await client.query<{ table: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE conrelid = ANY($1::regclass[]) AND contype = 'f'`,
    [tables],
  );
  for (const f of fks.rows) await client.query(`ALTER TABLE ${f.table} DROP CONSTRAINT ${f.name}`);
  for (const i of idx.rows) await client.query(`DROP INDEX ${i.name}`);
  return { indexes: idx.rows.map((r) => r.def), constraints: fks.rows };
}

async function restoreIndexes(client: pg.Client, d: Deferred): Promise<void> {
  await client.query(`SET maintenance_work_mem = '256MB'`);
  for (const def of d.indexes) await client.query(def);
  for (const c of d.constraints) await client.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`);
}

/** Generates and inserts `count` subscriptions; the next batch is generated while the database takes the last. */
async function loadSubscriptions(client: pg.Client, count: number, log: (line: string) => void): Promise<{ cells: number; waitedMs: number }> {
  const gen = subscriberGenerator(await loadCities(), 20261122);
  const now = new Date().toISOString();
  const consent = JSON.stringify({ at: now, channel: CHANNEL, wordingVersion: 'bench' });
  let cells = 0;
  let inFlight: Promise<unknown> = Promise.resolve();
  let waitedMs = 0;
  for (let first = 1; first <= count; first += BATCH) {
    const last = Math.min(count, first + BATCH - 1);
    const ns: number[] = [];
    const lats: number[] = [];
    const lons: number[] = [];
    const radii: number[] = [];
    const cell: string[] = [];
    const lo: string[] = [];
    const hi: string[] = [];
    const reach: number[] = [];
    for (let n = first; n <= last; n++) {
      // Let the socket drain the batch in flight while this one is generated.
      if (n % 1000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const s = gen.next();
      ns.push(n);
      lats.push(s.lat);
      lons.push(s.lon);
      radii.push(s.radiusKm);
      const [c64, lo64, hi64] = rangeText(s.cell.h3);
      cell.push(c64);
      lo.push(lo64);
      hi.push(hi64);
      reach.push(s.cell.reach ?? 0);
    }
    cells += cell.length;
    const w0 = performance.now();
    await inFlight;
    waitedMs += performance.now() - w0;
    // One statement for both tables (a data-modifying CTE): a single round trip, sent before the
    // next batch is generated, so generation and insertion overlap.
    inFlight = client.query(
      `WITH s AS (
         INSERT INTO subscriptions (id, channel, status, address, address_key, push_keys, languages, area, quiet_hours, consent, created_at, updated_at, confirmed_at)
         SELECT ${SUB_ID('u.n')}, $9, 'active', 'https://push.bench.invalid/s/' || u.n, 'bench-' || u.n, NULL, '{fr-MA}',
                jsonb_build_object('kind', 'circle', 'lat', u.lat, 'lon', u.lon, 'radiusKm', u.r), NULL, $10::jsonb, $11, $11, $11
           FROM unnest($1::int4[], $2::float8[], $3::float8[], $4::float8[]) AS u(n, lat, lon, r))
       INSERT INTO subscription_cells (subscription_id, channel, cell, lo, hi, reach)
       SELECT ${SUB_ID('c.n')}, $9, c.cell, c.lo, c.hi, c.reach FROM unnest($1::int4[], $5::int8[], $6::int8[], $7::int8[], $8::int2[]) AS c(n, cell, lo, hi, reach)`,
      [pgArray(ns), pgArray(lats), pgArray(lons), pgArray(radii), pgArray(cell), pgArray(lo), pgArray(hi), pgArray(reach), CHANNEL, consent, now],
    );
    if ((last / BATCH) % 10 === 0 || last === count) log(`generated ${last.toLocaleString('en')} subscriptions`);
  }
  const w0 = performance.now();
  await inFlight;
  waitedMs += performance.now() - w0;
  return { cells, waitedMs };
}

interface PlanNode {
  readonly 'Node Type'?: string;
  readonly 'Actual Rows'?: number;
  readonly 'Plan Rows'?: number;
  readonly 'Sort Method'?: string;
  readonly 'Sort Space Type'?: string;
  readonly Plans?: readonly PlanNode[];
}

/** What the plan did, in a few words: JIT time, the sort (dedup) and its estimate against the real rows. */
async function planSummary(db: Kysely<unknown>, query: ReturnType<typeof sql>): Promise<string> {
  const r = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode; JIT?: { Timing?: { Total?: number } } }] }>`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`.execute(db);
  const top = r.rows[0]?.['QUERY PLAN'][0];
  if (!top) return 'no plan';
  const parts: string[] = [];
  const jit = top.JIT?.Timing?.Total;
  if (jit !== undefined) parts.push(`JIT ${jit.toFixed(0)} ms`);
  const walk = (n: PlanNode): void => {
    if (n['Node Type'] === 'Sort') parts.push(`sort of ${n['Actual Rows']?.toLocaleString('en')} rows (planned ${n['Plan Rows']?.toLocaleString('en')}), ${n['Sort Method']} in ${n['Sort Space Type']}`);
    if (n['Node Type'] === 'HashAggregate') parts.push(`hash aggregate of ${n['Actual Rows']?.toLocaleString('en')} rows`);
    if (n['Node Type'] === 'Bitmap Index Scan') parts.push(`bitmap index scan ${n['Actual Rows']?.toLocaleString('en')} rows`);
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(top.Plan);
  return parts.join(', ');
}

async function timed(query: () => Promise<number>): Promise<{ s: number; count: number }> {
  const t0 = performance.now();
  const count = await query();
  return { s: (performance.now() - t0) / 1000, count };
}

export const whoIsInsideFigure: FigureModule = {
  name: 'who-is-inside',
  description: 'whoIsInside count for the 160 km zone around Casablanca over 1,000,000 subscriptions (200,000 quick) on PostgreSQL, against PostGIS ST_DWithin on a GiST index',
  async run(opts) {
    const count = opts.quick ? 200_000 : 1_000_000;
    const runs = opts.quick ? 5 : 9;
    const unavailable = await postgresUnavailable(opts.postgresUrl);
    if (unavailable) {
      opts.log(`${unavailable}; figure not measured`);
      return [{ name: 'who-is-inside.casablanca-160km', value: null, unit: 's', peer: null, baseline: null, target: below(1, 's'), note: unavailable }];
    }
    let scratch: ScratchDatabase | undefined;
    let store: Awaited<ReturnType<typeof openDatabase>> | undefined;
    let loader: pg.Client | undefined;
    try {
      scratch = await createScratchDatabase(opts.postgresUrl);
      store = await openDatabase({ mode: 'postgres', url: scratch.url, poolMax: 2 });
      await migrateToLatest(store.db);
      const setupDb = store.db as unknown as Kysely<unknown>;
      loader = new pg.Client({ connectionString: scratch.url });
      await loader.connect();
      const load0 = performance.now();
      const deferred = await deferIndexes(loader, ['subscriptions', 'subscription_cells']);
      const { cells, waitedMs } = await loadSubscriptions(loader, count, opts.log);
      const inserted = performance.now();
      await restoreIndexes(loader, deferred);
      opts.log(
        `loaded ${count.toLocaleString('en')} subscriptions, ${cells.toLocaleString('en')} cells (${(cells / count).toFixed(2)} a subscription) in ${((inserted - load0) / 1000).toFixed(1)} s (${(waitedMs / 1000).toFixed(1)} s of it waiting for the database), indexes in ${((performance.now() - inserted) / 1000).toFixed(1)} s`,
      );

      const missing = await enablePostgis(setupDb, opts.postgresUrl, opts.log);
      if (missing) opts.log(`no PostGIS peer: ${missing}`);
      else {
        const p0 = performance.now();
        await loader.query(
          `CREATE TABLE bench_points AS SELECT id, ST_SetSRID(ST_MakePoint((area->>'lon')::float8, (area->>'lat')::float8), 4326)::geography AS geog, (area->>'radiusKm')::float8 AS radius_km FROM subscriptions`,
        );
        await loader.query('CREATE INDEX bench_points_geog ON bench_points USING gist (geog)');
        opts.log(`PostGIS points and GiST index in ${((performance.now() - p0) / 1000).toFixed(1)} s`);
      }
      // JIT compilation costs more than it saves on either query at these sizes (measured: 200–400 ms of
      // compiling for queries that run in less), and the platform plans with it off (plan-dispatch.ts):
      // off for both, on this scratch database, for the connections opened from here on.
      await loader.query(`ALTER DATABASE "${new URL(scratch.url).pathname.slice(1)}" SET jit = off`);
      await loader.query(`VACUUM ANALYZE subscriptions`);
      await loader.query(`VACUUM ANALYZE subscription_cells`);
      if (!missing) await loader.query('VACUUM ANALYZE bench_points');
      await loader.end();
      loader = undefined;
      // New connections, so they take the database's settings.
      await store.close();
      store = await openDatabase({ mode: 'postgres', url: scratch.url, poolMax: 2 });
      const db = store.db as unknown as Kysely<unknown>;

      // The zone's cells exactly as publication stores them (publish-version.ts).
      const geo = await loadMoroccoBoundaries();
      const zone = { circles: [{ center: CASABLANCA, radiusKm: RADIUS_KM }], provinces: [], regions: [], polygons: [] };
      const stored = compactZoneCells(zoneCells(zone, geo));
      const h3Query = sql<{ n: string }>`SELECT count(*) AS n FROM (${whoIsInside(stored, CHANNEL)}) i`;
      // The zone's bands computed afresh each time (the fragment would otherwise reuse the last zone's).
      const bandsMs: number[] = [];
      const h3Fresh = () => {
        const b0 = performance.now();
        const bands = zoneBands(stored);
        bandsMs.push(performance.now() - b0);
        return sql<{ n: string }>`SELECT count(*) AS n FROM (${whoIsInside(stored, CHANNEL, bands)}) i`;
      };
      const casa = sql`ST_SetSRID(ST_MakePoint(${CASABLANCA.lon}, ${CASABLANCA.lat}), 4326)::geography`;
      const gisQuery = sql<{ n: string }>`SELECT count(*) AS n FROM bench_points WHERE ST_DWithin(geog, ${casa}, ${RADIUS_KM * 1000})`;
      const h3 = () => h3Fresh().execute(db).then((r) => Number(r.rows[0]?.n ?? 0));
      const postgis = () => gisQuery.execute(db).then((r) => Number(r.rows[0]?.n ?? 0));

      for (let i = 0; i < 2; i++) {
        await h3();
        if (!missing) await postgis();
      }
      const h3Times: number[] = [];
      const gisTimes: number[] = [];
      let h3Count = 0;
      let gisCount = 0;
      for (let i = 0; i < runs; i++) {
        // Alternate which goes first, so a burst of load elsewhere hits both.
        const order = i % 2 === 0 ? ['h3', 'gis'] : ['gis', 'h3'];
        for (const which of order) {
          if (which === 'h3') {
            const r = await timed(h3);
            h3Times.push(r.s);
            h3Count = r.count;
          } else if (!missing) {
            const r = await timed(postgis);
            gisTimes.push(r.s);
            gisCount = r.count;
          }
        }
      }
      let exact: number | null = null;
      if (!missing) {
        const r = await sql<{ n: string }>`
          SELECT count(*) AS n FROM bench_points
           WHERE ST_DWithin(geog, ${casa}, ${(RADIUS_KM + 10) * 1000}) AND ST_DWithin(geog, ${casa}, ${RADIUS_KM * 1000} + radius_km * 1000)`.execute(db);
        exact = Number(r.rows[0]?.n ?? 0);
      }
      // Where the time goes (server defaults, as the platform runs): logged for whoever tunes the query.
      opts.log(`whoIsInside plan: ${await planSummary(db, h3Query)}`);
      if (process.env.BENCH_PLAN) for (const r of (await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${h3Query}`.execute(db)).rows) opts.log(r['QUERY PLAN']);
      if (!missing) opts.log(`PostGIS plan: ${await planSummary(db, gisQuery)}`);
      const h3Median = percentile(h3Times, 50);
      const gisMedian = missing ? null : percentile(gisTimes, 50);
      opts.log(`whoIsInside ${h3Count.toLocaleString('en')} in ${(h3Median * 1000).toFixed(0)} ms (median of ${runs}; of which the zone's distance bands ${percentile(bandsMs, 50).toFixed(0)} ms); PostGIS ${missing ? 'n/a' : `${gisCount.toLocaleString('en')} in ${((gisMedian ?? 0) * 1000).toFixed(0)} ms`}`);

      const scale = `${count.toLocaleString('en')} subscriptions, ${cells.toLocaleString('en')} cells; zone ${stored.length} compacted cells`;
      const peer = missing ? null : `PostGIS ST_DWithin(geog, Casablanca, 160 km) count, GiST index, same points, same run`;
      const why = missing ? `no PostGIS peer: ${missing}` : undefined;
      const diff = (a: number, b: number): string => `${a - b >= 0 ? '+' : ''}${(a - b).toLocaleString('en')} (${b ? (((a - b) / b) * 100).toFixed(2) : '?'}%)`;
      const countNote = missing
        ? why
        : `whoIsInside counts subscriptions whose circle meets the zone's H3 cover (the cover reaches up to one res-7 cell past the 160 km circle, a subscriber's cells up to one res-6 cell past their circle); PostGIS counts points inside the exact 160 km circle; exact "subscriber's circle meets the zone's circle": ${exact?.toLocaleString('en')}, i.e. points ${diff(exact ?? 0, gisCount)} and cells ${diff(h3Count, exact ?? 0)} over it (few synthetic subscribers live near this zone's edge)`;
      const figures: FigureInput[] = [
        { name: 'who-is-inside.casablanca-160km.median', value: h3Median, unit: 's', peer, baseline: gisMedian, target: below(1, 's'), note: `${scale}; median of ${runs} warm runs${why ? `; ${why}` : ''}` },
        { name: 'who-is-inside.casablanca-160km.vs-postgis', value: h3Median, unit: 's', peer, baseline: gisMedian, target: ratioBelow(1), ...(why ? { note: why } : {}) },
        { name: 'who-is-inside.casablanca-160km.count', value: h3Count, unit: 'subscriptions', peer, baseline: missing ? null : gisCount, target: null, ...(countNote ? { note: countNote } : {}) },
      ];
      return figures;
    } finally {
      await loader?.end().catch(() => undefined);
      await store?.close();
      await scratch?.drop();
    }
  },
};
