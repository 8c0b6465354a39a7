/**
 * The shred ledger: every crypto-shredded data key, recorded outside the database (SHRED_LEDGER_FILE,
 * one JSON line each: owner type and id, data key id, when), so that a restore can destroy again what
 * was destroyed after its backup was taken.
 *
 * Why it exists: a backup taken before a shred holds that case's data key, sealed under a master key
 * that still exists. Restoring it naively would bring the erased data back. Every restore therefore
 * reads the ledger and destroys, in the restoring transaction, each listed key the backup still has
 * (app/backup/restore-backup.ts). Without a ledger a restore refuses to run unless told explicitly.
 *
 * The ledger is only ever copied from the database, never written ahead of it: a key appears here once
 * its destruction has committed, so a rolled-back shred can never take a live case's key at restore.
 * Copies run every minute (a worker cron), before every backup, and before a restore replaces a
 * database (which still knows every shred). Lines are appended and fsynced; a line torn by a crash is
 * skipped on reading and written again by the next copy, because the database still lists that key.
 *
 * Keep the file on storage that outlives the database and is not restored with it (with several
 * worker hosts: storage they share). It holds case ids, never personal data; it is created 0600.
 *
 * @example
 *   await syncShredLedger(ctx.store.db, ctx.config.shredLedgerFile);  // { added: 1, total: 12 }
 *   const ledger = await readShredLedger(file);                       // { exists, entries, damagedLines }
 */
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { listDestroyedDataKeys } from '../../store/repositories/backup.repository.ts';
import type { DB } from '../../store/schema.ts';

export interface ShredEntry {
  readonly ownerType: string;
  readonly ownerId: string;
  readonly dataKeyId: string;
  /** ISO 8601. */
  readonly destroyedAt: string;
}

export interface ShredLedger {
  /** False when there is no ledger file at all (as opposed to an empty one). */
  readonly exists: boolean;
  readonly entries: readonly ShredEntry[];
  /** Lines that could not be read (a torn last line): their keys come back with the next copy. */
  readonly damagedLines: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OWNER_TYPE = /^[a-z][a-z0-9_]{0,31}$/;

const ownerKey = (e: Pick<ShredEntry, 'ownerType' | 'ownerId'>): string => `${e.ownerType}:${e.ownerId.toLowerCase()}`;

function parseEntry(line: string): ShredEntry | undefined {
  try {
    const v = JSON.parse(line) as Partial<Record<keyof ShredEntry, unknown>>;
    const { ownerType, ownerId, dataKeyId, destroyedAt } = v;
    if (typeof ownerType !== 'string' || !OWNER_TYPE.test(ownerType)) return undefined;
    if (typeof ownerId !== 'string' || !UUID.test(ownerId) || typeof dataKeyId !== 'string' || !UUID.test(dataKeyId)) return undefined;
    if (typeof destroyedAt !== 'string' || Number.isNaN(Date.parse(destroyedAt))) return undefined;
    return { ownerType, ownerId: ownerId.toLowerCase(), dataKeyId: dataKeyId.toLowerCase(), destroyedAt };
  } catch {
    return undefined;
  }
}

export async function readShredLedger(file: string): Promise<ShredLedger> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, entries: [], damagedLines: 0 };
    throw err;
  }
  const seen = new Map<string, ShredEntry>();
  let damagedLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const entry = parseEntry(line);
    if (!entry) {
      damagedLines += 1;
      continue;
    }
    if (!seen.has(ownerKey(entry))) seen.set(ownerKey(entry), entry);
  }
  return { exists: true, entries: [...seen.values()], damagedLines };
}

/** Appends entries durably (fsync), creating the file 0600 if needed; repairs a torn last line first. */
async function append(file: string, entries: readonly ShredEntry[], create: boolean): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const handle = await open(file, 'a+', 0o600);
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    if (entries.length > 0 || create) {
      await handle.appendFile(prefix + entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
      await handle.sync();
    }
  } finally {
    await handle.close();
  }
}

/** Copies every destroyed key the database lists and the ledger lacks into the ledger (creating it). */
export async function syncShredLedger(db: Kysely<DB>, file: string): Promise<{ added: number; total: number }> {
  const ledger = await readShredLedger(file);
  const known = new Set(ledger.entries.map(ownerKey));
  const missing = (await listDestroyedDataKeys(db))
    .map((k) => ({ ownerType: k.ownerType, ownerId: k.ownerId.toLowerCase(), dataKeyId: k.dataKeyId.toLowerCase(), destroyedAt: k.destroyedAt.toISOString() }))
    .filter((e) => !known.has(ownerKey(e)));
  if (missing.length > 0 || !ledger.exists) await append(file, missing, !ledger.exists);
  return { added: missing.length, total: known.size + missing.length };
}
