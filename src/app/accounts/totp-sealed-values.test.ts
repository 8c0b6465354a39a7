import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, DEV_MASTER_KEYS, type TestContext } from '../../../test/support/test-store.ts';
import { ensureJurisdiction } from '../../../test/support/auth.ts';
import { loadMasterKeyRing } from '../../platform/crypto/master-keys.ts';
import { sealedKeyId } from '../../platform/crypto/secret-box.ts';
import { rotateMasterKey } from '../crypto/master-key-rotation.ts';
import { updateUser } from '../../store/repositories/users.repository.ts';
import { systemActor } from './actors.ts';
import { createUser } from './users.ts';
import { newTotpSeed, openTotpSeed, sealTotpSeed } from './totp.ts';
import { totpSeedSealedValues } from './totp-sealed-values.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
  await ensureJurisdiction(t, 'MA-CAS');
});
after(() => t.close());

test('master-key rotation re-seals TOTP seeds under the new key, and they still open', async () => {
  const seeds = new Map<string, string>();
  for (let i = 0; i < 3; i++) {
    const { user } = await createUser(t, systemActor('test'), { username: `seed.owner${i}`, displayName: 'S', role: 'officer', jurisdiction: 'MA-CAS' });
    const seed = newTotpSeed();
    await updateUser(t.store.db, user.id, { totp_secret_enc: sealTotpSeed(t.keys, user.id, seed), updated_at: t.clock.now() });
    seeds.set(user.id, seed);
  }
  assert.deepEqual(await totpSeedSealedValues.countByMasterKey(t.store.db), [{ masterKeyId: 'test1', count: 3 }]);

  const newKey = `test2:${Buffer.alloc(32, 9).toString('base64')}`;
  const [id1 = '', b1 = ''] = DEV_MASTER_KEYS.split(':');
  const [id2 = '', b2 = ''] = newKey.split(':');
  const keys = await loadMasterKeyRing({ masterKeys: [{ id: id1, key: Buffer.from(b1, 'base64') }, { id: id2, key: Buffer.from(b2, 'base64') }], masterKeyActive: 'test2', dataDir: t.dataDir, env: 'test' });
  const report = await rotateMasterKey({ ...t, keys }, { sources: [totpSeedSealedValues], batchSize: 2 });
  assert.equal(report.complete, true);
  assert.deepEqual(await totpSeedSealedValues.countByMasterKey(t.store.db), [{ masterKeyId: 'test2', count: 3 }]);
  for (const [id, seed] of seeds) {
    const row = await t.store.db.selectFrom('users').select('totp_secret_enc').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(sealedKeyId(row.totp_secret_enc ?? ''), 'test2');
    assert.equal(openTotpSeed(keys, id, row.totp_secret_enc ?? ''), seed);
  }
});
