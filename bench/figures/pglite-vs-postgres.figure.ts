/**
 * The embedded database against PostgreSQL on one workload, through the project's own data layer
 * (openDatabase + migrateToLatest, in this process): single-row inserts each in its own transaction,
 * primary-key selects, 10,000-row batch inserts, and a grouped aggregate over the table. Each phase is
 * cut into slices run alternately on PGlite and PostgreSQL, so both see the same machine load.
 * Value = PGlite rate, baseline = PostgreSQL rate, ratio = PGlite / PostgreSQL.
 */
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrator.ts';
import type { DB } from '../../src/store/schema.ts';
import type { FigureInput, FigureModule } from '../lib/figure.ts';
import { createScratchDatabase, postgresUnavailable, type ScratchDatabase } from '../lib/postgres.ts';
import { ratePerSecond } from '../lib/stats.ts';
import { makeTempDir } from '../lib/temp-dir.ts';

interface ScratchTable {
  id: number;
  n: number;
  payload: string;
}
type BenchDb = Kysely<DB & { bench_scratch: ScratchTable }>;

const PAYLOAD = 'synthetic bench row — no personal data — '.padEnd(96, '.');
const BATCH_ROWS = 10_000;

interface Sizes {
  /** Single-row inserts, and primary-key selects, in all. */
  readonly singles: number;
  /** Grouped aggregates in all. */
  readonly aggregates: number;
  /** 10,000-row batch inserts in all. */
  readonly batches: number;
  /** Each phase is cut into this many slices, run alternately on each engine (ABBA), so a burst of
   * load from elsewhere on the machine hits both engines rather than one. */
  readonly slices: number;
}

interface Phase {
  readonly key: string;
  readonly unit: string;
  /** Slices this phase is cut into; a slice must leave the table as the other engine will find it. */
  slices(s: Sizes): number;
  /** Runs slice `k` of the phase; returns how many operations (or rows) it did. */
  runSlice(db: BenchDb, s: Sizes, k: number): Promise<number>;
}

/** The half-open range [from, to) of 0-based operation indices in slice k of `total`. */
function sliceRange(total: number, slices: number, k: number): { from: number; to: number } {
  return { from: Math.floor((total * k) / slices), to: Math.floor((total * (k + 1)) / slices) };
}

const insertOne = (db: BenchDb, id: number) =>
  db.transaction().execute((trx) => trx.insertInto('bench_scratch').values({ id, n: id % 100, payload: PAYLOAD }).execute());

const PHASES: readonly Phase[] = [
  {
    key: 'insert-tx',
    unit: 'ops/s',
    slices: (s) => s.slices,
    async runSlice(db, s, k) {
      const { from, to } = sliceRange(s.singles, s.slices, k);
      for (let i = from; i < to; i++) await insertOne(db, i + 1);
      return to - from;
    },
  },
  {
    key: 'select-pk',
    unit: 'ops/s',
    slices: (s) => s.slices,
    async runSlice(db, s, k) {
      const { from, to } = sliceRange(s.singles, s.slices, k);
      // A prime stride visits every inserted row once, in a non-sequential order.
      for (let i = from; i < to; i++) {
        const id = ((i * 7919) % s.singles) + 1;
        await db.selectFrom('bench_scratch').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      }
      return to - from;
    },
  },
  {
    key: 'batch-insert',
    unit: 'rows/s',
    slices: (s) => s.batches,
    async runSlice(db, _s, k) {
      const first = 1_000_000 * (k + 1);
      const rows = Array.from({ length: BATCH_ROWS }, (_, i) => ({ id: first + i, n: i % 100, payload: PAYLOAD }));
      await db.insertInto('bench_scratch').values(rows).execute();
      return BATCH_ROWS;
    },
  },
  {
    key: 'aggregate',
    unit: 'ops/s',
    slices: (s) => s.slices,
    async runSlice(db, s, k) {
      const { from, to } = sliceRange(s.aggregates, s.slices, k);
      for (let i = from; i < to; i++) {
        await db
          .selectFrom('bench_scratch')
          .select((eb) => ['n', eb.fn.countAll<string>().as('rows'), eb.fn.avg<string>(sql<number>`length(payload)`).as('avg_len')])
          .groupBy('n')
          .execute();
      }
      return to - from;
    },
  },
];

