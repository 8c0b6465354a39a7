import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { createApiToken, ensureJurisdiction, signIn } from '../../../../test/support/auth.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';

const clock = new ManualClock('2026-11-22T10:00:00.000Z');
let t: TestContext;
let app: HttpApp;
let admin: { userId: string; headers: { cookie: string; 'x-csrf-token': string } };

before(async () => {
  t = await createTestContext({ clock });
  app = await buildHttpApp(t);
  await ensureJurisdiction(t, 'MA-CAS');
  await ensureJurisdiction(t, 'MA-04');
  admin = await signIn(t, app, { role: 'administrator', jurisdiction: 'MA-06' });
});
after(async () => {
  await app.close();
  await t.close();
});

const codeOf = (res: { json<T = unknown>(): T }) => res.json<{ code: string }>().code;

async function create(payload: object) {
  return app.inject({ method: 'POST', url: '/api/api-tokens', headers: admin.headers, payload });
}

test('an administrator creates a scoped token, shown once and stored only as a hash', async () => {
  const res = await create({ name: 'Partner relay', scopes: ['tips:write'], jurisdiction: 'MA-CAS' });
  assert.equal(res.statusCode, 201, res.body);
  const { token, apiToken } = res.json<{ token: string; apiToken: Record<string, unknown> }>();
  assert.match(token, /^tfl_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
  assert.equal(apiToken.prefix, token.slice(4, 12));
  assert.deepEqual(apiToken.scopes, ['tips:write']);
  assert.equal(apiToken.jurisdiction, 'MA-CAS');
  assert.equal(apiToken.status, 'active');
  const row = await t.store.db.selectFrom('api_tokens').selectAll().where('id', '=', apiToken.id as string).executeTakeFirstOrThrow();
  assert.ok(!JSON.stringify(row).includes(token.slice(13)), 'the secret part is not stored');
  assert.equal(row.created_by, admin.userId);

  const list = await app.inject({ method: 'GET', url: '/api/api-tokens', headers: admin.headers });
  assert.equal(list.statusCode, 200);
  assert.ok(!list.body.includes(token.slice(13)), 'listing never shows the token');
  assert.ok(list.json<{ items: { id: string }[] }>().items.some((i) => i.id === apiToken.id));
  const audit = await t.store.db.selectFrom('audit_log').select('action').where('object_id', '=', apiToken.id as string).execute();
  assert.deepEqual(audit.map((a) => a.action), ['api_token.create']);
});

test('scopes and jurisdiction are checked', async () => {
  const unknown = await create({ name: 'x', scopes: ['everything'] });
  assert.equal(unknown.statusCode, 400);
  assert.equal(codeOf(unknown), 'validation_failed');
  const none = await create({ name: 'x', scopes: [] });
  assert.equal(none.statusCode, 400);
  const outside = await create({ name: 'x', scopes: ['tips:write'], jurisdiction: 'MA-04' });
  assert.equal(outside.statusCode, 403);
  assert.equal(codeOf(outside), 'forbidden');
  const national = await create({ name: 'x', scopes: ['tips:write'], jurisdiction: 'MA' });
  assert.equal(national.statusCode, 403);
  const past = await create({ name: 'x', scopes: ['tips:write'], expiresAt: '2020-01-01T00:00:00Z' });
  assert.equal(past.statusCode, 400);
  assert.deepEqual(past.json<{ errors: unknown }>().errors, [{ field: 'expiresAt', message: 'must be in the future' }]);
  const officer = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-CAS' });
  const refused = await app.inject({ method: 'POST', url: '/api/api-tokens', headers: officer.headers, payload: { name: 'x', scopes: ['tips:write'] } });
  assert.equal(refused.statusCode, 403);
});

test('a token works until revoked or expired, and records its last use', async () => {
  const res = await create({ name: 'Feed reader', scopes: ['feeds:read'], expiresAt: new Date(clock.now().getTime() + 3_600_000).toISOString() });
  const { token, apiToken } = res.json<{ token: string; apiToken: { id: string } }>();
  const authorization = `Bearer ${token}`;
  // Tokens cannot act as users: no session, no account administration.
  const session = await app.inject({ method: 'GET', url: '/api/session', headers: { authorization } });
  assert.equal(session.statusCode, 403);
  const users = await app.inject({ method: 'GET', url: '/api/users', headers: { authorization } });
  assert.equal(users.statusCode, 403);
  assert.equal(codeOf(users), 'forbidden');
  const row = await t.store.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', apiToken.id).executeTakeFirstOrThrow();
  assert.equal(row.last_used_at?.toISOString(), clock.now().toISOString());

  clock.advance(2 * 3_600_000);
  const expired = await app.inject({ method: 'GET', url: '/api/users', headers: { authorization } });
  assert.equal(expired.statusCode, 401);
  assert.equal(codeOf(expired), 'token_invalid');
  const listed = (await app.inject({ method: 'GET', url: '/api/api-tokens', headers: (await signIn(t, app, { role: 'administrator', jurisdiction: 'MA-06' })).headers })).json<{ items: { id: string; status: string }[] }>();
  assert.equal(listed.items.find((i) => i.id === apiToken.id)?.status, 'expired');
});

test('revocation takes effect at once and is idempotent', async () => {
  admin = await signIn(t, app, { role: 'administrator', jurisdiction: 'MA-06' });
  const { authorization } = await createApiToken(t, { scopes: ['tips:write'], jurisdiction: 'MA-CAS' });
  const rows = await t.store.db.selectFrom('api_tokens').select(['id', 'prefix']).execute();
  const mine = rows.find((r) => authorization.startsWith(`Bearer tfl_${r.prefix}_`));
  assert.ok(mine);
  assert.equal((await app.inject({ method: 'GET', url: '/api/session', headers: { authorization } })).statusCode, 403, 'valid before');
  const del = await app.inject({ method: 'DELETE', url: `/api/api-tokens/${mine.id}`, headers: admin.headers });
  assert.equal(del.statusCode, 204, del.body);
  const after = await app.inject({ method: 'GET', url: '/api/session', headers: { authorization } });
  assert.equal(after.statusCode, 401);
  assert.equal(codeOf(after), 'token_invalid');
  assert.equal((await app.inject({ method: 'DELETE', url: `/api/api-tokens/${mine.id}`, headers: admin.headers })).statusCode, 204);
  const audits = await t.store.db.selectFrom('audit_log').select('action').where('object_id', '=', mine.id).where('action', '=', 'api_token.revoke').execute();
  assert.equal(audits.length, 1);
  const missing = await app.inject({ method: 'DELETE', url: '/api/api-tokens/00000000-0000-4000-8000-000000000000', headers: admin.headers });
  assert.equal(missing.statusCode, 404);
  const byToken = await app.inject({ method: 'DELETE', url: `/api/api-tokens/${mine.id}`, headers: { authorization: (await createApiToken(t, { scopes: ['tips:write'] })).authorization } });
  assert.equal(byToken.statusCode, 403, 'a token cannot manage tokens');
});
