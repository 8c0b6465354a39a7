/**
 * Crypto-shredding holds against backups taken before it (issue #8, point 7). A case's data key is
 * destroyed after a backup was taken; that backup still holds the key, sealed under a master key that
 * still exists. Restoring it, over the same database or after losing it, must not make the case's
 * sensitive fields readable again: the restore destroys the key again from the shred ledger kept
 * outside the database, in the restoring transaction. The other cases stay readable.
 *
 * The honest limits are tested too: without a ledger the restore is refused (and, if forced, the
 * erased data does come back: the ledger is what protects); and the cryptographic bound, a backup
 * sealed under a master key that has been removed, cannot be opened at all.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { takeBackup } from '../../src/app/backup/take-backup.ts';
import { RESHRED_REASON, restoreBackup, RestoreRefused } from '../../src/app/backup/restore-backup.ts';
import { BackupFileError } from '../../src/app/backup/backup-file.ts';
import { readShredLedger, syncShredLedger } from '../../src/app/backup/shred-ledger.ts';
import { DataKeyDestroyedError, destroyDataKey, getDataKey } from '../../src/app/crypto/data-keys.ts';
import { verifyAudit } from '../../src/app/audit/verify-audit.ts';
import { loadConfig } from '../../src/config/config.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { decryptField, keyOwner } from '../../src/platform/crypto/field-cipher.ts';
import { loadMasterKeyRing } from '../../src/platform/crypto/master-keys.ts';
import { seededRecord, validRecord } from '../../src/domain/case/case-fixtures.test-support.ts';
import { bareContext, type BareContext, databaseContains, scratchDatabase, type ScratchDatabase, startServer } from './backup-support.ts';
import { signInStaff, type Staff } from './alert-flow.ts';

const clock = new ManualClock('2026-03-11T14:00:00Z');
const DPO = { kind: 'system', process: 'test:dpo-erasure' } as const;
let dir: string;
let env: Record<string, string>;
let source: ScratchDatabase;
let staff: Staff;
let erased: string;
let kept: string;
let erasedWrappedKey: string;
let beforeShred: string;
const scratch: ScratchDatabase[] = [];

/** A record whose sensitive fields carry `tag`, so each case's values can be told apart. */
function recordWith(tag: string) {
  const r = validRecord();
  return { ...r, child: { ...r.child, health: { medicalNeeds: `${tag}-medical`, disability: `${tag}-disability` }, idCardNumber: `${tag.slice(0, 2).toUpperCase()}445566` } };
}

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tifli-shred-'));
  env = { SHRED_LEDGER_FILE: path.join(dir, 'ledger', 'shred-ledger.jsonl') };
  source = await scratchDatabase(env);
  const server = await startServer(source.config, clock);
  try {
    staff = await signInStaff(server.ctx, server.app);
    const open = async (record: unknown) => {
      const res = await server.app.inject({ method: 'POST', url: '/api/cases', headers: staff.officer, payload: { record } as Record<string, unknown> });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ case: { id: string } }>().case.id;
    };
    erased = await open(recordWith('ERASEME'));
    kept = await open(recordWith('KEEPME'));
    await open(seededRecord());
    erasedWrappedKey = (await server.ctx.store.db.selectFrom('data_keys').select('wrapped_key').where('owner_id', '=', erased).executeTakeFirstOrThrow()).wrapped_key ?? '';
    assert.ok(erasedWrappedKey.length > 20);

    // The backup is taken while the case's key still exists.
    beforeShred = path.join(dir, 'before-shred.bak');
    await takeBackup(server.ctx, beforeShred);

    // Then the case is erased through the crypto code (what retention and erasure requests call).
    await server.ctx.store.db.transaction().execute((trx) => destroyDataKey(trx, server.ctx, keyOwner('case', erased), 'dpo.erasure_request', DPO));
    const read = await server.app.inject({ method: 'GET', url: `/api/cases/${erased}?purpose=check`, headers: staff.officer });
    assert.equal(read.json<{ sensitiveErased: boolean }>().sensitiveErased, true);
    assert.ok(!read.body.includes('ERASEME'), 'erased in the live system');
  } finally {
    // No ledger copy has run yet (no worker here): the restore must find the shred by itself.
    await server.stop();
  }
});
after(async () => {
  for (const s of [source, ...scratch]) await s.drop();
  await rm(dir, { recursive: true, force: true });
});

/** What a reader of the restored database can get of the erased case's sensitive fields. */
async function assertErased(bare: BareContext): Promise<void> {
  await assert.rejects(getDataKey(bare.store.db, bare, keyOwner('case', erased)), DataKeyDestroyedError, 'the data key is gone');
  const row = await bare.store.db.selectFrom('data_keys').select(['wrapped_key', 'master_key_id', 'destroyed_reason']).where('owner_id', '=', erased).executeTakeFirstOrThrow();
  assert.deepEqual([row.wrapped_key, row.master_key_id], [null, null]);
  assert.deepEqual(await databaseContains(bare.store.db, erasedWrappedKey), [], 'the sealed key from the backup is nowhere in the restored database');
  // The ciphertext is still there, and no key in the database opens it.
  const sealed = await bare.store.db.selectFrom('cases').select('sensitive').where('id', '=', erased).executeTakeFirstOrThrow();
  assert.ok(sealed.sensitive, 'the sealed fields were restored as they were');
  for (const k of await bare.store.db.selectFrom('data_keys').select('owner_id').where('wrapped_key', 'is not', null).execute()) {
    const fk = await getDataKey(bare.store.db, bare, keyOwner('case', k.owner_id));
    assert.throws(() => decryptField(fk, 'sensitive', sealed.sensitive ?? ''), 'another case’s key does not open it');
  }
  assert.equal((await verifyAudit(bare)).ok, true);
}

