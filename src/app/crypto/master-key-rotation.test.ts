import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { type KeyOwner, decryptField, encryptField, keyOwner } from '../../platform/crypto/field-cipher.ts';
import { type MasterKeyRing, loadMasterKeyRing } from '../../platform/crypto/master-keys.ts';
import { open } from '../../platform/crypto/secret-box.ts';
import type { DB } from '../../store/schema.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { DataKeyDestroyedError, createDataKey, dataKeyContext, destroyDataKey, getDataKey } from './data-keys.ts';
import { masterKeyStatus, rotateMasterKey } from './master-key-rotation.ts';

const officer = { kind: 'system', process: 'test' } as const;

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(() => t.close());

const masterKey = (n: number) => ({ id: `k${n}`, key: Buffer.alloc(32, 0x40 + n) });
/** A ring as MASTER_KEYS="k1:…,k2:…" MASTER_KEY_ACTIVE=k2 would configure it. */
const ring = (ids: readonly number[], active: number) =>
  loadMasterKeyRing({ masterKeys: ids.map(masterKey), masterKeyActive: `k${active}`, dataDir: '/nonexistent', env: 'test' });
const withKeys = (keys: MasterKeyRing) => ({ store: t.store, clock: t.clock, log: t.log, keys });
const inTrx = <T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> => t.store.db.transaction().execute(fn);

/** Cases with one encrypted field each, and the value it must decrypt to. */
const cases: { owner: KeyOwner; stored: string; value: string }[] = [];

async function seed(keys: MasterKeyRing, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const owner = keyOwner('case', randomUUID());
    const value = `besoin médical CANARY-${cases.length}`;
    const stored = await inTrx(async (trx) => encryptField(await createDataKey(trx, withKeys(keys), owner, officer), 'medicalNeeds', value));
    cases.push({ owner, stored, value });
  }
}

/** Decrypts every seeded case's field with the given ring; returns how many failed and why. */
async function readAll(keys: MasterKeyRing): Promise<string[]> {
  const failures: string[] = [];
  for (const c of cases) {
    try {
      assert.equal(decryptField(await getDataKey(t.store.db, withKeys(keys), c.owner), 'medicalNeeds', c.stored), c.value);
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e));
    }
  }
  return failures;
}

const keyIdsInTable = async () =>
  (await t.store.db.selectFrom('data_keys').select('master_key_id').where('master_key_id', 'is not', null).execute()).map((r) => r.master_key_id).sort();

let erased: KeyOwner;
let erasedBackup: string;

test('rotation from k1 to k2 re-wraps every live key, after which k1 can be removed and everything decrypts', async () => {
  const r1 = await ring([1], 1);
  await seed(r1, 6);
  erased = keyOwner('case', randomUUID());
  await inTrx((trx) => createDataKey(trx, withKeys(r1), erased, officer));
  erasedBackup = (await t.store.db.selectFrom('data_keys').select('wrapped_key').where('owner_id', '=', erased.id).executeTakeFirstOrThrow()).wrapped_key ?? '';
  await inTrx((trx) => destroyDataKey(trx, withKeys(r1), erased, 'retention.expired', officer));

  const r12 = await ring([1, 2], 2);
  const before = await masterKeyStatus(withKeys(r12));
  assert.deepEqual(before.sources, [
    { name: 'data keys', byMasterKey: [{ masterKeyId: 'k1', count: 6, configured: true, active: false }] },
    { name: 'TOTP seeds', byMasterKey: [] },
  ]);
  assert.equal(before.destroyedDataKeys, 1);
  assert.equal(before.notUnderActive, 6);
  assert.deepEqual(before.retirableKeyIds, []);

  const progress: number[] = [];
  const report = await rotateMasterKey(withKeys(r12), { batchSize: 4, onBatch: (p) => void progress.push(p.rewrapped) });
  assert.deepEqual(progress, [4, 2]);
  assert.deepEqual(
    { rewrapped: report.rewrapped, batches: report.batches, remaining: report.remaining, complete: report.complete, retirable: report.retirableKeyIds, missing: report.missingKeyIds },
    { rewrapped: 6, batches: 2, remaining: 0, complete: true, retirable: ['k1'], missing: [] },
  );
  assert.deepEqual(await keyIdsInTable(), Array<string>(6).fill('k2'));
  const rows = await t.store.db.selectFrom('data_keys').selectAll().where('destroyed_at', 'is', null).execute();
  for (const row of rows) {
    assert.match(row.wrapped_key ?? '', /^v1\.k2\./);
    assert.equal(row.rotated_at?.toISOString(), t.clock.now().toISOString());
  }

  // k1 removed from the configuration: every live case still decrypts, the erased one stays erased.
  const r2 = await ring([2], 2);
  assert.deepEqual(await readAll(r2), []);
  await assert.rejects(getDataKey(t.store.db, withKeys(r2), erased), DataKeyDestroyedError);
  // A backup taken before the erasure holds the key sealed under k1: once k1 is retired it opens nothing.
  assert.ok(open(r1, erasedBackup, dataKeyContext(erased)).length === 32, 'it did open while k1 existed');
  assert.throws(() => open(r2, erasedBackup, dataKeyContext(erased)), /unknown master key "k1"/);

  const rerun = await rotateMasterKey(withKeys(r2), { batchSize: 4 });
  assert.deepEqual([rerun.rewrapped, rerun.complete], [0, true]);
});

