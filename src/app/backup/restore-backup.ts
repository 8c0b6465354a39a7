/**
 * `tifli restore`: puts a backup (take-backup.ts) back, in either mode, all or nothing.
 *
 * 1. The whole file is read once first: it must authenticate under the master key it names, end with
 *    its trailer, and come from migrations this release knows (the same ones, in the same order).
 * 2. A database that already holds data is replaced only with `force`; on PostgreSQL no other Tifli
 *    session may be connected (stop servers and workers first). Before replacing, the shreds the
 *    current database knows are copied to the shred ledger.
 * 3. One transaction: the application's schema is dropped and rebuilt by the migrations the backup
 *    was taken with; foreign keys and triggers are set aside while rows are copied back (the text form
 *    of each value, cast to its column's type), then restored (every row is checked against every
 *    foreign key again); sequences are set; newer migrations run; the audit chain must verify against
 *    its anchor; and every data key listed in the shred ledger is destroyed again (reason
 *    `backup.restore_reshred`, audited). The job queue's pending jobs replace the queue's content.
 *    Nothing commits unless all of this, the file's authentication included, succeeded.
 *
 * Crypto-shredding against old backups: a backup taken before a case's key was destroyed still holds
 * that key, sealed under a master key that still exists. The ledger makes the restore destroy it again
 * before the transaction commits, so the erased data never becomes readable through a restore, and
 * a restore without a ledger is refused unless `withoutShredLedger` says the operator knows no shred
 * happened since (or accepts it). The ledger is procedural: someone with the backup file AND its
 * master key could decrypt without this tool. The cryptographic bound is master-key rotation: once
 * every value is re-wrapped under a new key (`tifli keys rotate`) and the old key is destroyed, every
 * backup sealed under the old key, and every data key inside it, is unreadable. See ARCHITECTURE.md.
 *
 * @example
 *   const report = await restoreBackup(ctx, '/var/backups/tifli-2026-11-22.bak', { force: true });
 *   // { tables: 31, rows: 18204, jobs: { restored: 3, skipped: 0 }, reshredded: 2, audit: { entries: 9120 }, … }
 */
import type { Actor } from '../../domain/actor.ts';
import { keyOwner } from '../../platform/crypto/field-cipher.ts';
import { startJobQueue } from '../../jobs/job-queue.ts';
import { knownMigrations, migrateTo, migrateToLatest } from '../../store/migrator.ts';
import {
  addForeignKey,
  deleteAllJobs,
  deleteAllRows,
  dropForeignKey,
  insertRows,
  jobTable,
  listDataTables,
  listForeignKeys,
  nonEmptyTables,
  otherApplicationSessions,
  pgbossSchemaVersion,
  qualified,
  recreatePublicSchema,
  setSequence,
  setUserTriggers,
  type TableInfo,
  useCanonicalTextForms,
} from '../../store/repositories/backup.repository.ts';
import { findDataKey } from '../../store/repositories/data-keys.repository.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import type { AppContext } from '../context.ts';
import { destroyDataKey } from '../crypto/data-keys.ts';
import { masterKeyStatus } from '../crypto/master-key-rotation.ts';
import { BackupFileError, readBackupHeader, readBackupLines } from './backup-file.ts';
import { readShredLedger, type ShredEntry, syncShredLedger } from './shred-ledger.ts';
import type { BackupLine, BackupMeta } from './take-backup.ts';

export interface RestoreOptions {
  /** Replace a database that holds data. */
  readonly force?: boolean;
  /** Restore although there is no shred ledger (erasures made after the backup would come back). */
  readonly withoutShredLedger?: boolean;
}

export interface RestoreReport {
  readonly backupCreatedAt: string;
  readonly tables: number;
  readonly rows: number;
  readonly jobs: { readonly restored: number; readonly skipped: number };
  readonly migrationsAfter: readonly string[];
  /** Data keys destroyed again from the shred ledger. */
  readonly reshredded: number;
  readonly audit: { readonly entries: number; readonly lastSeq: string };
  /** Master keys that seal restored values but are missing from MASTER_KEYS. */
  readonly missingKeyIds: readonly string[];
  /** Ledger lines that could not be read (a line torn by a crash): their erasures could not be re-applied. */
  readonly ledgerDamagedLines: number;
}

/** The restore will not run (not a fault of the file): data present without force, sessions open, no ledger. */
export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

export const RESHRED_REASON = 'backup.restore_reshred';
const RESTORE_ACTOR: Actor = { kind: 'system', process: 'backup.restore' };
const BATCH_ROWS = 500;
const BATCH_BYTES = 8 * 1024 * 1024;

