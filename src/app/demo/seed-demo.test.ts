import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext } from '../../../test/support/test-store.ts';
import { latestCapDocument } from '../alerts/cap-documents.ts';
import { publicAlert } from '../alerts/public-alerts.ts';
import { seedDemo } from './seed-demo.ts';

test('the demo seeds cases at three stages and one active alert, all marked as an exercise; it can run twice', async () => {
  const t = await createTestContext();
  try {
    const first = await seedDemo(t);
    assert.deepEqual(first.cases.map((c) => c.status), ['open', 'alert_active', 'closed']);
    const publicId = first.activeAlertUrl.split('/').pop() ?? '';
    const view = await publicAlert(t, publicId);
    assert.equal(view?.state, 'active');
    assert.equal(view?.exercise, true);
    assert.match((await latestCapDocument(t, publicId)) ?? '', /<status>Exercise<\/status>/);
    const rows = await t.store.db.selectFrom('cases').select(['is_exercise']).execute();
    assert.ok(rows.every((r) => r.is_exercise));
    const second = await seedDemo(t);
    assert.notEqual(second.activeAlertUrl, first.activeAlertUrl);
  } finally {
    await t.close();
  }
});
