import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ensureConsoleBuilt } from '../../../../console/build-if-stale.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';

let t: TestContext;
let app: HttpApp;

before(async () => {
  await ensureConsoleBuilt();
  t = await createTestContext();
  app = await buildHttpApp(t);
});
after(async () => {
  await app.close();
  await t.close();
});

test('every console path answers the single page, never cached stale; the enrolment link lands on it', async () => {
  for (const url of ['/console', '/console/', '/console/cases/new', '/console/alerts/00000000-0000-4000-8000-000000000000']) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, url);
    assert.match(res.headers['content-type'] ?? '', /^text\/html/, url);
    assert.equal(res.headers['cache-control'], 'no-cache', url);
    assert.match(res.body, /<div id="root"><\/div>/, url);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/, url);
    assert.doesNotMatch(res.body, /<script>(?!<\/script>)/, 'no inline script: the CSP forbids it');
  }
  const enrol = await app.inject({ method: 'GET', url: '/enrol' });
  assert.equal(enrol.statusCode, 302);
  assert.equal(enrol.headers.location, '/console/enrol', 'the browser keeps the #code fragment across the redirect');
});

test('hashed assets are immutable; missing files are 404 and escapes from the folder are refused', async () => {
  const html = (await app.inject({ method: 'GET', url: '/console/' })).body;
  const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  assert.ok(script, 'the page loads its script from /console/assets/');
  const js = await app.inject({ method: 'GET', url: script });
  assert.equal(js.statusCode, 200);
  assert.match(js.headers['content-type'] ?? '', /javascript/);
  assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');

  const missing = await app.inject({ method: 'GET', url: '/console/assets/nope-123.js' });
  assert.equal(missing.statusCode, 404);
  assert.match(missing.headers['content-type'] ?? '', /application\/problem\+json/);
  for (const url of ['/console/..%2F..%2Fpackage.json', '/console/%2e%2e/%2e%2e/package.json', '/console/assets/..%2F..%2F..%2Fpackage.json']) {
    const res = await app.inject({ method: 'GET', url });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url}: ${res.statusCode}`);
    assert.doesNotMatch(res.body, /"dependencies"/, url);
  }
});

test('the offline base map: 12 regions and 75 provinces as GeoJSON, small, revalidated by ETag', async () => {
  const res = await app.inject({ method: 'GET', url: '/console/boundaries.geojson' });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] ?? '', /^application\/geo\+json/);
  assert.ok(res.body.length < 700_000, `simplified for display: ${res.body.length} bytes`);
  const fc = res.json<{ type: string; features: { id: string; properties: { level: string; ar: string; fr: string }; geometry: { type: string; coordinates: number[][][][] } }[] }>();
  assert.equal(fc.type, 'FeatureCollection');
  assert.equal(fc.features.filter((f) => f.properties.level === 'region').length, 12);
  assert.equal(fc.features.filter((f) => f.properties.level === 'province').length, 75);
  const casablanca = fc.features.find((f) => f.id === 'MA-CAS');
  assert.ok(casablanca && casablanca.geometry.type === 'MultiPolygon' && casablanca.geometry.coordinates[0]![0]!.length >= 4);
  assert.match(casablanca.properties.ar, /\p{Script=Arabic}/u);
  const etag = res.headers.etag;
  assert.ok(etag);
  assert.equal((await app.inject({ method: 'GET', url: '/console/boundaries.geojson', headers: { 'if-none-match': String(etag) } })).statusCode, 304);
});
