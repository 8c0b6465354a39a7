import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { ensureJurisdiction, signIn, testClientAddress } from '../../../../test/support/auth.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { currentTotp } from '../../../app/accounts/totp.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';

const clock = new ManualClock('2026-11-22T10:00:00.000Z');
let t: TestContext;
let app: HttpApp;
type Session = { userId: string; headers: { cookie: string; 'x-csrf-token': string } };
let admin: Session;

before(async () => {
  t = await createTestContext({ clock });
  app = await buildHttpApp(t);
  for (const code of ['MA-CAS', 'MA-CAS-U01', 'MA-04']) await ensureJurisdiction(t, code);
  admin = await signIn(t, app, { role: 'administrator', jurisdiction: 'MA-06' });
});
after(async () => {
  await app.close();
  await t.close();
});

const codeOf = (res: { json<T = unknown>(): T }) => res.json<{ code: string }>().code;
const post = (url: string, headers: object, payload?: object) => app.inject({ method: 'POST', url, headers: headers as Record<string, string>, remoteAddress: testClientAddress(), ...(payload ? { payload } : {}) });
const get = (url: string, headers: object) => app.inject({ method: 'GET', url, headers: headers as Record<string, string> });

async function createOfficer(username: string, jurisdiction = 'MA-CAS-U01') {
  const res = await post('/api/users', admin.headers, { username, displayName: 'Officer Test', role: 'officer', jurisdiction });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ user: { id: string; status: string; username: string; secondFactor: string }; enrolment: { url: string; expiresAt: string } }>();
}

