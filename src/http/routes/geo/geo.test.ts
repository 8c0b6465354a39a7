import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { signIn } from '../../../../test/support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';

let t: TestContext;
let app: HttpApp;
let headers: { cookie: string; 'x-csrf-token': string };

before(async () => {
  t = await createTestContext();
  app = await buildHttpApp(t);
  headers = (await signIn(t, app, { role: 'communications', jurisdiction: 'MA' })).headers;
});
after(async () => {
  await app.close();
  await t.close();
});

const locate = (query: string, h: object = headers) => app.inject({ method: 'GET', url: `/api/geo/locate?${query}`, headers: h as Record<string, string> });

test('a point in Morocco gives its province and region with names', async () => {
  const res = await locate('lat=34.0209&lon=-6.8416');
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), {
    region: { code: 'MA-04', names: { ar: 'الرباط-سلا-القنيطرة', fr: 'Rabat-Salé-Kénitra', zgh: 'ⵔⴱⴰⵟ-ⵙⵍⴰ-ⵇⵏⵉⵟⵔⴰ' } },
    province: { code: 'MA-RAB', names: { ar: 'عمالة الرباط', fr: 'Préfecture de Rabat', zgh: null } },
    distanceKm: 0,
  });
  assert.equal(res.headers['cache-control'], 'no-store');
  const dakhla = (await locate('lat=23.6848&lon=-15.957')).json<{ province: { code: string }; region: { code: string } }>();
  assert.deepEqual([dakhla.province.code, dakhla.region.code], ['MA-OUD', 'MA-12']);
});

test('a point just off the coast is attributed, with its distance', async () => {
  const res = await locate('lat=33.607&lon=-7.615');
  assert.equal(res.statusCode, 200);
  const body = res.json<{ province: { code: string }; distanceKm: number }>();
  assert.equal(body.province.code, 'MA-CAS');
  assert.ok(body.distanceKm > 0 && body.distanceKm <= 2);
});

test('outside Morocco is 422 unprocessable, and the answer does not echo the point', async () => {
  for (const q of ['lat=40.4168&lon=-3.7038', 'lat=36.7538&lon=3.0588', 'lat=33.5&lon=-9.5', 'lat=28.1235&lon=-15.4363']) {
    const res = await locate(q);
    assert.equal(res.statusCode, 422, q);
    const body = res.json<{ code: string; detail: string }>();
    assert.equal(body.code, 'unprocessable');
    assert.match(body.detail, /outside Morocco/);
    assert.ok(!res.body.includes(q.split('&')[0]?.split('=')[1] ?? '-'), 'the latitude is not echoed');
  }
});

test('coordinates are validated: ranges, numbers, both present, nothing extra', async () => {
  for (const q of ['lat=91&lon=0', 'lat=0&lon=-181', 'lat=abc&lon=0', 'lat=33.5', 'lat=33.5&lon=-7.5&x=1', '']) {
    const res = await locate(q);
    assert.equal(res.statusCode, 400, q);
    assert.equal(res.json<{ code: string }>().code, 'validation_failed');
  }
});

test('staff only: the public gets 401', async () => {
  const res = await locate('lat=34.0209&lon=-6.8416', {});
  assert.equal(res.statusCode, 401);
});

test('the point is not written to the logs', async () => {
  await locate('lat=31.6295&lon=-7.9811');
  assert.ok(!t.logLines.some((l) => l.includes('31.6295')), 'no log line carries the coordinates');
});
