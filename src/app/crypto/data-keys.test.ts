import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type Transaction, sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import type { Actor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { FieldDecryptionError, decryptField, encryptField, encryptFields, decryptFields, fieldKey, keyOwner } from '../../platform/crypto/field-cipher.ts';
import { open } from '../../platform/crypto/secret-box.ts';
import type { DB } from '../../store/schema.ts';
import { DataKeyDestroyedError, createDataKey, dataKeyContext, destroyDataKey, getDataKey } from './data-keys.ts';

const officer: Actor = { kind: 'user', id: randomUUID(), username: 'officer.test', role: 'officer', jurisdiction: 'MA-CAS', jurisdictionPath: ['MA', 'MA-06', 'MA-CAS'], ip: '127.0.0.1' };
const retention: Actor = { kind: 'system', process: 'retention' };
const MEDICAL = 'Diabète type 1 — insuline CANARY-MED-7f3a';
const ID_CARD = 'BK-CANARY-998877';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(() => t.close());

const newCase = () => keyOwner('case', randomUUID());
const inTrx = <T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> => t.store.db.transaction().execute(fn);

/** Every row of every table as text, to prove what the database does (not) hold. */
async function wholeDatabaseText(): Promise<string> {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.store.db);
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ r: string }>`select t::text as r from ${sql.table(table_name)} t`.execute(t.store.db);
    parts.push(...rows.rows.map((r) => r.r));
  }
  return parts.join('\n');
}

test('a data key is created sealed under the active master key and decrypts the case fields later', async () => {
  const owner = newCase();
  const stored = await inTrx(async (trx) => {
    const fk = await createDataKey(trx, t, owner, officer);
    return encryptFields(fk, { medicalNeeds: MEDICAL, idCardNumber: ID_CARD });
  });
  const row = await t.store.db.selectFrom('data_keys').selectAll().where('owner_id', '=', owner.id).executeTakeFirstOrThrow();
  assert.equal(row.owner_type, 'case');
  assert.equal(row.master_key_id, t.keys.active.id);
  assert.equal(row.destroyed_at, null);
  assert.match(row.wrapped_key ?? '', new RegExp(`^v1\\.${t.keys.active.id}\\.`));

  const fk = await inTrx((trx) => getDataKey(trx, t, owner));
  assert.equal(fk.key.length, 32);
  assert.deepEqual(decryptFields(fk, stored), { medicalNeeds: MEDICAL, idCardNumber: ID_CARD });
  const text = await wholeDatabaseText();
  assert.ok(!text.includes(fk.key.toString('base64')) && !text.includes(fk.key.toString('hex')), 'the key is stored only sealed');

  await assert.rejects(
    inTrx((trx) => createDataKey(trx, t, owner, officer)),
    (e: unknown) => e instanceof AppError && e.code === 'conflict',
  );
});

test("a field ciphertext copied to another case or another field is refused", async () => {
  const [a, b] = [newCase(), newCase()];
  const stolen = await inTrx(async (trx) => {
    const fkA = await createDataKey(trx, t, a, officer);
    await createDataKey(trx, t, b, officer);
    return encryptField(fkA, 'medicalNeeds', MEDICAL);
  });
  const fkA = await getDataKey(t.store.db, t, a);
  const fkB = await getDataKey(t.store.db, t, b);
  assert.equal(decryptField(fkA, 'medicalNeeds', stolen), MEDICAL);
  assert.throws(() => decryptField(fkB, 'medicalNeeds', stolen), FieldDecryptionError);
  assert.throws(() => decryptField(fkA, 'personalProblems', stolen), FieldDecryptionError);
  // Even an attacker who re-labels case A's key as case B's cannot move the value across cases.
  assert.throws(() => decryptField(fieldKey(b, fkA.key), 'medicalNeeds', stolen), FieldDecryptionError);
});

