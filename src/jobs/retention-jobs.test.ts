import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext } from '../../test/support/test-store.ts';
import { ManualClock } from '../platform/clock.ts';
import { validRecord } from '../domain/case/case-fixtures.test-support.ts';
import { openCase } from '../app/cases/open-case.ts';
import { transitionCase } from '../app/cases/transition-case.ts';
import { staff } from '../app/privacy/privacy-fixtures.test-support.ts';
import { startJobQueue } from './job-queue.ts';
import { RETENTION_CRON, RETENTION_QUEUE, registerRetentionJobs } from './retention-jobs.ts';

test('the retention purge is scheduled daily and its worker purges a case past its period', async () => {
  const clock = new ManualClock('2026-03-11T14:00:00Z');
  const t = await createTestContext({ clock });
  const jobs = await startJobQueue(t.store, t.config.database.mode === 'postgres' ? t.config.database.url : undefined, { supervise: false });
  try {
    const officer = await staff(t, 'officer', 'MA-RAB');
    const record = validRecord();
    const opened = await openCase(t, officer, record, { exercise: false });
    await transitionCase(t, officer, opened.meta.id, { type: 'close', outcome: 'found_safe', reason: 'Retrouvée chez sa tante à Salé.' });
    clock.advance(366 * 86_400_000);

    await registerRetentionJobs(jobs.boss, t);
    const schedules = await jobs.boss.getSchedules(RETENTION_QUEUE);
    assert.equal(schedules[0]?.cron, RETENTION_CRON);
    assert.equal(schedules[0]?.options?.tz, 'Africa/Casablanca');
    const id = await jobs.boss.send(RETENTION_QUEUE, {});
    assert.ok(id);
    let state: string | undefined;
    for (let i = 0; i < 120 && state !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      state = (await jobs.boss.getJobById(RETENTION_QUEUE, id))?.state;
    }
    assert.equal(state, 'completed');
    const progress = await t.store.db.selectFrom('retention_progress').selectAll().where('case_id', '=', opened.meta.id).executeTakeFirst();
    assert.ok(progress?.purged_at, 'the job purged the case');
  } finally {
    await jobs.stop();
    await t.close();
  }
});
