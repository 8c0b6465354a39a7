/**
 * Helpers for the backup tests: databases that outlive the process that used them (a server is
 * stopped, the database restored, the server started again), a bare context to restore with (no
 * migration, no seeding, no job queue: what `tifli restore` opens), and a fingerprint of a database's
 * whole content to compare before and after.
 *
 * @example
 *   const db = await scratchDatabase({ SHRED_LEDGER_FILE: ledger });
 *   const server = await startServer(db.config, clock);       // boot + HTTP app, like `tifli serve`
 *   const before = await fingerprint(server.ctx.store.db);
 *   await server.stop();
 *   const bare = await bareContext(db.config, clock);         // like `tifli restore`
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createTestConfig, type TestContext } from '../support/test-store.ts';
import { boot } from '../../src/app/bootstrap.ts';
import type { AppContext } from '../../src/app/context.ts';
import type { Config } from '../../src/config/config.ts';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { loadMasterKeyRing } from '../../src/platform/crypto/master-keys.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { VERSION } from '../../src/platform/version.ts';
import { openDatabase } from '../../src/store/database.ts';
import { appliedMigrations, jobTable, listDataTables, readLiveJobsPage, readRowsPage, readSequences, useCanonicalTextForms } from '../../src/store/repositories/backup.repository.ts';
import type { DB } from '../../src/store/schema.ts';

export interface ScratchDatabase {
  readonly config: Config;
  readonly dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database (PGlite directory, or a new PostgreSQL database when DATABASE_URL is set). */
export async function scratchDatabase(env: Record<string, string> = {}): Promise<ScratchDatabase> {
  const { config, dataDir, cleanup } = await createTestConfig({ LOG_LEVEL: 'silent', ...env });
  return { config, dataDir, drop: cleanup };
}

export interface Server {
  /** Shaped as a TestContext for the sign-in helpers. */
  readonly ctx: TestContext;
  readonly app: HttpApp;
  stop(): Promise<void>;
}

/** What `tifli serve` does at start (migrate, seed, job queue, HTTP), without listening. */
export async function startServer(config: Config, clock: Clock): Promise<Server> {
  const booted = await boot(config, { log: createLogger('silent'), clock });
  const ctx: TestContext = { ...booted, clock, dataDir: config.dataDir, logLines: [], close: booted.close };
  const app = await buildHttpApp(ctx);
  return {
    ctx,
    app,
    async stop() {
      await app.close();
      await booted.close();
    },
  };
}

export type BareContext = Pick<AppContext, 'store' | 'keys' | 'clock' | 'config' | 'log' | 'version'> & { close(): Promise<void> };

/** The database opened as `tifli backup` and `tifli restore` open it. */
export async function bareContext(config: Config, clock: Clock): Promise<BareContext> {
  const store = await openDatabase(config.database);
  const keys = await loadMasterKeyRing(config);
  return { store, keys, clock, config, log: createLogger('silent'), version: VERSION, close: () => store.close() };
}

export interface Fingerprint {
  readonly migrations: readonly string[];
  readonly tables: Readonly<Record<string, string>>;
  readonly rows: Readonly<Record<string, number>>;
  readonly sequences: readonly unknown[];
  readonly jobs: string;
}

const digest = (lines: readonly string[]): string => createHash('sha256').update([...lines].sort().join('\n')).digest('hex');

/** Every row of every table (as PostgreSQL's text form of each value), the sequences and the pending jobs. */
export async function fingerprint(db: Kysely<DB>): Promise<Fingerprint> {
  return db.transaction().execute(async (trx) => {
    await useCanonicalTextForms(trx);
    const tables: Record<string, string> = {};
    const rows: Record<string, number> = {};
    for (const t of await listDataTables(trx)) {
      const all: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await readRowsPage(trx, t, after, 1000);
        all.push(...page.map((r) => r.row));
        const last = page.at(-1);
        if (!last || page.length < 1000) break;
        after = last.ctid;
      }
      tables[t.name] = digest(all);
      rows[t.name] = all.length;
    }
    const jobs = await jobTable(trx);
    const jobRows = jobs ? (await readLiveJobsPage(trx, jobs, undefined, 100_000)).map((r) => r.row) : [];
    return { migrations: await appliedMigrations(trx), tables, rows, sequences: await readSequences(trx), jobs: digest(jobRows) };
  });
}

/** Whether `needle` appears in any value of any table. */
export async function databaseContains(db: Kysely<DB>, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const t of await listDataTables(db)) {
    let after: string | undefined;
    for (;;) {
      const page = await readRowsPage(db, t, after, 1000);
      if (page.some((r) => r.row.includes(needle))) {
        found.push(t.name);
        break;
      }
      const last = page.at(-1);
      if (!last || page.length < 1000) break;
      after = last.ctid;
    }
  }
  return found;
}
