import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext } from '../../test/support/test-store.ts';
import { startJobQueue } from './job-queue.ts';
import { ALERT_TICK_QUEUE, registerAlertJobs } from './alert-jobs.ts';

test('the alert tick is scheduled every minute and its worker completes a tick job', async () => {
  const t = await createTestContext();
  const jobs = await startJobQueue(t.store, t.config.database.mode === 'postgres' ? t.config.database.url : undefined, { supervise: false });
  try {
    await registerAlertJobs(jobs.boss, t);
    const schedules = await jobs.boss.getSchedules(ALERT_TICK_QUEUE);
    assert.equal(schedules[0]?.cron, '* * * * *');
    const id = await jobs.boss.send(ALERT_TICK_QUEUE, {});
    assert.ok(id);
    let state: string | undefined;
    for (let i = 0; i < 120 && state !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      state = (await jobs.boss.getJobById(ALERT_TICK_QUEUE, id))?.state;
    }
    assert.equal(state, 'completed');
  } finally {
    await jobs.stop();
    await t.close();
  }
});
