/**
 * `npx tifli backup` and `npx tifli restore` as an operator runs them (a child process with the
 * configuration in its environment), in whichever mode the suite runs: exit codes, messages, the
 * refusals (existing file, database holding data, no shred ledger) and the round trip.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestConfig, DEV_MASTER_KEYS } from '../../../test/support/test-store.ts';
import { boot } from '../../app/bootstrap.ts';
import { createDataKey } from '../../app/crypto/data-keys.ts';
import { audit } from '../../app/audit/audit.ts';
import type { Config } from '../../config/config.ts';
import { keyOwner } from '../../platform/crypto/field-cipher.ts';
import { createLogger } from '../../platform/logger.ts';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/tifli.js');
const SYSTEM = { kind: 'system', process: 'test' } as const;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let dir: string;
const databases: { config: Config; dataDir: string; cleanup: () => Promise<void> }[] = [];

function envOf(db: { config: Config; dataDir: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATA_DIR: db.dataDir,
    LOG_LEVEL: 'warn',
    MASTER_KEYS: DEV_MASTER_KEYS,
    SHRED_LEDGER_FILE: path.join(dir, 'shred-ledger.jsonl'),
    ...(db.config.database.mode === 'postgres' ? { DATABASE_URL: db.config.database.url } : {}),
    ...extra,
  };
}

function tifli(args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function database(): Promise<{ config: Config; dataDir: string }> {
  const db = await createTestConfig({ SHRED_LEDGER_FILE: path.join(dir, 'shred-ledger.jsonl') });
  databases.push(db);
  return db;
}

let source: { config: Config; dataDir: string };
let file: string;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tifli-cli-backup-'));
  source = await database();
  const ctx = await boot(source.config, { log: createLogger('silent') });
  try {
    await ctx.store.db.transaction().execute(async (trx) => {
      await createDataKey(trx, ctx, keyOwner('case', randomUUID()), SYSTEM);
      await audit(trx, ctx.clock, SYSTEM, { objectType: 'test', action: 'test.seeded' });
    });
  } finally {
    await ctx.close();
  }
  file = path.join(dir, 'tifli.bak');
});
after(async () => {
  for (const db of databases) await db.cleanup();
  await rm(dir, { recursive: true, force: true });
});

test('tifli backup writes a sealed file once; names the master key and the ledger; refuses to overwrite and bad arguments', async () => {
  const first = await tifli(['backup', file], envOf(source));
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /Backup written to .*tifli\.bak \(\d+ bytes\): \d+ tables, \d+ rows, \d+ pending jobs, sealed under master key "test1"/);
  assert.match(first.stdout, /Shred ledger .*shred-ledger\.jsonl/);
  assert.ok((await stat(file)).size > 1000);
  assert.ok((await stat(path.join(dir, 'shred-ledger.jsonl'))).isFile(), 'the ledger exists from the first backup on');

  const again = await tifli(['backup', file], envOf(source));
  assert.equal(again.code, 1);
  assert.match(again.stderr, /exists already/);
  assert.equal((await tifli(['backup'], envOf(source))).code, 64);
  assert.equal((await tifli(['backup', file, '--frobnicate'], envOf(source))).code, 64);
  assert.equal((await tifli(['backup', file, '--force'], envOf(source))).code, 0, 'with --force it replaces the file');
  const help = await tifli(['help'], envOf(source));
  assert.match(help.stdout, /backup\s+write the whole database/);
  assert.match(help.stdout, /restore\s+restore a backup file/);
});

test('tifli restore: refuses a database holding data without --force (nothing changed), restores with it, and into an empty database', async () => {
  const refused = await tifli(['restore', file], envOf(source));
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /already holds data/);
  assert.match(refused.stderr, /--force/);
  assert.match(refused.stderr, /Nothing was changed/);

  const forced = await tifli(['restore', file, '--force'], envOf(source));
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /Restored .* \d+ tables, \d+ rows/);
  assert.match(forced.stdout, /Audit chain verified: \d+ entries/);

  const empty = await database();
  const restored = await tifli(['restore', file], envOf(empty));
  assert.equal(restored.code, 0, restored.stderr);
  assert.match(restored.stdout, /Erased again from the shred ledger: 0 data key\(s\)/);
  assert.equal((await tifli(['restore'], envOf(empty))).code, 64);
  const missing = await tifli(['restore', path.join(dir, 'nope.bak'), '--force'], envOf(empty));
  assert.equal(missing.code, 1);
});

test('tifli restore without a shred ledger is refused unless --without-shred-ledger', async () => {
  const empty = await database();
  const env = envOf(empty, { SHRED_LEDGER_FILE: path.join(dir, 'elsewhere', 'ledger.jsonl') });
  const refused = await tifli(['restore', file], env);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /No shred ledger/);
  const accepted = await tifli(['restore', file, '--without-shred-ledger'], env);
  assert.equal(accepted.code, 0, accepted.stderr);
});
