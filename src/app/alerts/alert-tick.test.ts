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

  assert.deepEqual(await runAlertTick(t), { expired: 0, grown: 0, escalated: 0, failed: 0 }, 'nothing is due at publication');
  clock.advance(31 * 60_000);
  assert.deepEqual(await runAlertTick(t), { expired: 0, grown: 1, escalated: 0, failed: 0 });
  assert.deepEqual(await runAlertTick(t), { expired: 0, grown: 0, escalated: 0, failed: 0 }, 'a step is applied once');
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

test('an overdue prosecutor decision on the urgent path escalates once when due, then every hour, and stops once recorded', async () => {
  const { openCase } = await import('../cases/open-case.ts');
  const { assessCaseNow, overrideCaseAssessment } = await import('../cases/assess-case.ts');
  const { createAlertDraft } = await import('./create-alert.ts');
  const { requestAlertDecisions, urgentPublishAlert, decideAlert } = await import('./alert-actions.ts');
  const { findUserByUsername } = await import('../../store/repositories/users.repository.ts');
  const { validRecord } = await import('../../domain/case/case-fixtures.test-support.ts');
  const officerRow = await findUserByUsername(t.store.db, 'demo-officer-rabat');
  const centralRow = await findUserByUsername(t.store.db, 'demo-central');
  const prosecutorRow = await findUserByUsername(t.store.db, 'demo-prosecutor-rabat');
  assert.ok(officerRow && centralRow && prosecutorRow);
  const officer = { kind: 'user' as const, id: officerRow.id, username: 'o', role: 'officer' as const, jurisdiction: 'MA-RAB', jurisdictionPath: ['MA', 'MA-04', 'MA-RAB'], ip: null };
  const central = { kind: 'user' as const, id: centralRow.id, username: 'c', role: 'central_command' as const, jurisdiction: 'MA', jurisdictionPath: ['MA'], ip: null };
  const prosecutor = { kind: 'user' as const, id: prosecutorRow.id, username: 'p', role: 'prosecutor_liaison' as const, jurisdiction: 'MA-RAB', jurisdictionPath: ['MA', 'MA-04', 'MA-RAB'], ip: null };
  const record = validRecord();
  record.lastSeen.at = new Date(clock.now().getTime() - 30 * 60_000).toISOString();
  const opened = await openCase(t, officer, record, { exercise: true });
  const assessed = await assessCaseNow(t, officer, opened.meta.id, { publishingEndangersChild: false });
  if (!assessed.eligible) await overrideCaseAssessment(t, officer, opened.meta.id, { reason: 'Exercice : disparition inquiétante.', eligible: true });
  const { row } = await createAlertDraft(t, officer, opened.meta.id);
  await requestAlertDecisions(t, officer, row.id);
  await urgentPublishAlert(t, central, row.id, 'Exercice : danger immédiat pour l’enfant.');
  const escalations = async () => (await t.store.db.selectFrom('audit_log').select('details').where('object_id', '=', row.id).where('action', '=', 'alert.prosecutor_overdue').execute()).length;

  await runAlertTick(t);
  assert.equal(await escalations(), 0, 'not overdue yet');
  clock.advance(t.config.alerts.prosecutorDelayMinutes * 60_000 + 60_000);
  await runAlertTick(t);
  await runAlertTick(t);
  assert.equal(await escalations(), 1, 'escalated once when due, not on every tick');
  clock.advance(60 * 60_000);
  await runAlertTick(t);
  assert.equal(await escalations(), 2, 'and again an hour later');
  await decideAlert(t, prosecutor, row.id, { step: 'prosecutor_decision', outcome: 'approved', prosecutor: { court: 'TPI (exercice)', fileReference: 'EX-1', magistrate: 'Exercice', decidedAt: clock.now() } });
  clock.advance(60 * 60_000);
  await runAlertTick(t);
  assert.equal(await escalations(), 2, 'a recorded decision ends the escalation');
});
