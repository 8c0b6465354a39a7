/**
 * Fuzz test over every account and sign-in route: malformed JSON, wrong types, unknown fields,
 * oversized bodies, wrong content types, bad cookies, CSRF tokens and bearer tokens, expired
 * sessions, brute-force sign-in, and a few hundred generated requests from a seeded PRNG. Every
 * answer must be a 4xx problem+json with a catalogued `code` and no stack trace, and no submitted
 * username or password may come back in a response or reach the log.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { ensureJurisdiction, signIn, testClientAddress } from '../../../../test/support/auth.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { ERROR_CATALOGUE } from '../../../domain/errors.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';

type Method = 'GET' | 'POST' | 'DELETE';
interface Route {
  readonly method: Method;
  readonly url: string;
  /** Field names the route's body (or query, for GET) knows. */
  readonly fields: readonly string[];
  /** Needs a complete signed-in session (or token) before anything else. */
  readonly protected: boolean;
}

const ROUTES: readonly Route[] = [
  { method: 'POST', url: '/api/auth/login', fields: ['username', 'password'], protected: false },
  { method: 'POST', url: '/api/auth/second-factor/enrol', fields: [], protected: true },
  { method: 'POST', url: '/api/auth/second-factor/confirm', fields: ['code'], protected: true },
  { method: 'POST', url: '/api/auth/second-factor', fields: ['code'], protected: true },
  { method: 'POST', url: '/api/auth/logout', fields: [], protected: true },
  { method: 'GET', url: '/api/session', fields: [], protected: true },
  { method: 'POST', url: '/api/users', fields: ['username', 'displayName', 'role', 'jurisdiction', 'locale'], protected: true },
  { method: 'GET', url: '/api/users', fields: ['role', 'jurisdiction', 'limit', 'offset'], protected: true },
  { method: 'POST', url: '/api/users/:id/disable', fields: [], protected: true },
  { method: 'POST', url: '/api/users/:id/reset-second-factor', fields: [], protected: true },
  { method: 'POST', url: '/api/users/:id/invite', fields: [], protected: true },
  { method: 'POST', url: '/api/api-tokens', fields: ['name', 'scopes', 'jurisdiction', 'expiresAt'], protected: true },
  { method: 'GET', url: '/api/api-tokens', fields: [], protected: true },
  { method: 'DELETE', url: '/api/api-tokens/:id', fields: [], protected: true },
  { method: 'POST', url: '/api/enrolments/inspect', fields: ['token'], protected: false },
  { method: 'POST', url: '/api/enrolments/complete', fields: ['token', 'password', 'username', 'displayName', 'locale'], protected: false },
];

const clock = new ManualClock('2026-11-22T10:00:00.000Z');
let t: TestContext;
let app: HttpApp;
let admin: { cookie: string; 'x-csrf-token': string };
let victim: string;
/** Every username and password value submitted: none may come back or be logged. */
const secrets = new Set<string>();
let requests = 0;
/** Every response body, checked for echoed secrets at the end. */
const bodies: string[] = [];

before(async () => {
  t = await createTestContext({ clock, env: { BODY_LIMIT_BYTES: '4096' } });
  app = await buildHttpApp(t);
  await ensureJurisdiction(t, 'MA-CAS');
  admin = (await signIn(t, app, { role: 'administrator', jurisdiction: 'MA', username: 'fuzz.admin' })).headers;
  victim = 'fuzz.victim';
  await signIn(t, app, { role: 'officer', jurisdiction: 'MA-CAS', username: victim });
});
after(async () => {
  await app.close();
  await t.close();
});

/** mulberry32: small, seeded, good enough to spread inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const UUID = '00000000-0000-4000-8000-00000000f00d';
const urlOf = (r: Route, id = UUID) => r.url.replace(':id', id);

function remember(value: unknown, key?: string): void {
  if (typeof value === 'string' && (key === 'username' || key === 'password') && value.length >= 8) secrets.add(value);
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) remember(v, k);
}

interface Sent {
  readonly route: Route;
  readonly url?: string;
  readonly headers?: Record<string, string>;
  readonly payload?: string | object;
  readonly query?: string;
}

async function send(s: Sent): Promise<{ status: number; body: string; contentType: string }> {
  requests += 1;
  if (typeof s.payload === 'string') {
    try {
      remember(JSON.parse(s.payload));
    } catch {
      /* not JSON: nothing structured to remember */
    }
  } else remember(s.payload);
  const res = await app.inject({
    method: s.route.method,
    url: (s.url ?? urlOf(s.route)) + (s.query ? `?${s.query}` : ''),
    headers: s.headers ?? {},
    remoteAddress: testClientAddress(),
    ...(s.payload === undefined ? {} : { payload: s.payload }),
  });
  bodies.push(res.body);
  return { status: res.statusCode, body: res.body, contentType: String(res.headers['content-type'] ?? '') };
}