test('an administrator creates an account without a password; the invitation sets it once', async () => {
  const created = await createOfficer('Officer.Bennani');
  assert.equal(created.user.username, 'officer.bennani');
  assert.equal(created.user.status, 'invited');
  assert.equal(created.user.secondFactor, 'not_enrolled');
  assert.match(created.enrolment.url, /^http:\/\/tifli\.test\/enrol#[A-Za-z0-9_-]{43}$/);
  assert.equal(new Date(created.enrolment.expiresAt).getTime() - clock.now().getTime(), t.config.enrolmentTtlMinutes * 60_000);
  const row = await t.store.db.selectFrom('users').select(['password_hash', 'created_at']).where('id', '=', created.user.id).executeTakeFirstOrThrow();
  assert.equal(row.password_hash, null);

  const token = created.enrolment.url.split('#')[1] ?? '';
  const info = await post('/api/enrolments/inspect', {}, { token });
  assert.equal(info.statusCode, 200, info.body);
  assert.equal(info.json<{ username: string; purpose: string }>().username, 'officer.bennani');
  const sameAsName = await post('/api/enrolments/complete', {}, { token, password: 'officer.bennani' });
  assert.equal(sameAsName.statusCode, 400);
  const withName = await post('/api/enrolments/complete', {}, { token, password: 'a fine long passphrase', username: 'someone.else' });
  assert.equal(withName.statusCode, 400, 'an invitation cannot rename the account');
  const done = await post('/api/enrolments/complete', {}, { token, password: 'a fine long passphrase' });
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(codeOf(await post('/api/enrolments/complete', {}, { token, password: 'a fine long passphrase' })), 'enrolment_invalid');
  const login = await post('/api/auth/login', {}, { username: 'officer.bennani', password: 'a fine long passphrase' });
  assert.equal(login.json<{ stage: string }>().stage, 'enrol_second_factor');
});

test('an invitation expires', async () => {
  const created = await createOfficer('officer.late');
  clock.advance(t.config.enrolmentTtlMinutes * 60_000 + 1);
  const res = await post('/api/enrolments/inspect', {}, { token: created.enrolment.url.split('#')[1] });
  assert.equal(res.statusCode, 410);
  assert.equal(codeOf(res), 'enrolment_invalid');
  admin = await signIn(t, app, { role: 'administrator', jurisdiction: 'MA-06' });
  const again = await post(`/api/users/${created.user.id}/invite`, admin.headers);
  assert.equal(again.statusCode, 200, again.body);
  const fresh = again.json<{ url: string }>().url.split('#')[1];
  assert.equal((await post('/api/enrolments/inspect', {}, { token: fresh })).statusCode, 200);
});

test('accounts are created and managed only within the administrator\'s jurisdiction', async () => {
  const outside = await post('/api/users', admin.headers, { username: 'rabat.officer', displayName: 'R', role: 'officer', jurisdiction: 'MA-04' });
  assert.equal(outside.statusCode, 403);
  assert.equal(codeOf(outside), 'forbidden');
  const national = await post('/api/users', admin.headers, { username: 'hq.person', displayName: 'H', role: 'central_command', jurisdiction: 'MA' });
  assert.equal(national.statusCode, 403);
  const unknown = await post('/api/users', admin.headers, { username: 'lost.person', displayName: 'L', role: 'officer', jurisdiction: 'MA-ZZZ' });
  assert.equal(unknown.statusCode, 400);
  assert.equal(codeOf(unknown), 'validation_failed');
  const dup = await post('/api/users', admin.headers, { username: 'OFFICER.BENNANI', displayName: 'Dup', role: 'officer', jurisdiction: 'MA-CAS' });
  assert.equal(dup.statusCode, 409);
  const badRole = await post('/api/users', admin.headers, { username: 'x.role', displayName: 'X', role: 'superuser', jurisdiction: 'MA-CAS' });
  assert.equal(badRole.statusCode, 400);

  const officer = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-CAS' });
  assert.equal((await post('/api/users', officer.headers, { username: 'by.officer', displayName: 'O', role: 'officer', jurisdiction: 'MA-CAS' })).statusCode, 403);
  assert.equal((await get('/api/users', officer.headers)).statusCode, 403);

  const nationalAdmin = await signIn(t, app, { role: 'administrator', jurisdiction: 'MA' });
  const rabat = await post('/api/users', nationalAdmin.headers, { username: 'rabat.officer', displayName: 'R', role: 'officer', jurisdiction: 'MA-04' });
  assert.equal(rabat.statusCode, 201);
  const rabatId = rabat.json<{ user: { id: string } }>().user.id;
  assert.equal((await post(`/api/users/${rabatId}/disable`, admin.headers)).statusCode, 403, 'MA-06 cannot disable an MA-04 account');
});

test('lists are paginated, filtered by role and limited to the jurisdiction', async () => {
  for (let i = 0; i < 3; i++) await createOfficer(`list.officer${i}`, 'MA-CAS');
  const page = await get('/api/users?role=officer&limit=2&offset=0', admin.headers);
  assert.equal(page.statusCode, 200, page.body);
  const body = page.json<{ items: { role: string; jurisdiction: string; username: string }[]; total: number; limit: number; offset: number }>();
  assert.equal(body.items.length, 2);
  assert.ok(body.total >= 4);
  assert.ok(body.items.every((u) => u.role === 'officer'));
  const all = (await get(`/api/users?role=officer&limit=200`, admin.headers)).json<typeof body>();
  assert.equal(all.items.length, all.total);
  assert.ok(!all.items.some((u) => u.jurisdiction === 'MA-04'), 'nothing from another region');
  assert.ok(all.items.some((u) => u.jurisdiction === 'MA-CAS-U01'), 'units below are included');
  const second = (await get('/api/users?role=officer&limit=2&offset=2', admin.headers)).json<typeof body>();
  assert.ok(!second.items.some((u) => body.items.some((v) => v.username === u.username)));
  assert.equal((await get('/api/users?jurisdiction=MA', admin.headers)).statusCode, 403);
  assert.equal((await get('/api/users?jurisdiction=MA-CAS', admin.headers)).statusCode, 200);
  for (const body of [page.body]) assert.ok(!/argon2|password|totp/i.test(body), 'no secrets in listings');
  const auditor = await signIn(t, app, { role: 'auditor', jurisdiction: 'MA' });
  const seen = (await get('/api/users?limit=200', auditor.headers)).json<typeof body>();
  assert.ok(seen.items.some((u) => u.jurisdiction === 'MA-04'), 'a national auditor sees every region');
});

test('an administrator cannot disable their own account', async () => {
  const res = await post(`/api/users/${admin.userId}/disable`, admin.headers);
  assert.equal(res.statusCode, 409);
  assert.equal(codeOf(res), 'conflict');
});

test('resetting the second factor ends the sessions; the next sign-in enrols a new one', async () => {
  const created = await createOfficer('officer.reset', 'MA-CAS');
  const token = created.enrolment.url.split('#')[1];
  await post('/api/enrolments/complete', {}, { token, password: 'reset test passphrase' });
  const login = await post('/api/auth/login', {}, { username: 'officer.reset', password: 'reset test passphrase' });
  const half = { cookie: `tifli_session=${login.cookies.find((c) => c.name === 'tifli_session')?.value}`, 'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken };
  const seed = (await post('/api/auth/second-factor/enrol', half)).json<{ secret: string }>().secret;
  const confirmed = await post('/api/auth/second-factor/confirm', half, { code: currentTotp(seed, clock.now()) });
  const full = { cookie: `tifli_session=${confirmed.cookies.find((c) => c.name === 'tifli_session')?.value}`, 'x-csrf-token': confirmed.json<{ csrfToken: string }>().csrfToken };
  assert.equal((await get('/api/session', full)).statusCode, 200);

  const reset = await post(`/api/users/${created.user.id}/reset-second-factor`, admin.headers);
  assert.equal(reset.statusCode, 200, reset.body);
  assert.equal(reset.json<{ secondFactor: string }>().secondFactor, 'not_enrolled');
  assert.equal(codeOf(await get('/api/session', full)), 'session_expired');
  const again = await post('/api/auth/login', {}, { username: 'officer.reset', password: 'reset test passphrase' });
  assert.equal(again.json<{ stage: string }>().stage, 'enrol_second_factor');
  const audit = await t.store.db.selectFrom('audit_log').select('action').where('object_id', '=', created.user.id).execute();
  assert.ok(audit.some((a) => a.action === 'user.reset_second_factor'));
});