/** Total operations and milliseconds per engine for one phase, slices alternating ABBA. */
async function runPhase(phase: Phase, engines: readonly BenchDb[], s: Sizes): Promise<number[]> {
  const totals = engines.map(() => ({ count: 0, ms: 0 }));
  const slices = phase.slices(s);
  for (let k = 0; k < slices; k++) {
    const order = k % 2 === 0 ? engines.map((_, i) => i) : engines.map((_, i) => engines.length - 1 - i);
    for (const i of order) {
      const db = engines[i];
      const total = totals[i];
      if (!db || !total) continue;
      const started = performance.now();
      total.count += await phase.runSlice(db, s, k);
      total.ms += performance.now() - started;
    }
  }
  return totals.map((t) => ratePerSecond(t.count, t.ms));
}

interface Engine {
  readonly store: Database;
  readonly db: BenchDb;
  close(): Promise<void>;
}

async function prepare(store: Database, close: () => Promise<void>): Promise<Engine> {
  try {
    await migrateToLatest(store.db);
    const db = store.db.withTables<{ bench_scratch: ScratchTable }>();
    await sql`create table bench_scratch (id integer primary key, n integer not null, payload text not null)`.execute(db);
    // Warm-up in a separate id range, so both engines start the measured phases warm.
    for (let id = -50; id < 0; id++) await insertOne(db, id);
    for (let id = -50; id < 0; id++) await db.selectFrom('bench_scratch').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return { store, db, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function openPglite(): Promise<Engine> {
  const dir = await makeTempDir();
  const store = await openDatabase({ mode: 'embedded', dir: path.join(dir.path, 'pglite') });
  return prepare(store, async () => {
    await store.close();
    await dir.remove();
  });
}

async function openPostgres(scratch: ScratchDatabase): Promise<Engine> {
  const store = await openDatabase({ mode: 'postgres', url: scratch.url, poolMax: 10 });
  return prepare(store, () => store.close());
}

export const pgliteVsPostgresFigure: FigureModule = {
  name: 'pglite-vs-postgres',
  description: 'PGlite vs PostgreSQL through openDatabase (Kysely), same process and workload: transactional single inserts, PK selects, 10k-row batch, grouped aggregate',
  async run(opts) {
    const sizes: Sizes = opts.quick ? { singles: 200, aggregates: 10, batches: 2, slices: 4 } : { singles: 2000, aggregates: 50, batches: 6, slices: 10 };
    const unavailable = await postgresUnavailable(opts.postgresUrl);
    if (unavailable) opts.log(`${unavailable}; measuring PGlite alone`);

    let scratch: ScratchDatabase | undefined;
    const engines: Engine[] = [];
    try {
      if (!unavailable) scratch = await createScratchDatabase(opts.postgresUrl);
      const openStarted = performance.now();
      const opening = await Promise.allSettled([openPglite(), scratch ? openPostgres(scratch) : Promise.resolve(undefined)]);
      for (const o of opening) if (o.status === 'fulfilled' && o.value) engines.push(o.value);
      for (const o of opening) if (o.status === 'rejected') throw o.reason;
      const [pglite, postgres] = engines;
      if (!pglite) throw new Error('PGlite did not open');
      opts.log(`opened and migrated in ${((performance.now() - openStarted) / 1000).toFixed(1)} s`);
      const version = postgres ? (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(postgres.db)).rows[0]?.v : undefined;
      const peer = `PostgreSQL${version ? ` ${version.split(' ')[0]}` : ''} via node-postgres, same workload in this process`;

      const figures: FigureInput[] = [];
      for (const phase of PHASES) {
        const rates = await runPhase(phase, engines.map((e) => e.db), sizes);
        const value = rates[0];
        if (value === undefined) throw new Error(`phase ${phase.key} measured nothing on PGlite`);
        const baseline = rates[1] ?? null;
        opts.log(`${phase.key}: PGlite ${value.toFixed(0)} ${phase.unit}, PostgreSQL ${baseline === null ? 'n/a' : baseline.toFixed(0)} ${phase.unit}`);
        figures.push({
          name: `pglite-vs-postgres.${phase.key}`,
          value,
          unit: phase.unit,
          peer,
          baseline,
          target: null,
          ...(unavailable ? { note: `${unavailable}; PGlite measured alone` } : {}),
        });
      }
      return figures;
    } finally {
      await Promise.all(engines.map((e) => e.close()));
      await scratch?.drop();
    }
  },
};
