/**
 * Signed-in test actors for HTTP tests. `signIn` creates a staff account (and the jurisdiction rows
 * it needs), sets its password through an invitation, signs in through the real routes and, for
 * roles that need it, enrols and passes the TOTP second factor; the headers it returns work with
 * `app.inject` for any route, including unsafe methods (they carry the CSRF token).
 *
 * @example
 *   const app = await buildHttpApp(t);
 *   const { headers } = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-CAS' });
 *   const res = await app.inject({ method: 'GET', url: '/api/session', headers });
 *   const { authorization } = await createApiToken(t, { scopes: ['tips:write'] });
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Role } from '../../src/domain/actor.ts';
import type { HttpApp } from '../../src/http/app.ts';
import { systemActor } from '../../src/app/accounts/actors.ts';
import { createUser } from '../../src/app/accounts/users.ts';
import { completeEnrolment } from '../../src/app/accounts/enrolments.ts';
import { createApiToken as createToken } from '../../src/app/accounts/api-tokens.ts';
import { currentTotp } from '../../src/app/accounts/totp.ts';
import { SESSION_COOKIE } from '../../src/http/plugins/session-cookie.ts';
import type { JurisdictionLevel } from '../../src/store/schema.ts';
import type { TestContext } from './test-store.ts';

const TEST_ACTOR = systemActor('test');
let sequence = 0;

/** A distinct client address per sign-in, so test suites never trip the per-address sign-in rate limit. */
export function testClientAddress(): string {
  sequence += 1;
  return `127.${64 + ((sequence >> 16) & 63)}.${(sequence >> 8) & 255}.${sequence & 255}`;
}

function shapeOf(code: string): { level: JurisdictionLevel; parent: string | null } {
  if (code === 'MA') return { level: 'national', parent: null };
  if (/^MA-\d{2}$/.test(code)) return { level: 'region', parent: 'MA' };
  if (/^MA-[A-Z]{3}$/.test(code)) return { level: 'province', parent: 'MA-06' };
  const m = /^(MA-[A-Z]{3})-[A-Z0-9]+$/.exec(code);
  if (m?.[1]) return { level: 'unit', parent: m[1] };
  throw new Error(`signIn: cannot guess where jurisdiction "${code}" sits; insert it first`);
}

/**
 * Inserts `code` and its ancestors when missing (ON CONFLICT DO NOTHING): "MA" national, "MA-06"
 * regions under MA, "MA-CAS" provinces under MA-06, "MA-CAS-U01" units under their province.
 */
export async function ensureJurisdiction(t: TestContext, code: string): Promise<void> {
  const { level, parent } = shapeOf(code);
  if (parent) await ensureJurisdiction(t, parent);
  await sql`INSERT INTO jurisdictions (code, level, parent_code, name_ar, name_fr) VALUES (${code}, ${level}, ${parent}, ${`اختبار ${code}`}, ${`Test ${code}`}) ON CONFLICT (code) DO NOTHING`.execute(t.store.db);
}

function sessionHeaders(res: { cookies: readonly { name: string; value: string }[]; json<T = unknown>(): T }): { cookie: string; 'x-csrf-token': string } {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  assert.ok(cookie, 'the response sets the session cookie');
  const body = res.json<{ csrfToken?: unknown }>();
  assert.equal(typeof body.csrfToken, 'string');
  return { cookie: `${SESSION_COOKIE}=${cookie.value}`, 'x-csrf-token': body.csrfToken as string };
}

export async function signIn(
  t: TestContext,
  app: HttpApp,
  opts: { role: Role; jurisdiction?: string; username?: string; displayName?: string; password?: string },
): Promise<{ userId: string; headers: { cookie: string; 'x-csrf-token': string }; totpSecret: string | null }> {
  const jurisdiction = opts.jurisdiction ?? 'MA';
  await ensureJurisdiction(t, jurisdiction);
  const username = opts.username ?? `${opts.role.replace(/_/g, '-')}-${randomBytes(5).toString('hex')}`;
  const password = opts.password ?? `test passphrase ${randomBytes(9).toString('base64url')}`;
  const remoteAddress = testClientAddress();
  const { user, enrolment } = await createUser(t, TEST_ACTOR, { username, displayName: opts.displayName ?? `Test ${opts.role}`, role: opts.role, jurisdiction });
  await completeEnrolment(t, enrolment.token, { password }, { ip: remoteAddress, userAgent: 'test' });

  const login = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });
  assert.equal(login.statusCode, 200, login.body);
  let headers = sessionHeaders(login);
  let totpSecret: string | null = null;
  const stage = login.json<{ stage: string }>().stage;
  if (stage === 'enrol_second_factor') {
    const enrol = await app.inject({ method: 'POST', url: '/api/auth/second-factor/enrol', remoteAddress, headers });
    assert.equal(enrol.statusCode, 200, enrol.body);
    const { secret } = enrol.json<{ secret: string }>();
    totpSecret = secret;
    const confirm = await app.inject({ method: 'POST', url: '/api/auth/second-factor/confirm', remoteAddress, headers, payload: { code: currentTotp(secret, t.clock.now()) } });
    assert.equal(confirm.statusCode, 200, confirm.body);
    headers = sessionHeaders(confirm);
  } else {
    assert.equal(stage, 'complete');
  }
  return { userId: user.id, headers, totpSecret };
}

export async function createApiToken(t: TestContext, opts: { scopes: string[]; jurisdiction?: string }): Promise<{ authorization: string }> {
  const jurisdiction = opts.jurisdiction ?? 'MA';
  await ensureJurisdiction(t, jurisdiction);
  const { token } = await createToken(t, TEST_ACTOR, { name: `test token ${randomBytes(3).toString('hex')}`, scopes: opts.scopes, jurisdiction });
  return { authorization: `Bearer ${token}` };
}