type RestoreContext = Pick<AppContext, 'store' | 'keys' | 'clock' | 'config' | 'log'>;

function parseLine(line: string, file: string): BackupLine {
  try {
    return JSON.parse(line) as BackupLine;
  } catch {
    throw new BackupFileError(`${file} holds a line that is not JSON.`);
  }
}

/** Reads the whole backup once: authenticated, complete, and from migrations this release knows. */
async function verifyBackup(ctx: RestoreContext, file: string): Promise<BackupMeta> {
  let meta: BackupMeta | undefined;
  let current: { name: string; rows: number } | undefined;
  let trailer: Extract<BackupLine, { kind: 'trailer' }> | undefined;
  let rows = 0;
  for await (const line of readBackupLines(file, ctx.keys)) {
    if (trailer) throw new BackupFileError(`${file} holds data after its trailer.`);
    if (line.startsWith('[')) {
      if (!current) throw new BackupFileError(`${file} holds a row outside any table.`);
      current.rows += 1;
      continue;
    }
    const l = parseLine(line, file);
    switch (l.kind) {
      case 'meta':
        meta = l;
        break;
      case 'table':
        current = { name: l.name, rows: 0 };
        break;
      case 'end':
        if (!current || current.name !== l.name || current.rows !== l.rows) throw new BackupFileError(`${file}: table ${l.name} does not hold the rows it announces.`);
        if (l.name !== 'pgboss.job') rows += l.rows;
        current = undefined;
        break;
      case 'sequences':
        break;
      case 'trailer':
        trailer = l;
        break;
    }
  }
  if (!meta || !trailer || trailer.rows !== rows) throw new BackupFileError(`${file} is incomplete (no meta line or trailer, or the totals differ).`);
  const known = await knownMigrations();
  const same = meta.migrations.every((m, i) => known[i] === m);
  if (!same || meta.migrations.length === 0) {
    throw new BackupFileError(`${file} was taken with migrations this release does not have in the same order (${meta.migrations.at(-1) ?? 'none'}); restore it with the release that made it.`);
  }
  return meta;
}

function sameColumns(a: TableInfo, b: TableInfo): boolean {
  return a.columns.length === b.columns.length && a.columns.every((c, i) => c.name === b.columns[i]?.name && c.type === b.columns[i]?.type);
}

