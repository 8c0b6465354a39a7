import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { ensureJurisdiction, signIn, testClientAddress } from '../../../../test/support/auth.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';
import { announceFirstAdminEnrolment } from '../../../app/accounts/first-admin-announcement.ts';
import { systemActor } from '../../../app/accounts/actors.ts';
import { createUser } from '../../../app/accounts/users.ts';
import { completeEnrolment } from '../../../app/accounts/enrolments.ts';
import { currentTotp } from '../../../app/accounts/totp.ts';
import { AUTH_RATE_LIMIT } from '../../plugins/rate-limit.ts';
import type { Role } from '../../../domain/actor.ts';

const clock = new ManualClock('2026-11-22T10:00:00.000Z');
let t: TestContext;
let app: HttpApp;

before(async () => {
  t = await createTestContext({ clock });
  app = await buildHttpApp(t);
});
after(async () => {
  await app.close();
  await t.close();
});

type Headers = Record<string, string>;
interface Injected {
  statusCode: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  cookies: readonly { name: string; value: string; maxAge?: number; expires?: Date; httpOnly?: boolean; secure?: boolean; sameSite?: string; path?: string }[];
  json<T = unknown>(): T;
}

async function call(method: 'GET' | 'POST' | 'DELETE', url: string, opts: { headers?: Headers; payload?: unknown; remoteAddress?: string } = {}): Promise<Injected> {
  return app.inject({ method, url, headers: opts.headers, remoteAddress: opts.remoteAddress ?? testClientAddress(), ...(opts.payload === undefined ? {} : { payload: opts.payload as object }) });
}

function problem(res: Injected, status: number, code: string): Record<string, unknown> {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json<Record<string, unknown>>();
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  return body;
}

