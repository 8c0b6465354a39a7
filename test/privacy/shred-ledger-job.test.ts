/**
 * The worker's copy of the shred ledger: scheduled every minute, and each run puts every key destroyed
 * in the database into SHRED_LEDGER_FILE (the cron's minute is the bound on "an erasure reaches the
 * ledger"; here the job is sent at once rather than waiting for it).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestContext, type TestContext } from '../support/test-store.ts';
import { createDataKey, destroyDataKey } from '../../src/app/crypto/data-keys.ts';
import { readShredLedger } from '../../src/app/backup/shred-ledger.ts';
import { keyOwner } from '../../src/platform/crypto/field-cipher.ts';
import { SHRED_LEDGER_QUEUE } from '../../src/jobs/queues.ts';
import { registerShredLedgerJobs } from '../../src/jobs/shred-ledger-jobs.ts';

const SYSTEM = { kind: 'system', process: 'test' } as const;
let dir: string;
let ledger: string;
let t: TestContext;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tifli-ledger-job-'));
  ledger = path.join(dir, 'ledger.jsonl');
  t = await createTestContext({ env: { SHRED_LEDGER_FILE: ledger } });
});
after(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

test('the ledger copy runs every minute on the job queue and records each destroyed key', async () => {
  const owner = keyOwner('case', randomUUID());
  await t.store.db.transaction().execute(async (trx) => {
    await createDataKey(trx, t, owner, SYSTEM);
    await destroyDataKey(trx, t, owner, 'retention.expired', SYSTEM);
  });
  await registerShredLedgerJobs(t.queue.boss, t);
  const schedules = await t.queue.boss.getSchedules();
  assert.ok(schedules.some((s) => s.name === SHRED_LEDGER_QUEUE && s.cron === '* * * * *'), 'scheduled every minute');
  assert.equal((await readShredLedger(ledger)).exists, false);
  await t.queue.boss.send(SHRED_LEDGER_QUEUE, {});
  const deadline = Date.now() + 30_000;
  let entries = (await readShredLedger(ledger)).entries;
  while (entries.length === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    entries = (await readShredLedger(ledger)).entries;
  }
  assert.deepEqual(entries.map((e) => [e.ownerType, e.ownerId]), [['case', owner.id]]);
});