test('a rotation stopped half-way leaves every key readable, refuses to claim completion without the old key, and a second run completes', async () => {
  const r2 = await ring([2], 2);
  await seed(r2, 4); // 10 live keys under k2
  const r23 = await ring([2, 3], 3);

  const partial = await rotateMasterKey(withKeys(r23), { batchSize: 3, maxBatches: 2 });
  assert.deepEqual([partial.rewrapped, partial.stoppedEarly, partial.complete, partial.remaining], [6, true, false, 4]);
  // A crash right after a batch commits: what was committed stays, nothing is half-done.
  await assert.rejects(
    rotateMasterKey(withKeys(r23), {
      batchSize: 1,
      onBatch: () => {
        throw new Error('simulated crash');
      },
    }),
    /simulated crash/,
  );
  assert.deepEqual(await keyIdsInTable(), [...Array<string>(3).fill('k2'), ...Array<string>(7).fill('k3')]);
  assert.deepEqual(await readAll(r23), [], 'keys under the old and the new master key both open');

  // Dropping k2 now would lose data: reads fail, status and rotation say so by key id.
  const r3 = await ring([3], 3);
  const failures = await readAll(r3);
  assert.equal(failures.length, 3);
  assert.ok(failures.every((m) => /unknown master key "k2"/.test(m) && !m.includes('CANARY')));
  const status = await masterKeyStatus(withKeys(r3));
  assert.deepEqual(status.missingKeyIds, ['k2']);
  assert.deepEqual(status.sources[0]?.byMasterKey.find((u) => u.masterKeyId === 'k2'), { masterKeyId: 'k2', count: 3, configured: false, active: false });
  const refused = await rotateMasterKey(withKeys(r3), { batchSize: 2 });
  assert.deepEqual(
    { rewrapped: refused.rewrapped, unreadable: refused.unreadable, remaining: refused.remaining, missing: refused.missingKeyIds, complete: refused.complete },
    { rewrapped: 0, unreadable: 3, remaining: 3, missing: ['k2'], complete: false },
  );

  const second = await rotateMasterKey(withKeys(r23), { batchSize: 3 });
  assert.deepEqual([second.rewrapped, second.complete, second.remaining], [3, true, 0]);
  assert.deepEqual(second.retirableKeyIds, ['k2']);
  assert.deepEqual(await readAll(r3), []);
});

test('rotation is audited with ids and counts only, in an intact chain, and logs no secrets', async () => {
  const entries = await t.store.db.selectFrom('audit_log').selectAll().where('object_type', '=', 'master_key').orderBy('seq').execute();
  const rewraps = entries.filter((e) => e.action === 'master_key.rewrap');
  const runs = entries.filter((e) => e.action === 'master_key.rotate');
  assert.equal(rewraps.reduce((n, e) => n + Number(e.details.count), 0), 6 + 6 + 1 + 3);
  assert.deepEqual(
    runs.map((e) => [e.object_id, e.details.complete, e.details.rewrapped]),
    [
      ['k2', true, 6],
      ['k2', true, 0],
      ['k3', false, 6],
      ['k3', false, 0],
      ['k3', true, 3],
    ],
  );
  assert.equal(runs.length, 5, 'the crashed run wrote its batch entry but no completion entry');
  for (const e of rewraps) {
    assert.deepEqual(Object.keys(e.details).sort(), ['count', 'firstId', 'fromKeyIds', 'lastId', 'source']);
    assert.match(String(e.details.firstId), /^[0-9a-f-]{36}$/);
    assert.equal(e.actor_type, 'system');
  }
  assert.deepEqual(runs[3]?.details.missingKeyIds, ['k2']);
  assert.equal((await verifyAudit(t)).ok, true);
  const text = JSON.stringify(entries) + t.logLines.join('\n');
  assert.ok(!/v1\.k\d\./.test(text) && !text.includes('CANARY') && !text.includes(masterKey(2).key.toString('base64')));
  assert.ok(t.logLines.some((l) => l.includes('sealed value cannot be opened')), 'unreadable values are logged by id');
});

test('erasures that race a rotation win: destroyed keys end with no material and the rest end under the new key', async () => {
  const r34 = await ring([3, 4], 4);
  const victims = cases.slice(0, 5);
  const [report] = await Promise.all([
    rotateMasterKey(withKeys(r34), { batchSize: 2 }),
    ...victims.map((c) => inTrx((trx) => destroyDataKey(trx, withKeys(r34), c.owner, 'retention.expired', officer))),
  ]);
  assert.equal(report.complete, true);
  assert.equal(report.rewrapped + victims.length >= cases.length, true);
  const rows = await t.store.db.selectFrom('data_keys').selectAll().execute();
  for (const c of victims) {
    const row = rows.find((r) => r.owner_id === c.owner.id);
    assert.deepEqual([row?.wrapped_key, row?.master_key_id, row?.destroyed_reason], [null, null, 'retention.expired']);
    await assert.rejects(getDataKey(t.store.db, withKeys(r34), c.owner), DataKeyDestroyedError);
  }
  assert.deepEqual(await keyIdsInTable(), Array<string>(cases.length - victims.length).fill('k4'));
  cases.splice(0, victims.length);
  assert.deepEqual(await readAll(await ring([4], 4)), []);
});