async function assertErasedOverHttp(config: ScratchDatabase['config']): Promise<void> {
  const server = await startServer(config, clock);
  try {
    const gone = await server.app.inject({ method: 'GET', url: `/api/cases/${erased}?purpose=check`, headers: staff.officer });
    assert.equal(gone.statusCode, 200, gone.body);
    assert.equal(gone.json<{ sensitiveErased: boolean }>().sensitiveErased, true);
    for (const v of ['ERASEME-medical', 'ERASEME-disability', 'ER445566']) assert.ok(!gone.body.includes(v), `${v} stays erased`);
    const other = await server.app.inject({ method: 'GET', url: `/api/cases/${kept}?purpose=check`, headers: staff.officer });
    assert.equal(other.json<{ sensitiveErased: boolean }>().sensitiveErased, false);
    assert.ok(other.body.includes('KEEPME-medical'), 'the other cases are whole');
  } finally {
    await server.stop();
  }
}

test('restoring the pre-shred backup over the database: the erased case stays erased, the others are whole', async () => {
  const bare = await bareContext(source.config, clock);
  try {
    const report = await restoreBackup(bare, beforeShred, { force: true });
    assert.equal(report.reshredded, 1, 'the restore destroyed the key again');
    const row = await bare.store.db.selectFrom('data_keys').select('destroyed_reason').where('owner_id', '=', erased).executeTakeFirstOrThrow();
    assert.equal(row.destroyed_reason, RESHRED_REASON);
    const audited = await bare.store.db.selectFrom('audit_log').select(['action', 'details']).where('object_id', '=', erased).where('action', '=', 'data_key.destroy').execute();
    assert.equal(audited.length, 1, 'the re-destruction is audited in the restored chain');
    await assertErased(bare);
  } finally {
    await bare.close();
  }
  await assertErasedOverHttp(source.config);
  const ledger = await readShredLedger(env.SHRED_LEDGER_FILE ?? '');
  assert.deepEqual(ledger.entries.map((e) => e.ownerId), [erased], 'the shred was recorded outside the database before it was replaced');
});

test('after losing the database: the pre-shred backup restored into an empty one, with the ledger, keeps the case erased', async () => {
  const fresh = await scratchDatabase(env);
  scratch.push(fresh);
  const bare = await bareContext(fresh.config, clock);
  try {
    const report = await restoreBackup(bare, beforeShred);
    assert.equal(report.reshredded, 1);
    await assertErased(bare);
  } finally {
    await bare.close();
  }
  await assertErasedOverHttp(fresh.config);
});

test('without a ledger the restore is refused; forced anyway, the erased data comes back: the ledger is what protects', async () => {
  const fresh = await scratchDatabase({ SHRED_LEDGER_FILE: path.join(dir, 'no-ledger-here', 'ledger.jsonl') });
  scratch.push(fresh);
  const bare = await bareContext(fresh.config, clock);
  try {
    await assert.rejects(restoreBackup(bare, beforeShred), (e: unknown) => e instanceof RestoreRefused && /shred ledger/.test(e.message));
    assert.deepEqual(await databaseContains(bare.store.db, erasedWrappedKey).catch(() => []), [], 'the refusal wrote nothing');
    const report = await restoreBackup(bare, beforeShred, { withoutShredLedger: true });
    assert.equal(report.reshredded, 0);
    const fk = await getDataKey(bare.store.db, bare, keyOwner('case', erased));
    assert.ok(fk, 'with no ledger, the old key opens the case again');
  } finally {
    await bare.close();
  }
});

test('the ledger is copied from the database only (a worker does it every minute): idempotent, durable, torn lines repaired', async () => {
  const ledgerFile = path.join(dir, 'copy', 'ledger.jsonl');
  const bare = await bareContext(source.config, clock);
  try {
    assert.deepEqual(await syncShredLedger(bare.store.db, ledgerFile), { added: 1, total: 1 });
    assert.deepEqual(await syncShredLedger(bare.store.db, ledgerFile), { added: 0, total: 1 }, 'no double entry');
    // A crash in the middle of an append leaves a torn line: it is skipped, and the next copy writes it again.
    const whole = await readFile(ledgerFile, 'utf8');
    await writeFile(ledgerFile, whole.slice(0, whole.length - 20));
    assert.deepEqual(await readShredLedger(ledgerFile), { exists: true, entries: [], damagedLines: 1 });
    assert.deepEqual(await syncShredLedger(bare.store.db, ledgerFile), { added: 1, total: 1 });
    assert.equal((await readShredLedger(ledgerFile)).entries.length, 1);
  } finally {
    await bare.close();
  }
});

test('the cryptographic bound: once the master key that sealed a backup is removed, nothing in that backup opens', async () => {
  const fresh = await scratchDatabase(env);
  scratch.push(fresh);
  const rotated = loadConfig({ NODE_ENV: 'test', DATA_DIR: fresh.dataDir, MASTER_KEYS: `k2:${Buffer.alloc(32, 2).toString('base64')}`, ...env });
  const bare = await bareContext(fresh.config, clock);
  try {
    await assert.rejects(restoreBackup({ ...bare, keys: await loadMasterKeyRing(rotated) }, beforeShred), (e: unknown) => e instanceof BackupFileError && /"test1"/.test(e.message));
  } finally {
    await bare.close();
  }
});
