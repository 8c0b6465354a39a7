import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { ManualClock } from '../../platform/clock.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { findAlertByPublicId, listVersions } from '../../store/repositories/alerts.repository.ts';
import { loadCaseRow } from '../cases/read-case.ts';
import { runAlertTick } from './alert-tick.ts';
import { decodeAlert } from './alert-store.ts';

const clock = new ManualClock('2026-03-11T14:00:00Z');
let t: TestContext;
before(async () => {
  t = await createTestContext({ clock });
});
after(() => t.close());

test('the tick grows the zone on schedule (an Update per step), never twice, and ends the alert at its expiry', async () => {
  const demo = await seedDemo(t);
  const publicId = demo.activeAlertUrl.split('/').pop() ?? '';
  const alert = await findAlertByPublicId(t.store.db, publicId);
  assert.ok(alert);
  const before = decodeAlert(alert).draft.zone.circles[0]?.radiusKm ?? 0;

  assert.deepEqual(await runAlertTick(t), { expired: 0, grown: 0, failed: 0 }, 'nothing is due at publication');
  clock.advance(31 * 60_000);
  assert.deepEqual(await runAlertTick(t), { expired: 0, grown: 1, failed: 0 });
  assert.deepEqual(await runAlertTick(t), { expired: 0, grown: 0, failed: 0 }, 'a step is applied once');
  const grown = await findAlertByPublicId(t.store.db, publicId);
  assert.ok(grown);
  assert.ok((decodeAlert(grown).draft.zone.circles[0]?.radiusKm ?? 0) > before);
  assert.deepEqual((await listVersions(t.store.db, alert.id)).map((v) => `${v.msg_type}:${v.update_kind}`), ['Alert:publish', 'Update:zone']);

  clock.advance(73 * 3_600_000);
  const report = await runAlertTick(t);
  assert.equal(report.expired, 1, JSON.stringify(report) + t.logLines.filter((l) => l.includes('tick failed')).join('\n'));
  const ended = await findAlertByPublicId(t.store.db, publicId);
  assert.equal(ended?.state, 'ended');
  assert.equal(ended?.end_outcome, 'expired');
  assert.equal((await listVersions(t.store.db, alert.id)).at(-1)?.msg_type, 'Cancel');
  assert.equal((await loadCaseRow(t.store.db, ended?.case_id ?? '')).status, 'open', 'the case stays open: the child is still missing');
});