function sessionFrom(res: Injected): Headers {
  assert.equal(res.statusCode, 200, res.body);
  const c = res.cookies.find((x) => x.name === 'tifli_session');
  assert.ok(c);
  return { cookie: `tifli_session=${c.value}`, 'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken };
}

/** An account with a known password (and, once enrolled, a known TOTP seed). */
async function account(role: Role, jurisdiction = 'MA-CAS'): Promise<{ id: string; username: string; password: string }> {
  await ensureJurisdiction(t, jurisdiction);
  const username = `${role.replace(/_/g, '-')}-${Math.random().toString(36).slice(2, 9)}`;
  const password = 'a long and quiet passphrase';
  const { user, enrolment } = await createUser(t, systemActor('test'), { username, displayName: 'Test account', role, jurisdiction });
  await completeEnrolment(t, enrolment.token, { password }, { ip: null, userAgent: null });
  return { id: user.id, username, password };
}

const login = (username: string, password: string, remoteAddress?: string) => call('POST', '/api/auth/login', { payload: { username, password }, ...(remoteAddress ? { remoteAddress } : {}) });

async function enrolTotp(headers: Headers): Promise<{ seed: string; headers: Headers }> {
  const enrol = await call('POST', '/api/auth/second-factor/enrol', { headers });
  assert.equal(enrol.statusCode, 200, enrol.body);
  const seed = enrol.json<{ secret: string }>().secret;
  const confirm = await call('POST', '/api/auth/second-factor/confirm', { headers, payload: { code: currentTotp(seed, clock.now()) } });
  return { seed, headers: sessionFrom(confirm) };
}

test('first start: one-time link → administrator account → TOTP via otpauth URI → working session', async () => {
  let printed = '';
  const link = await announceFirstAdminEnrolment(t, (text) => (printed += text));
  assert.ok(link);
  assert.ok(printed.includes(link.url), 'the link is printed');
  assert.ok(printed.includes(link.expiresAt.toISOString()), 'with its expiry');
  assert.equal(link.expiresAt.getTime() - clock.now().getTime(), t.config.enrolmentTtlMinutes * 60_000);
  assert.match(link.url, /^http:\/\/tifli\.test\/enrol#[A-Za-z0-9_-]{43}$/);
  assert.ok(!t.logLines.join('\n').includes(link.token), 'the token is not in the log');
  const token = link.url.split('#')[1] ?? '';

  // A second start before anyone enrolled: a new link, and the old one no longer works.
  const second = await announceFirstAdminEnrolment(t, () => undefined);
  assert.ok(second);
  problem(await call('POST', '/api/enrolments/inspect', { payload: { token } }), 410, 'enrolment_invalid');
  const fresh = second.token;

  const info = await call('POST', '/api/enrolments/inspect', { payload: { token: fresh } });
  assert.equal(info.statusCode, 200, info.body);
  assert.deepEqual({ ...info.json<object>(), expiresAt: undefined }, { purpose: 'first_admin', username: null, displayName: null, role: 'administrator', jurisdiction: 'MA', needsAccountDetails: true, expiresAt: undefined });

  problem(await call('POST', '/api/enrolments/complete', { payload: { token: fresh, password: 'short' } }), 400, 'validation_failed');
  const weak = problem(await call('POST', '/api/enrolments/complete', { payload: { token: fresh, username: 'chief.admin', displayName: 'Chief', password: 'password1234' } }), 400, 'validation_failed');
  assert.deepEqual(weak.errors, [{ field: 'password', message: 'is too common; choose another' }]);
  const done = await call('POST', '/api/enrolments/complete', { payload: { token: fresh, username: 'Chief.Admin', displayName: 'Chief Administrator', password: 'the first admin passphrase', locale: 'fr' } });
  assert.equal(done.statusCode, 200, done.body);
  assert.deepEqual(done.json(), { username: 'chief.admin', next: 'sign_in' });
  problem(await call('POST', '/api/enrolments/complete', { payload: { token: fresh, username: 'other.admin', displayName: 'X', password: 'the first admin passphrase' } }), 410, 'enrolment_invalid');

  const signedIn = await login('CHIEF.ADMIN', 'the first admin passphrase');
  assert.equal(signedIn.json<{ stage: string }>().stage, 'enrol_second_factor');
  const cookie = signedIn.cookies.find((c) => c.name === 'tifli_session');
  assert.ok(cookie?.httpOnly && cookie.secure && cookie.sameSite === 'Strict' && cookie.path === '/', 'HttpOnly, Secure, SameSite=Strict, Path=/');
  const half = sessionFrom(signedIn);

  problem(await call('GET', '/api/users', { headers: half }), 403, 'second_factor_enrolment_required');
  problem(await call('POST', '/api/auth/second-factor', { headers: half, payload: { code: '123456' } }), 403, 'second_factor_enrolment_required');
  const state = await call('GET', '/api/session', { headers: half });
  assert.equal(state.statusCode, 200);
  assert.equal(state.json<{ stage: string; secondFactor: string }>().stage, 'enrol_second_factor');

  const enrol = await call('POST', '/api/auth/second-factor/enrol', { headers: half });
  assert.equal(enrol.statusCode, 200, enrol.body);
  const e = enrol.json<{ otpauthUri: string; qrSvgDataUrl: string; secret: string }>();
  const parsed = OTPAuth.URI.parse(e.otpauthUri);
  assert.ok(parsed instanceof OTPAuth.TOTP);
  assert.equal(parsed.issuer, 'Tifli DGSN');
  assert.equal(parsed.label, 'chief.admin');
  assert.equal(parsed.algorithm, 'SHA1');
  assert.equal(parsed.digits, 6);
  assert.equal(parsed.period, 30);
  assert.match(e.qrSvgDataUrl, /^data:image\/svg\+xml;base64,/);
  assert.match(Buffer.from(e.qrSvgDataUrl.split(',')[1] ?? '', 'base64').toString('utf8'), /<svg[\s\S]*<\/svg>/);
  const stored = await t.store.db.selectFrom('users').select('totp_secret_enc').where('username', '=', 'chief.admin').executeTakeFirstOrThrow();
  assert.ok(stored.totp_secret_enc && !stored.totp_secret_enc.includes(e.secret), 'the seed is sealed at rest');

  problem(await call('POST', '/api/auth/second-factor/confirm', { headers: half, payload: { code: parsed.generate({ timestamp: clock.now().getTime() + 5 * 60_000 }) } }), 401, 'second_factor_invalid');
  const confirmed = await call('POST', '/api/auth/second-factor/confirm', { headers: half, payload: { code: parsed.generate({ timestamp: clock.now().getTime() }) } });
  const full = sessionFrom(confirmed);
  assert.equal(confirmed.json<{ stage: string }>().stage, 'complete');
  assert.notEqual(full.cookie, half.cookie, 'the session id changes when it gains the second factor');
  problem(await call('GET', '/api/session', { headers: half }), 401, 'session_expired');

  const me = await call('GET', '/api/session', { headers: full });
  assert.equal(me.statusCode, 200);
  const view = me.json<Record<string, unknown>>();
  assert.equal(view.username, 'chief.admin');
  assert.equal(view.displayName, 'Chief Administrator');
  assert.equal(view.role, 'administrator');
  assert.equal(view.jurisdiction, 'MA');
  assert.equal(view.locale, 'fr');
  assert.equal(view.secondFactor, 'enrolled');
  assert.equal(view.stage, 'complete');
  assert.equal(view.csrfToken, full['x-csrf-token']);
  assert.equal(me.headers['cache-control'], 'no-store');
  assert.equal((await call('GET', '/api/users', { headers: full })).statusCode, 200);

  assert.equal(await announceFirstAdminEnrolment(t, () => undefined), undefined, 'no link once an administrator exists');
  const actions = (await t.store.db.selectFrom('audit_log').select('action').orderBy('seq').execute()).map((r) => r.action);
  for (const a of ['enrolment.create', 'user.create', 'enrolment.complete', 'session.login', 'user.second_factor_enrolment_started', 'session.second_factor_failed', 'user.second_factor_enrolled']) assert.ok(actions.includes(a), a);
});

test('a wrong password and an unknown username get the same answer', async () => {
  const a = await account('officer');
  const wrong = problem(await login(a.username, 'not the right passphrase'), 401, 'invalid_credentials');
  const unknown = problem(await login('nobody.here', 'not the right passphrase'), 401, 'invalid_credentials');
  assert.equal(wrong.detail, unknown.detail);
  assert.equal(wrong.title, unknown.title);
  const invited = await createUser(t, systemActor('test'), { username: 'not.enrolled', displayName: 'N', role: 'officer', jurisdiction: 'MA-CAS' });
  assert.ok(invited);
  problem(await login('not.enrolled', 'anything at all here'), 401, 'invalid_credentials');
});

test('repeated wrong passwords lock the account for the configured time, with Retry-After', async () => {
  const a = await account('supervisor');
  const max = t.config.login.maxAttempts;
  for (let i = 1; i < max; i++) problem(await login(a.username, `wrong passphrase ${i}`), 401, 'invalid_credentials');
  const locked = await login(a.username, 'wrong passphrase again');
  problem(locked, 423, 'account_locked');
  assert.equal(locked.headers['retry-after'], String(t.config.login.lockoutMinutes * 60));
  // Even the right password is refused while locked.
  const still = await login(a.username, a.password);
  problem(still, 423, 'account_locked');
  clock.advance(t.config.login.lockoutMinutes * 60_000 + 1000);
  const ok = await login(a.username, a.password);
  assert.equal(ok.statusCode, 200, ok.body);
  const actions = (await t.store.db.selectFrom('audit_log').select('action').where('object_id', '=', a.id).execute()).map((r) => r.action);
  assert.ok(actions.includes('user.locked'));
  assert.equal(actions.filter((x) => x === 'session.login_failed').length, max + 1);
});

test('a disabled account cannot sign in, and its open sessions end', async () => {
  const admin = await signIn(t, app, { role: 'administrator', jurisdiction: 'MA' });
  const a = await account('communications');
  const s = sessionFrom(await login(a.username, a.password));
  assert.equal((await call('GET', '/api/session', { headers: s })).statusCode, 200);
  const disabled = await call('POST', `/api/users/${a.id}/disable`, { headers: admin.headers });
  assert.equal(disabled.statusCode, 200, disabled.body);
  assert.equal(disabled.json<{ status: string }>().status, 'disabled');
  const gone = await call('GET', '/api/session', { headers: s });
  problem(gone, 401, 'session_expired');
  assert.ok(String(gone.headers['set-cookie']).startsWith('tifli_session=;'), 'the cookie is cleared');
  problem(await login(a.username, a.password), 401, 'invalid_credentials');
});

test('roles without restricted access sign in without a second factor', async () => {
  const a = await account('communications');
  const res = await login(a.username, a.password);
  assert.equal(res.json<{ stage: string }>().stage, 'complete');
  const me = await call('GET', '/api/session', { headers: sessionFrom(res) });
  assert.equal(me.json<{ secondFactor: string }>().secondFactor, 'not_required');
});

test('a TOTP code is accepted once: replaying it in its window is refused', async () => {
  const a = await account('officer');
  const { seed } = await enrolTotp(sessionFrom(await login(a.username, a.password)));
  clock.advance(30_000);
  const code = currentTotp(seed, clock.now());

  const first = sessionFrom(await login(a.username, a.password));
  problem(await call('GET', '/api/users', { headers: first }), 401, 'second_factor_required');
  const passed = await call('POST', '/api/auth/second-factor', { headers: first, payload: { code } });
  assert.equal(passed.json<{ stage: string }>().stage, 'complete');

  const second = sessionFrom(await login(a.username, a.password));
  problem(await call('POST', '/api/auth/second-factor', { headers: second, payload: { code } }), 401, 'second_factor_invalid');
  clock.advance(30_000);
  const next = await call('POST', '/api/auth/second-factor', { headers: second, payload: { code: currentTotp(seed, clock.now()) } });
  assert.equal(next.statusCode, 200, next.body);
  const audited = await t.store.db.selectFrom('audit_log').select('details').where('object_id', '=', a.id).where('action', '=', 'session.second_factor_failed').execute();
  assert.deepEqual(audited.map((r) => r.details.reason), ['replayed']);
});

test('wrong TOTP codes count towards the lockout', async () => {
  const a = await account('dpo');
  const { seed } = await enrolTotp(sessionFrom(await login(a.username, a.password)));
  const s = sessionFrom(await login(a.username, a.password));
  const good = currentTotp(seed, clock.now());
  const bad = good === '000000' ? '111111' : '000000';
  for (let i = 1; i < t.config.login.maxAttempts; i++) problem(await call('POST', '/api/auth/second-factor', { headers: s, payload: { code: bad } }), 401, 'second_factor_invalid');
  problem(await call('POST', '/api/auth/second-factor', { headers: s, payload: { code: bad } }), 423, 'account_locked');
  problem(await call('GET', '/api/session', { headers: s }), 401, 'session_expired');
  clock.advance(t.config.login.lockoutMinutes * 60_000 + 1000);
});

test('cookie-authenticated changes need the CSRF token; reads do not', async () => {
  const { headers } = await signIn(t, app, { role: 'auditor' });
  const cookieOnly = { cookie: headers.cookie };
  assert.equal((await call('GET', '/api/session', { headers: cookieOnly })).statusCode, 200);
  problem(await call('POST', '/api/auth/logout', { headers: cookieOnly }), 403, 'csrf_failed');
  problem(await call('POST', '/api/auth/logout', { headers: { ...cookieOnly, 'x-csrf-token': 'x'.repeat(43) } }), 403, 'csrf_failed');
  problem(await call('POST', '/api/auth/logout', { headers: { ...cookieOnly, 'x-csrf-token': '' } }), 403, 'csrf_failed');
  assert.equal((await call('GET', '/api/session', { headers: cookieOnly })).statusCode, 200, 'still signed in');
  const out = await call('POST', '/api/auth/logout', { headers });
  assert.equal(out.statusCode, 204);
  assert.ok(String(out.headers['set-cookie']).startsWith('tifli_session=;'));
  problem(await call('GET', '/api/session', { headers }), 401, 'session_expired');
});

test('sessions end after the idle timeout and at their absolute limit', async () => {
  const { headers } = await signIn(t, app, { role: 'central_command' });
  const idle = t.config.session.idleMinutes * 60_000;
  clock.advance(idle - 60_000);
  assert.equal((await call('GET', '/api/session', { headers })).statusCode, 200, 'used just before the idle limit');
  clock.advance(idle - 60_000);
  assert.equal((await call('GET', '/api/session', { headers })).statusCode, 200, 'activity keeps it alive');
  clock.advance(idle + 1000);
  const expired = await call('GET', '/api/session', { headers });
  problem(expired, 401, 'session_expired');
  assert.ok(String(expired.headers['set-cookie']).startsWith('tifli_session=;'));
  // Signing in again from the same browser (still sending the dead cookie) sets exactly one fresh cookie.
  const a = await account('communications');
  const relogin = await call('POST', '/api/auth/login', { headers: { cookie: headers.cookie }, payload: { username: a.username, password: a.password } });
  assert.equal(relogin.statusCode, 200, relogin.body);
  const setCookies = ([] as string[]).concat(relogin.headers['set-cookie'] as string | string[]);
  assert.equal(setCookies.length, 1);
  assert.match(setCookies[0] ?? '', /^tifli_session=[A-Za-z0-9_-]{43};/);

  const again = await signIn(t, app, { role: 'central_command' });
  const maxMs = t.config.session.maxHours * 3_600_000;
  for (let spent = 0; spent + idle / 2 < maxMs; spent += idle / 2) {
    clock.advance(idle / 2);
    assert.equal((await call('GET', '/api/session', { headers: again.headers })).statusCode, 200);
  }
  clock.advance(idle / 2);
  problem(await call('GET', '/api/session', { headers: again.headers }), 401, 'session_expired');
});

test('a garbage or unknown cookie is not a session', async () => {
  for (const cookie of ['tifli_session=garbage', `tifli_session=${'A'.repeat(43)}`, 'tifli_session=%E0%A4%A', 'tifli_session=']) {
    const res = await call('GET', '/api/session', { headers: { cookie } });
    problem(res, 401, 'authentication_required');
  }
  problem(await call('GET', '/api/session'), 401, 'authentication_required');
  assert.equal((await call('GET', '/healthz', { headers: { cookie: 'tifli_session=garbage' } })).statusCode, 200, 'public routes ignore a bad cookie');
});

test('the sign-in routes are rate-limited per client address', async () => {
  const remoteAddress = '127.200.0.1';
  let last: Injected | undefined;
  for (let i = 0; i <= AUTH_RATE_LIMIT.max; i++) last = await call('POST', '/api/auth/login', { remoteAddress, payload: { username: 'x', password: 'y' } });
  assert.ok(last);
  problem(last, 429, 'rate_limited');
  assert.ok(Number(last.headers['retry-after']) >= 1);
  problem(await call('POST', '/api/enrolments/inspect', { remoteAddress, payload: { token: 'x' } }), 429, 'rate_limited');
  problem(await call('POST', '/api/auth/login', { payload: { username: 'x', password: 'y' } }), 401, 'invalid_credentials');
});
