/**
 * Hardening of what the browser receives (issue #8, point 6):
 * - a strict Content-Security-Policy on every answer of every route (scripts only from our origin, no
 *   inline script or style, no eval, no plugins, no framing), and pages that keep to it: no inline
 *   script, no event-handler attribute, no javascript: URL, no inline style;
 * - HSTS (one year, subdomains), nosniff, no referrer, on every answer;
 * - the session cookie: HttpOnly, Secure, SameSite=Strict, host-only, ending with the browser.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../support/test-store.ts';
import { randomBytes } from 'node:crypto';
import { ensureJurisdiction, signIn, testClientAddress } from '../support/auth.ts';
import { systemActor } from '../../src/app/accounts/actors.ts';
import { createUser } from '../../src/app/accounts/users.ts';
import { completeEnrolment } from '../../src/app/accounts/enrolments.ts';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { renderActiveAlertPage } from '../../src/http/public/alert-page.ts';
import { renderAlertListPage } from '../../src/http/public/alert-list-page.ts';
import { renderEndedAlertPage } from '../../src/http/public/ended-alert-page.ts';
import { renderErrorPage, renderNotFoundPage } from '../../src/http/public/status-pages.ts';
import { renderCodePage, renderConfirmLinkPage, renderUnsubscribePage } from '../../src/http/public/subscription-pages.ts';
import { endedAlert, exerciseAlert, NOW, unnamedBoy, yasmine } from '../../src/http/public/public-alert-fixtures.test-support.ts';
import { SITE_LANGUAGE_ORDER } from '../../src/http/public/site-language.ts';
import { routeTable, UNSAFE_METHODS } from './route-table.ts';

let t: TestContext;
let app: HttpApp;

before(async () => {
  t = await createTestContext();
  app = await buildHttpApp(t);
});
after(async () => {
  await app.close();
  await t.close();
});

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map((parts) => [parts[0] ?? '', parts.slice(1)]),
  );
}

function assertStrictHeaders(headers: Record<string, string | string[] | number | undefined>, label: string): void {
  const csp = String(headers['content-security-policy'] ?? '');
  const d = directives(csp);
  assert.deepEqual(d.get('script-src'), ["'self'"], `${label}: script-src`);
  assert.deepEqual(d.get('default-src'), ["'self'"], `${label}: default-src`);
  assert.deepEqual(d.get('object-src'), ["'none'"], `${label}: object-src`);
  assert.deepEqual(d.get('frame-ancestors'), ["'none'"], `${label}: frame-ancestors`);
  assert.deepEqual(d.get('base-uri'), ["'self'"], `${label}: base-uri`);
  assert.deepEqual(d.get('form-action'), ["'self'"], `${label}: form-action`);
  assert.ok(!d.has('script-src-attr') && !d.has('script-src-elem'), `${label}: no script exceptions`);
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", 'http:', 'https:', '*', 'data:']) {
    for (const name of ['script-src', 'default-src', 'style-src']) assert.ok(!(d.get(name) ?? []).includes(bad), `${label}: ${name} allows ${bad}`);
  }
  const hsts = String(headers['strict-transport-security'] ?? '');
  assert.ok(Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0) >= 31_536_000, `${label}: HSTS max-age (${hsts})`);
  assert.match(hsts, /includeSubDomains/, `${label}: HSTS subdomains`);
  assert.equal(headers['x-content-type-options'], 'nosniff', `${label}: nosniff`);
  assert.equal(headers['referrer-policy'], 'no-referrer', `${label}: referrer`);
  assert.equal(headers['x-frame-options'], 'SAMEORIGIN', `${label}: x-frame-options`);
}

/** What the CSP would block in a page, or what would execute if it did not. */
function inlineActiveContent(page: string): string[] {
  const found: string[] = [];
  for (const m of page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    if (!/\bsrc\s*=/.test(attrs) || (m[2] ?? '').trim() !== '') found.push(`inline <script>: ${m[0].slice(0, 80)}`);
    const src = /\bsrc\s*=\s*"([^"]*)"/.exec(attrs)?.[1] ?? '';
    if (src && !src.startsWith('/')) found.push(`script from elsewhere: ${src}`);
  }
  for (const m of page.matchAll(/<[a-z][^>]*\s(on[a-z]+)\s*=/gi)) found.push(`event handler attribute ${m[1]}`);
  for (const m of page.matchAll(/(?:href|src|action|formaction)\s*=\s*"\s*javascript:/gi)) found.push(`javascript: URL ${m[0]}`);
  if (/<style\b/i.test(page)) found.push('<style> element');
  for (const m of page.matchAll(/<[a-z][^>]*\sstyle\s*=/gi)) found.push(`style attribute: ${m[0].slice(0, 60)}`);
  return found;
}

test('every answer of every route carries the strict CSP, HSTS, nosniff and no-referrer, errors included', async () => {
  const routes = routeTable(app);
  for (const route of routes) {
    const res = await app.inject({ method: route.method as 'GET', url: route.path, remoteAddress: testClientAddress(), ...(UNSAFE_METHODS.has(route.method) ? { payload: {} } : {}) });
    assertStrictHeaders(res.headers, `${route.method} ${route.url} (${res.statusCode})`);
  }
  const missing = await app.inject({ method: 'GET', url: '/no/such/page' });
  assert.equal(missing.statusCode, 404);
  assertStrictHeaders(missing.headers, 'unknown path');
  const badEncoding = await app.inject({ method: 'GET', url: '/alerts/%E0%A4%A' });
  assertStrictHeaders(badEncoding.headers, 'bad percent-encoding');
});

test('pages served by the application hold no inline script, handler, javascript: URL or inline style', async () => {
  const paths = ['/', '/?lang=fr', '/?lang=zgh', '/subscribe', '/subscribe?lang=fr', '/subscribe/confirm?s=00000000-0000-4000-8000-000000000000', '/subscriptions/confirm?t=x', '/unsubscribe?t=x', '/alerts/ZZZZZZ9', '/no/such/page'];
  const html = routeTable(app).filter((r) => r.method === 'GET' && !r.url.includes(':') && !r.url.startsWith('/api/'));
  for (const path of [...paths, ...html.map((r) => r.path)]) {
    const res = await app.inject({ method: 'GET', url: path, remoteAddress: testClientAddress() });
    if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
    assert.deepEqual(inlineActiveContent(res.body), [], path);
  }
});

test('every public page template keeps to the CSP, in every language (live, exercise, unnamed, ended, list, errors, subscription steps)', () => {
  const site = { baseUrl: 'https://tifli.example', cssHref: '/assets/site.0123abcd.css' };
  for (const lang of SITE_LANGUAGE_ORDER) {
    const pages = [
      renderActiveAlertPage(site, lang, yasmine(), NOW, undefined),
      renderActiveAlertPage(site, lang, exerciseAlert(), NOW, undefined),
      renderActiveAlertPage(site, lang, unnamedBoy(), NOW, undefined),
      renderEndedAlertPage(site, lang, endedAlert('found')),
      renderEndedAlertPage(site, lang, endedAlert('withdrawn')),
      renderAlertListPage(site, lang, [yasmine(), unnamedBoy()], NOW),
      renderNotFoundPage(site, lang, '/x'),
      renderErrorPage(site, lang, '/'),
      renderCodePage(site, lang, { subscriptionId: '00000000-0000-4000-8000-000000000000', outcome: 'wrong' }),
      renderConfirmLinkPage(site, lang, 'token'),
      renderUnsubscribePage(site, lang, 'token'),
    ];
    for (const [i, page] of pages.entries()) assert.deepEqual(inlineActiveContent(page), [], `${lang} page ${i}`);
  }
  // The scanner itself finds what it is looking for.
  assert.equal(inlineActiveContent('<script>alert(1)</script><img src=x onerror="x()"><a href="javascript:x()">x</a><p style="color:red"><style>p{}</style>').length, 5);
});

test('the session cookie is HttpOnly, Secure, SameSite=Strict, host-only and ends with the browser; logout clears it the same way', async () => {
  await ensureJurisdiction(t, 'MA-RAB');
  const username = `cookie-check-${randomBytes(4).toString('hex')}`;
  const password = `test passphrase ${randomBytes(9).toString('base64url')}`;
  const remoteAddress = testClientAddress();
  const { enrolment } = await createUser(t, systemActor('test'), { username, displayName: 'Cookie check', role: 'officer', jurisdiction: 'MA-RAB' });
  await completeEnrolment(t, enrolment.token, { password }, { ip: remoteAddress, userAgent: 'test' });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });
  assert.equal(login.statusCode, 200, login.body);
  const set = String(login.headers['set-cookie'] ?? '');
  assert.match(set, /^tifli_session=[^;]{20,};/);
  for (const flag of [/;\s*HttpOnly/i, /;\s*Secure/i, /;\s*SameSite=Strict/i, /;\s*Path=\/(;|$)/]) assert.match(set, flag, `session cookie ${flag}`);
  for (const absent of [/;\s*Domain=/i, /;\s*Max-Age=/i, /;\s*Expires=/i]) assert.doesNotMatch(set, absent, `session cookie ${absent}`);

  const { headers } = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' });
  const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers, payload: {} });
  assert.ok(logout.statusCode < 300, logout.body);
  const cleared = String(logout.headers['set-cookie'] ?? '');
  assert.match(cleared, /^tifli_session=;/);
  for (const flag of [/;\s*HttpOnly/i, /;\s*Secure/i, /;\s*SameSite=Strict/i, /;\s*Path=\//]) assert.match(cleared, flag, `logout cookie ${flag}`);
});
