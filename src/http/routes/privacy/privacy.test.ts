/**
 * The privacy routes over HTTP: legal holds (place, list, lift, audited), a guardian's access export
 * (JSON and Arabic/French Markdown, audited with the request as purpose), rectifications with their
 * history, the statistics; and who may call them (roles and jurisdiction).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { signIn } from '../../../../test/support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';
import { ManualClock } from '../../../platform/clock.ts';
import type { UserActor } from '../../../domain/actor.ts';
import { validRecord } from '../../../domain/case/case-fixtures.test-support.ts';
import { openCase } from '../../../app/cases/open-case.ts';

const clock = new ManualClock('2026-03-11T14:00:00Z');
let t: TestContext;
let app: HttpApp;
type Headers = { cookie: string; 'x-csrf-token': string };
let dpo: Headers;
let officer: Headers;
let farOfficer: Headers;
let comms: Headers;
let caseId: string;

before(async () => {
  t = await createTestContext({ clock });
  app = await buildHttpApp(t);
  dpo = (await signIn(t, app, { role: 'dpo', jurisdiction: 'MA' })).headers;
  const o = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' });
  officer = o.headers;
  farOfficer = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-CAS' })).headers;
  comms = (await signIn(t, app, { role: 'communications', jurisdiction: 'MA' })).headers;
  const actor: UserActor = { kind: 'user', id: o.userId, username: 'officer', role: 'officer', jurisdiction: 'MA-RAB', jurisdictionPath: ['MA', 'MA-04', 'MA-RAB'], ip: null };
  const record = validRecord();
  record.investigation.friends = [{ name: 'Salma', phone: '0611223344', note: null }];
  caseId = (await openCase(t, actor, record, { exercise: false })).meta.id;
});
after(async () => {
  await app.close();
  await t.close();
});

const post = (url: string, headers: Headers, payload: unknown) => app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });

test('legal holds: placed, listed and lifted by the DPO, each step audited; other roles and places are refused', async () => {
  const placed = await post(`/api/cases/${caseId}/legal-holds`, dpo, { reason: 'Instruction judiciaire en cours, dossier 2026/77.' });
  assert.equal(placed.statusCode, 201, placed.body);
  const hold = placed.json<{ id: string; liftedAt: string | null; reason: string }>();
  assert.equal(hold.liftedAt, null);

  assert.equal((await post(`/api/cases/${caseId}/legal-holds`, officer, { reason: 'Un officier ne peut pas geler.' })).statusCode, 403);
  assert.equal((await post(`/api/cases/${caseId}/legal-holds`, dpo, { reason: 'court' })).statusCode, 400);

  const listed = await get(`/api/cases/${caseId}/legal-holds`, dpo);
  assert.equal(listed.statusCode, 200);
  assert.deepEqual(listed.json<{ items: { id: string }[] }>().items.map((h) => h.id), [hold.id]);
  assert.equal(listed.headers['cache-control'], 'no-store');

  const lifted = await post(`/api/legal-holds/${hold.id}/lift`, dpo, { reason: 'Classement sans suite notifié.' });
  assert.equal(lifted.statusCode, 200, lifted.body);
  assert.ok(lifted.json<{ liftedAt: string | null }>().liftedAt);
  assert.equal((await post(`/api/legal-holds/${hold.id}/lift`, dpo, { reason: 'Classement sans suite notifié.' })).statusCode, 409);

  const actions = (await t.store.db.selectFrom('audit_log').select('action').where('object_id', '=', caseId).where('action', 'like', 'legal_hold.%').orderBy('seq').execute()).map((a) => a.action);
  assert.deepEqual(actions, ['legal_hold.place', 'legal_hold.lift']);
});

test('access export: everything about the child and the guardian, as JSON and as Arabic Markdown, audited with the request', async () => {
  const purpose = 'Demande du tuteur reçue le 11/03/2026, courrier 2026-114';
  const res = await post(`/api/cases/${caseId}/access-export`, dpo, { purpose });
  assert.equal(res.statusCode, 200, res.body);
  const x = res.json<{ aboutChild: { path: string; value: unknown; class: string }[]; aboutGuardian: { path: string; value: unknown }[]; tips: { total: number } }>();
  assert.ok(x.aboutChild.some((f) => f.path === 'child.birthDate' && f.value === '2017-05-20' && f.class === 'restricted'));
  assert.ok(x.aboutChild.some((f) => f.path === 'investigation.friends[0].phone' && f.value === '0611223344'));
  assert.ok(x.aboutGuardian.some((f) => f.path === 'reporter.phones' && JSON.stringify(f.value) === '["0612345678"]'));
  assert.equal(x.tips.total, 0);

  const md = await post(`/api/cases/${caseId}/access-export`, officer, { purpose, format: 'markdown', lang: 'ar' });
  assert.equal(md.statusCode, 200, md.body);
  assert.match(md.headers['content-type'] ?? '', /^text\/markdown/);
  assert.match(md.body, /جواب على طلب الولوج/);
  assert.match(md.body, /تاريخ الازدياد \| 2017-05-20/);
  assert.match(md.body, /dir="rtl"/);

  const fr = await post(`/api/cases/${caseId}/access-export`, dpo, { purpose, format: 'markdown', lang: 'fr' });
  assert.match(fr.body, /Date de naissance \| 2017-05-20/);

  const entries = await t.store.db.selectFrom('audit_log').select(['action', 'purpose', 'details']).where('object_id', '=', caseId).where('action', 'in', ['privacy.access_export', 'case.read_restricted']).execute();
  assert.equal(entries.filter((e) => e.action === 'privacy.access_export').length, 3);
  assert.ok(entries.every((e) => e.purpose === purpose));
  assert.ok(!JSON.stringify(entries.map((e) => e.details)).includes('0612345678'), 'the audit names fields, not values');

  assert.equal((await post(`/api/cases/${caseId}/access-export`, dpo, {})).statusCode, 400, 'the request must be stated');
  assert.equal((await post(`/api/cases/${caseId}/access-export`, farOfficer, { purpose })).statusCode, 403, 'another jurisdiction');
  assert.equal((await post(`/api/cases/${caseId}/access-export`, comms, { purpose })).statusCode, 403, 'a role without access');
});

test('rectification: recorded with old and new value, who, when and why; stale versions and bad paths refused', async () => {
  const version = (await t.store.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;
  const bad = await post(`/api/cases/${caseId}/rectifications`, dpo, { version, requestedBy: 'guardian', reason: 'Correction demandée par la mère.', changes: [{ path: 'child.shoeSize', value: 3 }] });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /body\/changes\/0\/path/);

  const res = await post(`/api/cases/${caseId}/rectifications`, dpo, {
    version,
    requestedBy: 'guardian',
    reason: 'Extrait d’acte de naissance présenté par la mère.',
    changes: [
      { path: 'child.birthDate', value: '2017-05-21' },
      { path: 'reporter.phones', value: ['0612345679'] },
    ],
  });
  assert.equal(res.statusCode, 201, res.body);
  const done = res.json<{ items: { path: string; oldValue: unknown; newValue: unknown; caseVersion: number }[] }>().items;
  assert.deepEqual(done.map((r) => [r.path, r.oldValue, r.newValue]), [
    ['child.birthDate', '2017-05-20', '2017-05-21'],
    ['reporter.phones', ['0612345678'], ['0612345679']],
  ]);
  assert.equal(done[0]?.caseVersion, version + 1);

  const stale = await post(`/api/cases/${caseId}/rectifications`, dpo, { version, requestedBy: 'guardian', reason: 'Deuxième correction sur une version ancienne.', changes: [{ path: 'child.heightCm', value: 130 }] });
  assert.equal(stale.statusCode, 409);

  assert.equal((await get(`/api/cases/${caseId}/rectifications`, dpo)).statusCode, 400, 'reading the values needs a purpose');
  const history = await get(`/api/cases/${caseId}/rectifications?purpose=${encodeURIComponent('Contrôle de la demande 2026-114')}`, officer);
  assert.equal(history.statusCode, 200, history.body);
  const items = history.json<{ items: { path: string; newValue: unknown; reason: string; requestedBy: string; performedBy: string }[] }>().items;
  assert.equal(items.length, 2);
  assert.ok(items.every((i) => i.reason.startsWith('Extrait') && i.requestedBy === 'guardian'));

  const exported = (await post(`/api/cases/${caseId}/access-export`, dpo, { purpose: 'Vérification après rectification' })).json<{ aboutChild: { path: string; value: unknown }[]; rectifications: unknown[] }>();
  assert.ok(exported.aboutChild.some((f) => f.path === 'child.birthDate' && f.value === '2017-05-21'));
  assert.equal(exported.rectifications.length, 2);
});

test('statistics: the DPO reads them, an officer may not', async () => {
  const res = await get('/api/retention/statistics?year=2026', dpo);
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { items: [] });
  assert.equal((await get('/api/retention/statistics', officer)).statusCode, 403);
});
