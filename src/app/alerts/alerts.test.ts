import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { signIn } from '../../../test/support/auth.ts';
import { CAP_XSD, validateXml } from '../../../test/support/xml-schema.ts';
import { buildHttpApp, type HttpApp } from '../../http/app.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { Role, UserActor } from '../../domain/actor.ts';
import { seededRecord, validRecord } from '../../domain/case/case-fixtures.test-support.ts';
import { openCase } from '../cases/open-case.ts';
import { assessCaseNow, overrideCaseAssessment } from '../cases/assess-case.ts';
import { createAlertDraft } from './create-alert.ts';
import { decideAlert, endAlert, requestAlertDecisions, urgentPublishAlert } from './alert-actions.ts';
import { updateActiveAlert } from './edit-alert.ts';
import { listVersions } from '../../store/repositories/alerts.repository.ts';
import { publicAlert } from './public-alerts.ts';
import { loadCaseRow } from '../cases/read-case.ts';

const clock = new ManualClock('2026-03-11T14:00:00Z');
let t: TestContext;
let app: HttpApp;
const actors = new Map<string, UserActor>();

async function actor(name: string, role: Role, jurisdiction: string, path: string[]): Promise<UserActor> {
  const { userId } = await signIn(t, app, { role, jurisdiction });
  const a: UserActor = { kind: 'user', id: userId, username: name, role, jurisdiction, jurisdictionPath: path, ip: null };
  actors.set(name, a);
  return a;
}

before(async () => {
  t = await createTestContext({ clock });
  app = await buildHttpApp(t);
  await actor('officer', 'officer', 'MA-RAB', ['MA', 'MA-04', 'MA-RAB']);
  await actor('supervisor', 'supervisor', 'MA-04', ['MA', 'MA-04']);
  await actor('central', 'central_command', 'MA', ['MA']);
  await actor('central2', 'central_command', 'MA', ['MA']);
  await actor('prosecutor', 'prosecutor_liaison', 'MA-RAB', ['MA', 'MA-04', 'MA-RAB']);
});
after(async () => {
  await app.close();
  await t.close();
});
/** Opens a case and makes it eligible: the officer's safety judgement, and an override where the facts fall short. */
async function eligibleCase(record: ReturnType<typeof validRecord>) {
  const opened = await openCase(t, a('officer'), record, { exercise: true });
  const assessed = await assessCaseNow(t, a('officer'), opened.meta.id, { publishingEndangersChild: false });
  if (!assessed.eligible) await overrideCaseAssessment(t, a('officer'), opened.meta.id, { reason: 'Disparition inquiétante confirmée par le témoin.', eligible: true });
  return opened;
}

const a = (name: string): UserActor => {
  const found = actors.get(name);
  assert.ok(found);
  return found;
};

test('request → supervisor → central command → prosecutor publishes version 1; update and end follow as CAP Update and Cancel', async () => {
  const opened = await eligibleCase(validRecord());
  const draft = await createAlertDraft(t, a('officer'), opened.meta.id);
  assert.equal(draft.row.state, 'draft');
  await requestAlertDecisions(t, a('officer'), draft.row.id);
  await decideAlert(t, a('supervisor'), draft.row.id, { step: 'supervisor_check', outcome: 'approved' });
  await decideAlert(t, a('central'), draft.row.id, { step: 'central_validation', outcome: 'approved' });
  assert.equal(await publicAlert(t, draft.row.public_id), undefined, 'nothing is public before the last decision');
  const published = await decideAlert(t, a('prosecutor'), draft.row.id, {
    step: 'prosecutor_decision',
    outcome: 'approved',
    prosecutor: { court: 'Tribunal de première instance de Rabat', fileReference: '2026/1234', magistrate: 'Substitut du procureur', decidedAt: '2026-03-11T13:55:00Z' },
  });
  assert.equal(published.row.state, 'active');
  assert.equal(published.row.current_version, 1);
  assert.equal((await loadCaseRow(t.store.db, opened.meta.id)).status, 'alert_active');

  const view = await publicAlert(t, draft.row.public_id);
  assert.equal(view?.state, 'active');
  if (view?.state === 'active') {
    assert.equal(view.exercise, true);
    assert.match(view.texts['fr-MA'].headline, /Yasmine/);
    assert.equal(view.reference, opened.meta.reference);
  }

  clock.advance(30 * 60_000);
  const wider = await updateActiveAlert(t, a('officer'), draft.row.id, 'zone', { zone: { ...draft.draft.zone, circles: [{ center: { lat: 34.0209, lon: -6.8416 }, radiusKm: 40 }] } });
  assert.equal(wider.row.current_version, 2);
  clock.advance(60 * 60_000);
  const ended = await endAlert(t, a('officer'), draft.row.id, 'found', 'Retrouvée saine et sauve chez une voisine.');
  assert.equal(ended.row.state, 'ended');

  const versions = await listVersions(t.store.db, draft.row.id);
  assert.deepEqual(versions.map((v) => v.msg_type), ['Alert', 'Update', 'Cancel']);
  for (const v of versions) {
    const result = await validateXml(v.cap_xml, CAP_XSD);
    assert.ok(result.valid, `version ${v.version} is valid CAP 1.2: ${result.errors.join('; ')}`);
    assert.match(v.cap_xml, /<status>Exercise<\/status>/);
  }
  assert.match(versions[2]?.cap_xml ?? '', /<msgType>Cancel<\/msgType>/);
  const refs = /<references>([^<]*)<\/references>/.exec(versions[2]?.cap_xml ?? '')?.[1]?.trim().split(/\s+/) ?? [];
  assert.equal(refs.length, 2, 'the Cancel references both earlier versions');
  assert.ok(!/Yasmine|ياسمين/.test(versions[2]?.cap_xml ?? ''), 'the Cancel names nobody');
  const after = await publicAlert(t, draft.row.public_id);
  assert.deepEqual(after?.state, 'ended');
  assert.ok(!JSON.stringify(after).includes('Yasmine'));
});