test('destroying a data key erases the data: nothing in the database opens it afterwards', async () => {
  const owner = newCase();
  const stored = await inTrx(async (trx) => encryptField(await createDataKey(trx, t, owner, officer), 'medicalNeeds', MEDICAL));
  // What a backup taken before the destruction would hold.
  const backupWrapped = (await t.store.db.selectFrom('data_keys').select('wrapped_key').where('owner_id', '=', owner.id).executeTakeFirstOrThrow()).wrapped_key;
  assert.ok(backupWrapped);
  const rawKey = open(t.keys, backupWrapped, dataKeyContext(owner));

  const outcome = await inTrx((trx) => destroyDataKey(trx, t, owner, 'retention.expired', retention));
  assert.equal(outcome.alreadyDestroyed, false);

  const row = await t.store.db.selectFrom('data_keys').selectAll().where('owner_id', '=', owner.id).executeTakeFirstOrThrow();
  assert.equal(row.wrapped_key, null);
  assert.equal(row.master_key_id, null);
  assert.equal(row.destroyed_reason, 'retention.expired');
  assert.equal(row.destroyed_at?.toISOString(), t.clock.now().toISOString());

  await assert.rejects(
    inTrx((trx) => getDataKey(trx, t, owner)),
    (e: unknown) => e instanceof DataKeyDestroyedError && e.code === 'data_erased' && e.status === 410 && e.owner.id === owner.id && !e.message.includes(owner.id),
  );
  const text = await wholeDatabaseText();
  for (const form of [backupWrapped, backupWrapped.split('.')[4] ?? '', rawKey.toString('base64'), rawKey.toString('base64url'), rawKey.toString('hex')]) {
    assert.ok(form.length > 20 && !text.includes(form), 'no copy of the key, sealed or raw, is left in any table');
  }
  // Only a copy made before the destruction (a backup) still opens, and only while its master key exists.
  assert.equal(decryptField(fieldKey(owner, open(t.keys, backupWrapped, dataKeyContext(owner))), 'medicalNeeds', stored), MEDICAL);

  const again = await inTrx((trx) => destroyDataKey(trx, t, owner, 'dpo.erasure_request', officer));
  assert.deepEqual(again, { dataKeyId: row.id, destroyedAt: row.destroyed_at, alreadyDestroyed: true });
  await assert.rejects(inTrx((trx) => createDataKey(trx, t, owner, officer)), DataKeyDestroyedError);
});

test('an owner erased before it had a key stays erased, and reasons must be codes', async () => {
  const owner = newCase();
  const outcome = await inTrx((trx) => destroyDataKey(trx, t, owner, 'court_order', retention));
  assert.equal(outcome.alreadyDestroyed, false);
  await assert.rejects(getDataKey(t.store.db, t, owner), DataKeyDestroyedError);
  await assert.rejects(inTrx((trx) => createDataKey(trx, t, owner, officer)), DataKeyDestroyedError);
  await assert.rejects(
    inTrx((trx) => destroyDataKey(trx, t, newCase(), 'the mother asked on 12 May, call 0612345678', officer)),
    (e: unknown) => e instanceof AppError && e.code === 'validation_failed' && !e.message.includes('0612345678') && e.errors[0]?.field === 'reason',
  );
  await assert.rejects(getDataKey(t.store.db, t, newCase()), /no data key for case/);
});

test('creation and destruction are audited on the case, with ids only, in an intact chain', async () => {
  const owner = newCase();
  const created = await inTrx(async (trx) => {
    await createDataKey(trx, t, owner, officer);
    return trx.selectFrom('data_keys').select('id').where('owner_id', '=', owner.id).executeTakeFirstOrThrow();
  });
  await inTrx((trx) => destroyDataKey(trx, t, owner, 'retention.expired', retention));
  const entries = await t.store.db.selectFrom('audit_log').selectAll().where('object_type', '=', 'case').where('object_id', '=', owner.id).orderBy('seq').execute();
  assert.deepEqual(
    entries.map((e) => [e.action, e.actor_type, e.actor_id]),
    [
      ['data_key.create', 'user', officer.id],
      ['data_key.destroy', 'system', 'retention'],
    ],
  );
  assert.deepEqual(entries[0]?.details, { dataKeyId: created.id, masterKeyId: t.keys.active.id });
  assert.deepEqual(entries[1]?.details, { dataKeyId: created.id, reason: 'retention.expired', hadKey: true, masterKeyId: t.keys.active.id });

  // A failed creation writes nothing: the audit entry lives and dies with the change.
  const before = (await t.store.db.selectFrom('audit_log').select(sql<string>`count(*)::int8`.as('n')).executeTakeFirstOrThrow()).n;
  await assert.rejects(inTrx((trx) => createDataKey(trx, t, owner, officer)));
  const afterCount = (await t.store.db.selectFrom('audit_log').select(sql<string>`count(*)::int8`.as('n')).executeTakeFirstOrThrow()).n;
  assert.equal(afterCount, before);

  assert.equal((await verifyAudit(t)).ok, true);
  const everything = JSON.stringify(await t.store.db.selectFrom('audit_log').selectAll().execute()) + t.logLines.join('\n');
  assert.ok(!everything.includes('CANARY'), 'no sensitive value in the audit log or the logs');
});
