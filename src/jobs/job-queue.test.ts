import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../test/support/test-store.ts';
import { type JobQueue, jobsIn, startJobQueue } from './job-queue.ts';

let t: TestContext;
let jobs: JobQueue;

before(async () => {
  t = await createTestContext();
  jobs = await startJobQueue(t.store, t.config.database.mode === 'postgres' ? t.config.database.url : undefined, { supervise: false });
  await jobs.boss.createQueue('test.echo');
});
after(async () => {
  await jobs.stop();
  await t.close();
});

test('a job sent inside a committed transaction is delivered to a worker (transactional outbox)', async () => {
  const received = new Promise<{ n: number }>((resolve) => {
    void jobs.boss.work<{ n: number }>('test.echo', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job) resolve(job.data);
    });
  });
  await t.store.db.transaction().execute(async (trx) => {
    await jobs.boss.send('test.echo', { n: 42 }, { db: jobsIn(trx) });
  });
  assert.deepEqual(await received, { n: 42 });
});

test('a job sent inside a rolled-back transaction does not exist', async () => {
  await assert.rejects(
    t.store.db.transaction().execute(async (trx) => {
      await jobs.boss.send('test.echo', { n: 7 }, { db: jobsIn(trx) });
      throw new Error('the use case failed after queueing');
    }),
    /the use case failed/,
  );
  const queued = await jobs.boss.findJobs('test.echo', { data: { n: 7 } });
  assert.equal(queued.length, 0);
});