test('no restricted or sensitive value of the case reaches any version, CAP document or public view', async () => {
  const opened = await eligibleCase(seededRecord());
  const draft = await createAlertDraft(t, a('officer'), opened.meta.id);
  await requestAlertDecisions(t, a('officer'), draft.row.id);
  await urgentPublishAlert(t, a('central'), draft.row.id, 'Enlèvement vu par un témoin, urgence absolue.');
  const versions = await listVersions(t.store.db, draft.row.id);
  assert.equal(versions.length, 1);
  const everything = JSON.stringify(versions) + JSON.stringify(await publicAlert(t, draft.row.public_id));
  assert.ok(!/marker/i.test(everything), 'a seeded restricted or sensitive text leaked');
  for (const secret of ['2013-02-03', 'ZX987654', '0611223344', '33.987654', '-6.876543']) assert.ok(!everything.includes(secret), `leaked ${secret}`);
});

test('four eyes, wrong roles, refusals and concurrent decisions are refused clearly; exactly one decision wins', async () => {
  const opened = await eligibleCase(validRecord());
  const { row } = await createAlertDraft(t, a('officer'), opened.meta.id);
  await assert.rejects(createAlertDraft(t, a('officer'), opened.meta.id), { code: 'conflict' });
  await requestAlertDecisions(t, a('supervisor'), row.id);
  await assert.rejects(decideAlert(t, a('supervisor'), row.id, { step: 'supervisor_check', outcome: 'approved' }), { code: 'forbidden' }, 'no one decides on their own request');
  await assert.rejects(decideAlert(t, a('officer'), row.id, { step: 'supervisor_check', outcome: 'approved' }), { code: 'forbidden' }, 'officers do not decide');
  await assert.rejects(decideAlert(t, a('central'), row.id, { step: 'central_validation', outcome: 'approved' }), { code: 'conflict' }, 'steps come in order');
  await assert.rejects(decideAlert(t, a('central'), row.id, { step: 'supervisor_check', outcome: 'approved' }), { code: 'forbidden' }, 'each step has its role');
  // The supervisor step needs a supervisor other than the requester: the central room urgent path is the way out here.
  await assert.rejects(urgentPublishAlert(t, a('central'), row.id, 'court'), { code: 'validation_failed' }, 'the urgent path needs a real reason');
  const results = await Promise.allSettled([
    urgentPublishAlert(t, a('central'), row.id, 'Danger immédiat pour la vie de l’enfant.'),
    urgentPublishAlert(t, a('central2'), row.id, 'Danger immédiat pour la vie de l’enfant.'),
  ]);
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'exactly one urgent publication wins');
  const loser = results.find((r) => r.status === 'rejected');
  assert.equal((loser?.reason as { code?: string } | undefined)?.code, 'conflict');
  assert.equal((await listVersions(t.store.db, row.id)).length, 1, 'one version, never two');
  await assert.rejects(decideAlert(t, a('prosecutor'), row.id, { step: 'prosecutor_decision', outcome: 'refused', reason: 'non' }), { code: 'validation_failed' });
});
