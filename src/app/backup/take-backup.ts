/**
 * `tifli backup`: a logical copy of the whole database, the same in both modes, read in one snapshot
 * (a REPEATABLE READ, READ ONLY transaction: every table as of one instant, while the server keeps
 * running on PostgreSQL) and written sealed (backup-file.ts).
 *
 * Why logical, in JavaScript, rather than pg_dump or PGlite's data-directory dump: one format and one
 * code path for both modes (the project's "one data layer"), no external binary whose major version
 * must be at least the server's (pg_dump 15 cannot dump a PostgreSQL 16 server, and no pg_dump can
 * reach PGlite, which is PostgreSQL 17 without a socket), a backup of the embedded pilot restores into
 * PostgreSQL, the file is sealed and authenticated as it is written, and the restore can do what only
 * the application knows: rebuild the schema with its own migrations, check the audit chain, and
 * re-apply crypto-shredding from the shred ledger. What it copies: every row of every table of the
 * application (schema public) as PostgreSQL's text form of each value (exact for every type), the
 * sequences, and the job queue's pending jobs (the outbox: jobs still to run). It leaves out what is
 * rebuilt: the migrations' bookkeeping (from the migration list it records), generated columns, and
 * pg-boss's history, schedules and statistics.
 *
 * Content lines (JSON): a `meta` line (release, migrations, pg-boss schema version, tables and
 * columns), then per table `{kind:'table'}`, one array per row, `{kind:'end', rows}`; the sequences;
 * the pending jobs as table `pgboss.job`; a `trailer` with the totals.
 *
 * Before reading, the shred ledger is brought up to date (shred-ledger.ts), so every erasure this
 * backup already carries is also recorded outside it.
 *
 * @example
 *   const report = await takeBackup(ctx, '/var/backups/tifli-2026-11-22.bak');
 *   // { file, bytes, tables: 31, rows: 18204, jobs: 3, masterKeyId: 'k2', ledger: { added: 0, total: 12 } }
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import {
  appliedMigrations,
  jobTable,
  listDataTables,
  pgbossSchemaVersion,
  qualified,
  readLiveJobsPage,
  readRowsPage,
  readSequences,
  type TableInfo,
  useCanonicalTextForms,
} from '../../store/repositories/backup.repository.ts';
import type { AppContext } from '../context.ts';
import { writeBackupFile } from './backup-file.ts';
import { syncShredLedger } from './shred-ledger.ts';

/** The first content line. */
export interface BackupMeta {
  readonly kind: 'meta';
  readonly appVersion: string;
  readonly databaseMode: 'embedded' | 'postgres';
  readonly createdAt: string;
  /** Migrations applied when the backup was taken, in order. */
  readonly migrations: readonly string[];
  readonly pgbossSchemaVersion: number | null;
  readonly tables: readonly TableInfo[];
  /** pg-boss's job table as it was (columns), or null without a job queue. */
  readonly jobs: TableInfo | null;
}

export type BackupLine =
  | BackupMeta
  | { readonly kind: 'table'; readonly name: string }
  | { readonly kind: 'end'; readonly name: string; readonly rows: number }
  | { readonly kind: 'sequences'; readonly values: readonly { readonly schema: string; readonly name: string; readonly last: string | null }[] }
  | { readonly kind: 'trailer'; readonly tables: number; readonly rows: number; readonly jobs: number };

export interface BackupReport {
  readonly file: string;
  readonly bytes: number;
  readonly tables: number;
  readonly rows: number;
  readonly jobs: number;
  readonly masterKeyId: string;
  readonly ledger: { readonly added: number; readonly total: number };
}

const hasBinary = (t: TableInfo): boolean => t.columns.some((c) => c.type === 'bytea');

type BackupContext = Pick<AppContext, 'store' | 'keys' | 'config' | 'version' | 'clock'>;

export async function takeBackup(ctx: BackupContext, file: string, options: { overwrite?: boolean } = {}): Promise<BackupReport> {
  const ledger = await syncShredLedger(ctx.store.db, ctx.config.shredLedgerFile);
  const counts = { tables: 0, rows: 0, jobs: 0 };
  const written = await ctx.store.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await useCanonicalTextForms(trx);
      return writeBackupFile(file, ctx.keys, contentLines(trx, ctx, counts), { ...(options.overwrite ? { overwrite: true } : {}), now: ctx.clock.now() });
    });
  return { file, bytes: written.bytes, ...counts, masterKeyId: written.header.masterKeyId, ledger };
}

async function* contentLines(db: Kysely<DB>, ctx: BackupContext, counts: { tables: number; rows: number; jobs: number }): AsyncGenerator<string> {
  const tables = await listDataTables(db);
  const jobs = await jobTable(db);
  const meta: BackupMeta = {
    kind: 'meta',
    appVersion: ctx.version,
    databaseMode: ctx.store.mode,
    createdAt: ctx.clock.now().toISOString(),
    migrations: await appliedMigrations(db),
    pgbossSchemaVersion: await pgbossSchemaVersion(db),
    tables,
    jobs: jobs ?? null,
  };
  yield JSON.stringify(meta);

  for (const table of tables) {
    const name = qualified(table);
    yield JSON.stringify({ kind: 'table', name } satisfies BackupLine);
    const pageSize = hasBinary(table) ? 16 : 1000;
    let after: string | undefined;
    let rows = 0;
    for (;;) {
      const page = await readRowsPage(db, table, after, pageSize);
      for (const r of page) yield r.row;
      rows += page.length;
      const last = page.at(-1);
      if (!last || page.length < pageSize) break;
      after = last.ctid;
    }
    yield JSON.stringify({ kind: 'end', name, rows } satisfies BackupLine);
    counts.tables += 1;
    counts.rows += rows;
  }

  yield JSON.stringify({ kind: 'sequences', values: await readSequences(db) } satisfies BackupLine);

  if (jobs) {
    yield JSON.stringify({ kind: 'table', name: qualified(jobs) } satisfies BackupLine);
    let after: { name: string; id: string } | undefined;
    for (;;) {
      const page = await readLiveJobsPage(db, jobs, after, 500);
      for (const r of page) yield r.row;
      counts.jobs += page.length;
      const last = page.at(-1);
      if (!last || page.length < 500) break;
      after = { name: last.name, id: last.id };
    }
    yield JSON.stringify({ kind: 'end', name: qualified(jobs), rows: counts.jobs } satisfies BackupLine);
  }
  yield JSON.stringify({ kind: 'trailer', tables: counts.tables, rows: counts.rows, jobs: counts.jobs } satisfies BackupLine);
}
