/**
 * Rate limits on every public route (issue #8, point 6): every route in the router, called by someone
 * who is not signed in, answers 429 with Retry-After once its per-address budget is spent; so do
 * addresses that match no route. The budget is RATE_LIMIT_PUBLIC_PER_MINUTE (5 here, to keep the
 * test short; 300 by default), ten times that for reads of the public site. Signed-in staff are not
 * counted; made-up credentials are.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../support/test-store.ts';
import { signIn, testClientAddress } from '../support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { PUBLIC_READ_FACTOR, routeRateLimit, UNMATCHED_ROUTE } from '../../src/http/plugins/public-rate-limit.ts';
import { routeTable, UNSAFE_METHODS, type RouteEntry } from './route-table.ts';

const LIMIT = 5;
let t: TestContext;
let app: HttpApp;

before(async () => {
  t = await createTestContext({ env: { RATE_LIMIT_PUBLIC_PER_MINUTE: String(LIMIT) } });
  app = await buildHttpApp(t);
});
after(async () => {
  await app.close();
  await t.close();
});

function call(route: Pick<RouteEntry, 'method' | 'path'>, remoteAddress: string, headers: Record<string, string> = {}) {
  const body = UNSAFE_METHODS.has(route.method) ? { payload: {} } : {};
  return app.inject({ method: route.method as 'GET', url: route.path, remoteAddress, headers, ...body });
}

test('every route answers 429 with Retry-After to an address that is not signed in, once its budget is spent', async () => {
  const routes = routeTable(app);
  assert.ok(routes.some((r) => r.url === '/alerts/:publicId') && routes.some((r) => r.url === '/api/auth/login'), 'the table holds the public site and the API');
  const report: string[] = [];
  for (const route of routes) {
    const limit = routeRateLimit(t.config, route.method, route.url);
    const publicRead = (route.method === 'GET' || route.method === 'HEAD') && !route.url.startsWith('/api/') && limit.counts === 'all';
    assert.equal(limit.max, publicRead ? LIMIT * PUBLIC_READ_FACTOR : LIMIT, `${route.method} ${route.url}`);
    const address = testClientAddress();
    for (let i = 1; i <= limit.max; i += 1) {
      const res = await call(route, address);
      assert.notEqual(res.statusCode, 429, `${route.method} ${route.url}: request ${i} of ${limit.max} refused early`);
      // A route that counts only refusals must refuse a caller without a signature, or it would never limit anyone.
      if (limit.counts === 'refused') assert.ok(res.statusCode >= 400, `${route.method} ${route.url} accepted an unsigned call: ${res.statusCode}`);
    }
    const over = await call(route, address);
    assert.equal(over.statusCode, 429, `${route.method} ${route.url}: request ${limit.max + 1} got ${over.statusCode}`);
    assert.ok(Number(over.headers['retry-after']) >= 1, `${route.method} ${route.url}: Retry-After`);
    // Another address still has its own budget.
    assert.notEqual((await call(route, testClientAddress())).statusCode, 429, `${route.method} ${route.url}: another address`);
    report.push(`${route.method} ${route.url}`);
  }
  assert.ok(report.length >= 60, `${report.length} routes checked`);
});

test('addresses that match no route share one budget too', async () => {
  const address = testClientAddress();
  for (let i = 0; i < LIMIT; i += 1) assert.equal((await call({ method: 'GET', path: `/probe-${i}.php` }, address)).statusCode, 404);
  const over = await call({ method: 'GET', path: '/wp-admin/' }, address);
  assert.equal(over.statusCode, 429);
  assert.equal(routeRateLimit(t.config, 'GET', UNMATCHED_ROUTE).max, LIMIT);
});

test('made-up credentials do not escape the limit; a signed-in user is not counted', async () => {
  const forged: Record<string, string>[] = [{ cookie: 'tifli_session=forged-session-value' }, { authorization: `Bearer tfl_abcdefgh_${'A'.repeat(43)}` }];
  const { max } = routeRateLimit(t.config, 'GET', '/healthz');
  for (const headers of forged) {
    const address = testClientAddress();
    for (let i = 0; i < max; i += 1) assert.notEqual((await call({ method: 'GET', path: '/healthz' }, address, headers)).statusCode, 429);
    assert.equal((await call({ method: 'GET', path: '/healthz' }, address, headers)).statusCode, 429, Object.keys(headers)[0]);
  }
  const { headers } = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' });
  const address = testClientAddress();
  for (let i = 0; i < LIMIT * 3; i += 1) {
    const res = await call({ method: 'GET', path: '/api/session' }, address, headers);
    assert.equal(res.statusCode, 200, `signed-in request ${i + 1}: ${res.statusCode}`);
  }
});

test('budgets: public-site reads ten times the base, API and writes the base, a provider webhook counts only what it refuses', async () => {
  assert.equal(routeRateLimit(t.config, 'POST', '/webhooks/whatsapp').counts, 'refused');
  assert.deepEqual(routeRateLimit(t.config, 'GET', '/alerts/:publicId'), { max: LIMIT * PUBLIC_READ_FACTOR, windowMs: 60_000, counts: 'all' });
  assert.deepEqual(routeRateLimit(t.config, 'POST', '/subscribe'), { max: LIMIT, windowMs: 60_000, counts: 'all' });
  assert.deepEqual(routeRateLimit(t.config, 'GET', '/api/cases'), { max: LIMIT, windowMs: 60_000, counts: 'all' });
});
