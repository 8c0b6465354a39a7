import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestConfig } from '../../../test/support/test-store.ts';
import { boot } from '../../app/bootstrap.ts';
import { createDataKey, getDataKey } from '../../app/crypto/data-keys.ts';
import { type Config, loadConfig } from '../../config/config.ts';
import { decryptField, encryptField, keyOwner } from '../../platform/crypto/field-cipher.ts';
import { createLogger } from '../../platform/logger.ts';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/tifli.js');
const line = (n: number) => `k${n}:${Buffer.alloc(32, 0x50 + n).toString('base64')}`;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let env: Record<string, string>;
let cleanup: () => Promise<void>;
const seeded: { owner: ReturnType<typeof keyOwner>; stored: string }[] = [];

function tifli(args: readonly string[], keys: { MASTER_KEYS: string; MASTER_KEY_ACTIVE?: string } | undefined): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env, ...keys }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const configWith = (keys: Record<string, string>): Config => loadConfig({ ...env, ...keys });

before(async () => {
  const test = await createTestConfig({ MASTER_KEYS: line(1) });
  cleanup = test.cleanup;
  env = {
    NODE_ENV: 'test',
    DATA_DIR: test.dataDir,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    ...(test.config.database.mode === 'postgres' ? { DATABASE_URL: test.config.database.url } : {}),
  };
  const ctx = await boot(test.config, { log: createLogger('silent') });
  try {
    for (let i = 0; i < 3; i++) {
      const owner = keyOwner('case', randomUUID());
      const stored = await ctx.store.db.transaction().execute(async (trx) => encryptField(await createDataKey(trx, ctx, owner, { kind: 'system', process: 'test' }), 'idCardNumber', `CANARY-ID-${i}`));
      seeded.push({ owner, stored });
    }
  } finally {
    await ctx.close();
  }
});
after(() => cleanup());

test('keys generate prints one MASTER_KEYS entry that configuration accepts, with instructions on stderr', async () => {
  const a = await tifli(['keys', 'generate'], undefined);
  const b = await tifli(['keys', 'generate', '--id', 'k2027a'], undefined);
  assert.equal(a.code, 0);
  assert.equal(b.code, 0);
  const [lineA, lineB] = [a.stdout.trim(), b.stdout.trim()];
  assert.equal(a.stdout.split('\n').filter(Boolean).length, 1, 'stdout holds only the key line');
  assert.match(lineB, /^k2027a:/);
  assert.notEqual(lineA.split(':')[1], lineB.split(':')[1]);
  const config = loadConfig({ NODE_ENV: 'production', MASTER_KEYS: `${lineA},${lineB}`, MASTER_KEY_ACTIVE: 'k2027a' });
  assert.deepEqual(config.masterKeys.map((k) => k.key.length), [32, 32]);
  assert.match(a.stderr, /MASTER_KEYS/);
  assert.match(a.stderr, /keys rotate/);
  assert.ok(!a.stderr.includes(lineA.split(':')[1] ?? 'x'), 'the secret is printed once, on stdout');

  assert.equal((await tifli(['keys', 'generate', '--id', 'bad id!'], undefined)).code, 64);
  assert.equal((await tifli(['keys', 'frobnicate'], undefined)).code, 64);
  assert.equal((await tifli(['keys', 'generate', '--bogus'], undefined)).code, 64);
});

test('keys status and keys rotate move every data key from k1 to k2, after which k1 can be dropped', async () => {
  const k12 = { MASTER_KEYS: `${line(1)},${line(2)}`, MASTER_KEY_ACTIVE: 'k2' };
  const before = await tifli(['keys', 'status'], k12);
  assert.equal(before.code, 0, before.stderr);
  assert.match(before.stdout, /Active master key: k2/);
  assert.match(before.stdout, /k1\s+3\s+configured, not active/);
  assert.match(before.stdout, /3 value\(s\) are not under the active key/);

  assert.equal((await tifli(['keys', 'rotate', '--batch', '0'], k12)).code, 64);
  const rotated = await tifli(['keys', 'rotate', '--batch', '2'], k12);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.match(rotated.stdout, /data keys: batch 1, 2 re-wrapped \(2 so far\)/);
  assert.match(rotated.stdout, /data keys: batch 2, 1 re-wrapped \(3 so far\)/);
  assert.match(rotated.stdout, /Re-wrapped 3 in 2 batch\(es\); 0 still under another key/);
  assert.match(rotated.stdout, /Safe to remove from MASTER_KEYS: k1\./);

  const k2 = { MASTER_KEYS: line(2) };
  const afterRotation = await tifli(['keys', 'status'], k2);
  assert.equal(afterRotation.code, 0, afterRotation.stderr);
  assert.match(afterRotation.stdout, /k2\s+3\s+active/);
  assert.ok(!afterRotation.stdout.includes('k1'));

  const ctx = await boot(configWith(k2), { log: createLogger('silent') });
  try {
    for (const [i, s] of seeded.entries()) assert.equal(decryptField(await getDataKey(ctx.store.db, ctx, s.owner), 'idCardNumber', s.stored), `CANARY-ID-${i}`);
  } finally {
    await ctx.close();
  }
});

test('with the wrapping key missing from MASTER_KEYS, rotate and status fail and name the key', async () => {
  const k3 = { MASTER_KEYS: line(3) };
  const rotate = await tifli(['keys', 'rotate'], k3);
  assert.equal(rotate.code, 1);
  assert.match(rotate.stderr, /missing from MASTER_KEYS: k2/);
  assert.match(rotate.stderr, /NOT complete/);
  assert.doesNotMatch(rotate.stdout, /Rotation complete/);
  const status = await tifli(['keys', 'status'], k3);
  assert.equal(status.code, 1);
  assert.match(status.stdout, /k2\s+3\s+MISSING from MASTER_KEYS/);
  assert.ok(!(rotate.stdout + rotate.stderr + status.stdout + status.stderr).includes('CANARY'));
});