export async function restoreBackup(ctx: RestoreContext, file: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  const { header } = await readBackupHeader(file);
  const meta = await verifyBackup(ctx, file);
  const db = ctx.store.db;

  if (ctx.store.mode === 'postgres') {
    const others = await otherApplicationSessions(db);
    if (others > 0) throw new RestoreRefused(`${others} other Tifli session(s) are connected to this database: stop every server and worker first.`);
  }
  const holding = await nonEmptyTables(db).catch(() => [] as string[]);
  if (holding.length > 0 && !options.force) {
    throw new RestoreRefused(`This database already holds data (${holding.slice(0, 5).join(', ')}${holding.length > 5 ? ', …' : ''}). Restoring replaces all of it: run again with --force if that is what you want.`);
  }
  // The database about to be replaced knows every shred made since the backup: record them first.
  if (holding.length > 0) await syncShredLedger(db, ctx.config.shredLedgerFile);
  const ledger = await readShredLedger(ctx.config.shredLedgerFile);
  if (!ledger.exists && !options.withoutShredLedger) {
    throw new RestoreRefused(
      `No shred ledger at ${ctx.config.shredLedgerFile}. Without it, data erased after this backup was taken would become readable again. Point SHRED_LEDGER_FILE at the ledger kept with your backups, or run with --without-shred-ledger if you accept that.`,
    );
  }

  // The job queue's schema, as this release makes it, for the pending jobs to go back into.
  const queue = await startJobQueue(ctx.store, ctx.config.database.mode === 'postgres' ? ctx.config.database.url : undefined, { supervise: false });
  await queue.stop();
  const jobsVersion = await pgbossSchemaVersion(db);
  if (meta.jobs && meta.pgbossSchemaVersion !== jobsVersion) {
    throw new BackupFileError(`${file} holds jobs of job-queue schema ${String(meta.pgbossSchemaVersion)}; this release has ${String(jobsVersion)}. Restore it with the release that made it.`);
  }

  const result = await db.transaction().execute(async (trx) => {
    await useCanonicalTextForms(trx);
    await recreatePublicSchema(trx);
    await migrateTo(trx, meta.migrations.at(-1) ?? '');
    const tables = new Map((await listDataTables(trx)).map((t) => [qualified(t), t]));
    const wanted = new Map(meta.tables.map((t) => [qualified(t), t]));
    const differs = [...new Set([...tables.keys(), ...wanted.keys()])].filter((name) => {
      const have = tables.get(name);
      const want = wanted.get(name);
      return !have || !want || !sameColumns(have, want);
    });
    if (differs.length) throw new BackupFileError(`${file} does not match the schema its migrations build here (${differs.join(', ')}).`);
    const jobs = meta.jobs ? await jobTable(trx) : undefined;
    if (meta.jobs && (!jobs || !sameColumns(jobs, meta.jobs))) throw new BackupFileError(`${file} holds jobs whose columns differ from the job queue here.`);

    const foreignKeys = await listForeignKeys(trx);
    for (const fk of foreignKeys) await dropForeignKey(trx, fk);
    for (const t of tables.values()) {
      await setUserTriggers(trx, t, false);
      await deleteAllRows(trx, t);
    }

    let table: TableInfo | undefined;
    let batch: string[] = [];
    let batchBytes = 0;
    let rows = 0;
    const jobCounts = { restored: 0, skipped: 0 };
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const isJobs = table === jobs;
      const inserted = await insertRows(trx, table, `[${batch.join(',')}]`, { onlyKnownQueues: isJobs });
      if (isJobs) {
        jobCounts.restored += inserted;
        jobCounts.skipped += batch.length - inserted;
      } else {
        if (inserted !== batch.length) throw new Error(`restore: ${qualified(table)} took ${inserted} of ${batch.length} rows`);
        rows += inserted;
      }
      batch = [];
      batchBytes = 0;
    };
    for await (const line of readBackupLines(file, ctx.keys)) {
      if (line.startsWith('[')) {
        batch.push(line);
        batchBytes += line.length;
        if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush();
        continue;
      }
      const l = parseLine(line, file);
      switch (l.kind) {
        case 'table':
          table = l.name === 'pgboss.job' ? jobs : tables.get(l.name);
          if (!table) throw new BackupFileError(`${file} holds rows for ${l.name}, which does not exist here.`);
          if (table === jobs) await deleteAllJobs(trx);
          break;
        case 'end':
          await flush();
          table = undefined;
          break;
        case 'sequences':
          for (const s of l.values) if (s.last !== null) await setSequence(trx, s.schema, s.name, s.last);
          break;
        case 'meta':
        case 'trailer':
          break;
      }
    }
    // The file authenticated to its last byte: now the database may become whole again.
    for (const fk of foreignKeys) await addForeignKey(trx, fk);
    for (const t of tables.values()) await setUserTriggers(trx, t, true);
    const { applied } = await migrateToLatest(trx);

    const audit = await verifyAudit({ store: { db: trx } });
    if (!audit.ok) throw new BackupFileError(`${file}: the audit chain does not verify (${JSON.stringify(audit.firstBreak)}); the backup was altered before it was sealed, or is not whole.`);

    const reshredded = await reshred(trx, ctx, ledger.entries);
    return { rows, tables: tables.size, jobs: jobCounts, migrationsAfter: applied, reshredded, audit: { entries: audit.entries, lastSeq: audit.last.seq } };
  });

  await syncShredLedger(db, ctx.config.shredLedgerFile);
  const status = await masterKeyStatus(ctx);
  ctx.log.info({ tables: result.tables, rows: result.rows, jobs: result.jobs, reshredded: result.reshredded, masterKeyId: header.masterKeyId }, 'backup restored');
  return { backupCreatedAt: meta.createdAt, ...result, missingKeyIds: status.missingKeyIds, ledgerDamagedLines: ledger.damagedLines };
}

/** Destroys again, in the restoring transaction, every listed key the restored data still holds. */
async function reshred(trx: Parameters<typeof destroyDataKey>[0], ctx: RestoreContext, entries: readonly ShredEntry[]): Promise<number> {
  let count = 0;
  for (const e of entries) {
    const owner = keyOwner(e.ownerType, e.ownerId);
    const row = await findDataKey(trx, owner);
    // An owner the backup does not know has nothing to erase; one already erased stays as it is.
    if (!row || row.destroyedAt) continue;
    const outcome = await destroyDataKey(trx, ctx, owner, RESHRED_REASON, RESTORE_ACTOR);
    if (!outcome.alreadyDestroyed) count += 1;
  }
  return count;
}
