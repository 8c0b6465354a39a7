/**
 * CSRF protection on every unsafe route (issue #8, point 6). For each POST, PUT, PATCH and DELETE route
 * in the router, a request that carries a live session cookie but not that session's CSRF token (none,
 * or another session's) must either be refused as `csrf_failed`, or, on routes open to the public,
 * be treated exactly like a caller without any cookie: the cookie alone never acts for its owner. The
 * same request with the right token gets past the check (so the refusal is about the token).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../support/test-store.ts';
import { signIn, testClientAddress } from '../support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { routeTable, UNSAFE_METHODS, type RouteEntry } from './route-table.ts';

let t: TestContext;
let app: HttpApp;
let victim: { cookie: string; 'x-csrf-token': string };
let other: { cookie: string; 'x-csrf-token': string };

before(async () => {
  t = await createTestContext();
  app = await buildHttpApp(t);
  victim = (await signIn(t, app, { role: 'central_command', jurisdiction: 'MA' })).headers;
  other = (await signIn(t, app, { role: 'central_command', jurisdiction: 'MA' })).headers;
});
after(async () => {
  await app.close();
  await t.close();
});

function call(route: RouteEntry, headers: Record<string, string>) {
  return app.inject({ method: route.method as 'POST', url: route.path, headers, payload: {}, remoteAddress: testClientAddress() });
}

const codeOf = (body: string): string | undefined => {
  try {
    return (JSON.parse(body) as { code?: string }).code;
  } catch {
    return undefined;
  }
};

test('every unsafe route refuses a session cookie without its CSRF token, or ignores the cookie altogether', async () => {
  const unsafe = routeTable(app).filter((r) => UNSAFE_METHODS.has(r.method));
  let protectedRoutes = 0;
  let publicRoutes = 0;
  for (const route of unsafe) {
    const anonymous = await call(route, {});
    const missing = await call(route, { cookie: victim.cookie });
    const foreign = await call(route, { cookie: victim.cookie, 'x-csrf-token': other['x-csrf-token'] });
    const label = `${route.method} ${route.url}`;
    if (anonymous.statusCode === 401) {
      protectedRoutes += 1;
      for (const res of [missing, foreign]) {
        assert.equal(res.statusCode, 403, `${label}: ${res.body}`);
        assert.equal(codeOf(res.body), 'csrf_failed', label);
      }
      // The right token passes (a throwaway session for logout, which ends the session it is given).
      const own = route.url === '/api/auth/logout' ? (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' })).headers : victim;
      const withToken = await call(route, own);
      assert.notEqual(codeOf(withToken.body), 'csrf_failed', `${label} with the right token`);
      assert.notEqual(withToken.statusCode, 401, `${label} with the right token`);
    } else {
      // Open to the public: the cookie must change nothing (same answer as without it).
      publicRoutes += 1;
      assert.equal(missing.statusCode, anonymous.statusCode, `${label}: the cookie changed the answer`);
      assert.equal(foreign.statusCode, anonymous.statusCode, `${label}: the cookie changed the answer`);
      assert.notEqual(codeOf(missing.body), 'csrf_failed', label);
    }
  }
  assert.ok(protectedRoutes >= 30, `${protectedRoutes} protected unsafe routes`);
  assert.ok(publicRoutes >= 5, `${publicRoutes} public unsafe routes`);
});

test('a CSRF token belongs to its session: another session’s token is refused', async () => {
  const login = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' });
  assert.ok(login.headers.cookie.startsWith('tifli_session='));
  const res = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: login.headers.cookie, 'x-csrf-token': victim['x-csrf-token'] }, payload: {} });
  assert.equal(res.statusCode, 403);
  assert.equal(codeOf(res.body), 'csrf_failed', 'another session’s token does not fit this session');
});
