import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { createApiToken } from '../../../test/support/auth.ts';
import { ManualClock } from '../../platform/clock.ts';
import { sendProblem, toAppError } from '../problem.ts';
import { decide } from '../../domain/policy/policy.ts';
import { authorize, registerAuthentication, requireActor, requireUser } from './authenticate.ts';

const clock = new ManualClock('2026-11-22T10:00:00.000Z');
let t: TestContext;
let app: FastifyInstance;

before(async () => {
  t = await createTestContext({ clock });
  app = Fastify();
  await registerAuthentication(app, t);
  app.setErrorHandler((err, request, reply) => {
    const known = toAppError(err);
    if (!known) throw err;
    return sendProblem(reply, request, known);
  });
  app.get('/whoami', async (request) => {
    const actor = requireActor(request);
    return actor.kind === 'api_token' ? { kind: actor.kind, scopes: actor.scopes, jurisdictionPath: actor.jurisdictionPath } : { kind: actor.kind };
  });
  app.post('/change', async (request) => ({ kind: requireActor(request).kind }));
  app.get('/users-only', async (request) => ({ id: requireUser(request).id }));
  app.get('/list-users', async (request) => ({ kind: authorize(request, 'user.list').kind }));
  app.get('/public', async (request) => ({ kind: request.actor.kind }));
  await app.ready();
});
after(async () => {
  await app.close();
  await t.close();
});

test('a bearer token becomes a TokenActor with its scopes and jurisdiction path; no CSRF token needed', async () => {
  const { authorization } = await createApiToken(t, { scopes: ['tips:write', 'cases:read'], jurisdiction: 'MA-CAS' });
  const who = await app.inject({ method: 'GET', url: '/whoami', headers: { authorization } });
  assert.equal(who.statusCode, 200, who.body);
  const body = who.json<{ kind: string; scopes: string[]; jurisdictionPath: string[] }>();
  assert.deepEqual(body, { kind: 'api_token', scopes: ['cases:read', 'tips:write'], jurisdictionPath: ['MA', 'MA-06', 'MA-CAS'] });
  assert.equal((await app.inject({ method: 'POST', url: '/change', headers: { authorization } })).statusCode, 200);
  // The policy decides on scope: a token without the action's scope is refused.
  assert.deepEqual(decide({ kind: 'api_token', id: 'x', name: 'x', scopes: body.scopes, jurisdiction: 'MA-CAS', jurisdictionPath: body.jurisdictionPath, ip: null }, 'user.list'), { allowed: false, reason: 'scope' });
  const refused = await app.inject({ method: 'GET', url: '/list-users', headers: { authorization } });
  assert.equal(refused.statusCode, 403);
  assert.equal(refused.json<{ code: string }>().code, 'forbidden');
  assert.equal((await app.inject({ method: 'GET', url: '/users-only', headers: { authorization } })).statusCode, 403);
});

test('bad bearer tokens answer token_invalid on protected routes and nothing on public ones', async () => {
  for (const authorization of ['Bearer nonsense', `Bearer tfl_abcdefgh_${'A'.repeat(43)}`, 'Basic dXNlcjpwYXNz', 'Bearer', 'tfl_x']) {
    const res = await app.inject({ method: 'GET', url: '/whoami', headers: { authorization } });
    assert.equal(res.statusCode, 401, authorization);
    assert.equal(res.json<{ code: string }>().code, 'token_invalid');
    const pub = await app.inject({ method: 'GET', url: '/public', headers: { authorization } });
    assert.deepEqual(pub.json(), { kind: 'public' });
  }
});

test('anonymous requests are public actors; protected routes ask for authentication', async () => {
  assert.deepEqual((await app.inject({ method: 'GET', url: '/public' })).json(), { kind: 'public' });
  const res = await app.inject({ method: 'GET', url: '/whoami' });
  assert.equal(res.statusCode, 401);
  assert.equal(res.json<{ code: string }>().code, 'authentication_required');
});
