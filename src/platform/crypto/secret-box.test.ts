import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadMasterKeyRing } from './master-keys.ts';
import { open, seal, sealedKeyId } from './secret-box.ts';

const key = (n: number) => ({ id: `k${n}`, key: Buffer.alloc(32, n) });

test('a sealed secret opens only with its context and keeps working after rotation', async () => {
  const old = await loadMasterKeyRing({ masterKeys: [key(1)], masterKeyActive: 'k1', dataDir: '/nonexistent', env: 'test' });
  const sealed = seal(old, Buffer.from('JBSWY3DPEHPK3PXP'), 'totp:u1');
  assert.equal(sealedKeyId(sealed), 'k1');
  assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
  assert.equal(open(old, sealed, 'totp:u1').toString(), 'JBSWY3DPEHPK3PXP');
  assert.throws(() => open(old, sealed, 'totp:u2'));
  const rotated = await loadMasterKeyRing({ masterKeys: [key(1), key(2)], masterKeyActive: 'k2', dataDir: '/nonexistent', env: 'test' });
  assert.equal(open(rotated, sealed, 'totp:u1').toString(), 'JBSWY3DPEHPK3PXP');
  assert.equal(sealedKeyId(seal(rotated, Buffer.from('x'), 'c')), 'k2');
  const without = await loadMasterKeyRing({ masterKeys: [key(2)], masterKeyActive: 'k2', dataDir: '/nonexistent', env: 'test' });
  assert.throws(() => open(without, sealed, 'totp:u1'), /unknown master key "k1"/);
});

test('a tampered ciphertext is refused', async () => {
  const ring = await loadMasterKeyRing({ masterKeys: [key(1)], masterKeyActive: 'k1', dataDir: '/nonexistent', env: 'test' });
  const parts = seal(ring, Buffer.from('secret value'), 'ctx').split('.');
  const ct = Buffer.from(parts[4] ?? '', 'base64url');
  ct[0] = (ct[0] ?? 0) ^ 1;
  parts[4] = ct.toString('base64url');
  assert.throws(() => open(ring, parts.join('.'), 'ctx'));
});

test('without MASTER_KEYS a development key is created once in DATA_DIR, owner-only', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'tifli-keys-'));
  const a = await loadMasterKeyRing({ masterKeys: [], masterKeyActive: undefined, dataDir: dir, env: 'development' });
  const b = await loadMasterKeyRing({ masterKeys: [], masterKeyActive: undefined, dataDir: dir, env: 'development' });
  assert.ok(a.development);
  assert.deepEqual(a.active.key, b.active.key);
  const st = await stat(path.join(dir, 'secrets', 'master.key'));
  assert.equal(st.mode & 0o777, 0o600);
  assert.match(await readFile(path.join(dir, 'secrets', 'master.key'), 'utf8'), /^dev1:/);
  await assert.rejects(loadMasterKeyRing({ masterKeys: [], masterKeyActive: undefined, dataDir: dir, env: 'production' }), /MASTER_KEYS is required/);
});