/** The one property every answer here must have. */
function assertProblem(res: { status: number; body: string; contentType: string }, what: string, codes?: readonly string[]): string {
  assert.ok(res.status >= 400 && res.status < 500, `${what}: got ${res.status} ${res.body.slice(0, 200)}`);
  assert.match(res.contentType, /^application\/problem\+json/, `${what}: ${res.status} ${res.body.slice(0, 200)}`);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  assert.ok(typeof body.code === 'string' && Object.hasOwn(ERROR_CATALOGUE, body.code), `${what}: code ${String(body.code)}`);
  assert.equal(body.status, res.status, what);
  assert.equal(typeof body.detail, 'string', what);
  assert.ok(!('stack' in body), what);
  assert.doesNotMatch(res.body, /\bat [\w.<>]+ \(|node_modules|\.ts:\d+/, `${what}: no stack trace`);
  if (codes) assert.ok(codes.includes(body.code), `${what}: ${body.code} not in ${codes.join(',')}`);
  return body.code;
}

const json = { 'content-type': 'application/json' };

test('malformed JSON', async () => {
  const bodies = ['{', '{"username":', '{"a":1}}', 'nul', '[1,2', "{'a':1}", '{"a":1,}', '\u0000', '"text"', '123', 'null', 'true', '[]', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}'];
  for (const route of ROUTES.filter((r) => r.method !== 'GET')) {
    for (const payload of bodies) {
      for (const auth of [{}, admin]) {
        assertProblem(await send({ route, headers: { ...auth, ...json }, payload }), `${route.method} ${route.url} ${JSON.stringify(payload)}`);
      }
    }
  }
});

test('wrong types and unknown fields', async () => {
  const wrong: unknown[] = [1, -1, 1.5, true, null, [], {}, ['a'], { x: 1 }, 'x'.repeat(5000), '', '\u202e\u0000'];
  for (const route of ROUTES.filter((r) => r.method !== 'GET')) {
    for (const auth of [{}, admin]) {
      for (const field of route.fields) {
        for (const v of wrong) {
          const payload = Object.fromEntries(route.fields.map((f) => [f, f === field ? v : `fuzz-value-${f}-${requests}`]));
          assertProblem(await send({ route, headers: { ...auth, ...json }, payload }), `${route.url} ${field}=${JSON.stringify(v).slice(0, 40)}`);
        }
      }
      const unknown = { ...Object.fromEntries(route.fields.map((f) => [f, `fuzz-value-${f}-${requests}`])), isAdmin: true };
      assertProblem(await send({ route, headers: { ...auth, ...json }, payload: unknown }), `${route.url} unknown field`);
    }
  }
  for (const route of ROUTES.filter((r) => r.method === 'GET')) {
    for (const query of ['unknown=1', 'limit=abc', 'limit=-1', 'limit=100000', 'offset=1.5', 'role=superuser', 'jurisdiction=%00', 'jurisdiction=' + 'A'.repeat(300), 'limit=1&limit=2&x[y]=1']) {
      const res = await send({ route, headers: admin, query });
      if (route.url === '/api/users' && res.status === 200) assert.fail(`GET /api/users?${query} was accepted`);
      assertProblem(res, `${route.url}?${query}`);
    }
  }
});

test('oversized bodies', async () => {
  for (const route of ROUTES.filter((r) => r.method !== 'GET')) {
    for (const size of [17 * 1024, 1024 * 1024 + 1]) {
      const payload = JSON.stringify({ [route.fields[0] ?? 'x']: 'z'.repeat(size) });
      for (const auth of [{}, admin]) {
        const code = assertProblem(await send({ route, headers: { ...auth, ...json }, payload }), `${route.url} ${size} bytes`);
        if (!route.protected || auth === admin) assert.equal(code, 'payload_too_large', `${route.url} ${size} bytes`);
      }
    }
  }
});

test('wrong content types', async () => {
  const types = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html', 'application/json-patch', 'image/png', 'application/json; charset=utf-16'];
  for (const route of ROUTES.filter((r) => r.method !== 'GET')) {
    for (const type of types) {
      for (const auth of [{}, admin]) {
        const code = assertProblem(await send({ route, headers: { ...auth, 'content-type': type }, payload: 'username=fuzz.victim&password=fuzz-password-ct' }), `${route.url} ${type}`);
        if ((!route.protected || auth === admin) && !type.includes('charset')) assert.equal(code, 'unsupported_media_type', `${route.url} ${type}`);
      }
    }
  }
  secrets.add('fuzz-password-ct');
});

test('bad cookies, CSRF tokens and bearer tokens', async () => {
  const cookies = ['tifli_session=', 'tifli_session=garbage', `tifli_session=${'A'.repeat(43)}`, `tifli_session=${'A'.repeat(4000)}`, 'tifli_session=%E0%A4%A', 'tifli_session="quoted"', ';;;==;', 'tifli_session=a; tifli_session=b', `tifli_session=${admin.cookie.split('=')[1]}x`];
  const bearers = ['Bearer', 'Bearer ', 'Bearer x', `Bearer tfl_abcdefgh_${'A'.repeat(43)}`, `Bearer tfl_ABCDEFGH_${'A'.repeat(43)}`, 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(6000)}`, 'bearer\ttfl_x', 'Token abc'];
  for (const route of ROUTES) {
    const payload = route.method === 'GET' ? undefined : {};
    for (const cookie of cookies) {
      const code = assertProblem(await send({ route, headers: { cookie, 'x-csrf-token': 'whatever', ...(payload ? json : {}) }, ...(payload ? { payload } : {}) }), `${route.url} cookie ${cookie.slice(0, 30)}`);
      if (route.protected) assert.equal(code, 'authentication_required', `${route.url} cookie ${cookie.slice(0, 30)}`);
    }
    for (const authorization of bearers) {
      const code = assertProblem(await send({ route, headers: { authorization, ...(payload ? json : {}) }, ...(payload ? { payload } : {}) }), `${route.url} ${authorization.slice(0, 30)}`);
      if (route.protected && route.url !== '/api/session' && !route.url.startsWith('/api/auth/')) assert.equal(code, 'token_invalid', `${route.url} ${authorization.slice(0, 30)}`);
    }
    if (route.method !== 'GET') {
      for (const csrf of [undefined, '', 'x', admin['x-csrf-token'].slice(1), `${admin['x-csrf-token']} `, admin['x-csrf-token'].toUpperCase()]) {
        const headers: Record<string, string> = { cookie: admin.cookie, ...json };
        if (csrf !== undefined) headers['x-csrf-token'] = csrf;
        const code = assertProblem(await send({ route, headers, payload: {} }), `${route.url} csrf ${String(csrf)}`);
        if (route.protected) assert.equal(code, 'csrf_failed', `${route.url} csrf`);
      }
    }
  }
});

test('brute-force sign-in attempts are answered, counted and locked, never crash', async () => {
  const r = ROUTES[0];
  assert.ok(r);
  const codes = new Set<string>();
  for (let i = 0; i < 3 * t.config.login.maxAttempts; i++) {
    codes.add(assertProblem(await send({ route: r, headers: json, payload: { username: victim, password: `fuzz-guess-${i}-Zq` } }), `guess ${i}`, ['invalid_credentials', 'account_locked']));
  }
  assert.deepEqual([...codes].sort(), ['account_locked', 'invalid_credentials']);
  // One address hammering: rate-limited.
  const remote = '127.250.0.9';
  let limited = false;
  for (let i = 0; i < 40 && !limited; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: remote, headers: json, payload: { username: `spray.user${i}`, password: `fuzz-spray-${i}-Kx` } });
    secrets.add(`fuzz-spray-${i}-Kx`);
    bodies.push(res.body);
    limited = assertProblem({ status: res.statusCode, body: res.body, contentType: String(res.headers['content-type']) }, `spray ${i}`) === 'rate_limited';
  }
  assert.ok(limited, 'one address is rate-limited');
});

test('generated requests (seeded)', async () => {
  const rnd = prng(0x7f1f11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const ALPHABET = 'abcXYZ019._-@ éçطفلⵜⵉ\u0000\u202e"\\\n{}[]';
  const str = (n = 1 + Math.floor(rnd() * 40)) => Array.from({ length: n }, () => pick([...ALPHABET])).join('');
  const secretStr = () => `${str(6)}${Math.floor(rnd() * 1e9).toString(36)}Qw`;
  const value = (depth: number): unknown => {
    const k = Math.floor(rnd() * (depth > 2 ? 6 : 8));
    switch (k) {
      case 0:
        return str();
      case 1:
        return Math.floor(rnd() * 2e6) - 1e6;
      case 2:
        return rnd() < 0.5;
      case 3:
        return null;
      case 4:
        return rnd() * 1e10;
      case 5:
        return str(200 + Math.floor(rnd() * 2000));
      case 6:
        return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, () => [str(6), value(depth + 1)]));
    }
  };
  for (let i = 0; i < 300; i++) {
    const route = pick(ROUTES);
    const authKind = pick(['none', 'admin', 'cookie', 'bearer'] as const);
    const headers: Record<string, string> =
      authKind === 'admin' ? { ...admin } : authKind === 'cookie' ? { cookie: `tifli_session=${str(43)}`.replace(/[;\s]/g, 'x'), 'x-csrf-token': str(10).replace(/[^\x20-\x7e]/g, 'x') } : authKind === 'bearer' ? { authorization: `Bearer tfl_${str(8)}_${str(43)}`.replace(/[^\x20-\x7e]/g, 'x') } : {};
    const id = pick([UUID, str(10), '%zz', '..%2F..%2Fetc', '1', 'ffffffff-ffff-ffff-ffff-ffffffffffff']);
    const url = urlOf(route, encodeURIComponent(id).replace('%25zz', '%zz'));
    if (route.method === 'GET') {
      const params = [`x_${Math.floor(rnd() * 1e6)}=${encodeURIComponent(str(5))}`, ...route.fields.filter(() => rnd() < 0.5).map((f) => `${f}=${encodeURIComponent(String(value(2)))}`)];
      assertProblem(await send({ route, url, headers, query: params.join('&') }), `#${i} GET ${route.url}`);
      continue;
    }
    const body: Record<string, unknown> = {};
    for (const f of route.fields) if (rnd() < 0.7) body[f] = f === 'username' || f === 'password' ? (rnd() < 0.7 ? secretStr() : value(1)) : value(1);
    // Always one field the route does not know, so an authenticated request can never be valid by chance.
    body[`zz_${Math.floor(rnd() * 1e6)}`] = value(1);
    const asText = rnd() < 0.2;
    const payload = asText ? JSON.stringify(body).slice(0, Math.floor(rnd() * 50)) : body;
    const contentType = rnd() < 0.85 ? 'application/json' : pick(['text/plain', 'application/x-www-form-urlencoded', 'application/vnd.api+json']);
    assertProblem(await send({ route, url, headers: { ...headers, 'content-type': contentType }, payload }), `#${i} ${route.method} ${route.url} (${authKind})`);
  }
});

test('expired sessions', async () => {
  const officer = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-CAS' });
  clock.advance(t.config.session.idleMinutes * 60_000 + 1000);
  for (const route of ROUTES.filter((r) => r.protected)) {
    for (const session of [officer.headers, admin]) {
      const payload = route.method === 'GET' ? undefined : {};
      const code = assertProblem(await send({ route, headers: { ...session, ...(payload ? json : {}) }, ...(payload ? { payload } : {}) }), `${route.url} expired`);
      assert.equal(code, 'session_expired', route.url);
    }
  }
});

test('no submitted username or password came back or reached the log', () => {
  assert.ok(requests > 1500, `enough requests were made (${requests})`);
  assert.ok(secrets.size > 100, `enough values were tracked (${secrets.size})`);
  const log = t.logLines.join('\n');
  assert.ok(log.length > 0);
  const answers = bodies.join('\n');
  for (const s of secrets) {
    assert.ok(!log.includes(s), 'a submitted value reached the log');
    assert.ok(!answers.includes(s), 'a submitted value came back in a response');
  }
  assert.ok(!log.includes(admin.cookie.split('=')[1] ?? '-'), 'the session id is not logged');
  assert.ok(!log.includes(admin['x-csrf-token']), 'the CSRF token is not logged');
});
