import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { createApiToken, signIn } from '../../../../test/support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';

type Headers = { cookie: string; 'x-csrf-token': string };

let t: TestContext;
let app: HttpApp;
let nationalAdmin: Headers;
let rabatAdmin: Headers;
let officer: Headers;

before(async () => {
  t = await createTestContext();
  app = await buildHttpApp(t);
  nationalAdmin = (await signIn(t, app, { role: 'administrator', jurisdiction: 'MA' })).headers;
  rabatAdmin = (await signIn(t, app, { role: 'administrator', jurisdiction: 'MA-RAB' })).headers;
  officer = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-CAS' })).headers;
});
after(async () => {
  await app.close();
  await t.close();
});

interface Item {
  code: string;
  level: string;
  parentCode: string | null;
  names: { ar: string; fr: string; zgh: string | null };
}
const codeOf = (res: { json<T>(): T }) => res.json<{ code: string }>().code;
const create = (headers: Headers, payload: unknown) => app.inject({ method: 'POST', url: '/api/jurisdictions', headers, payload: payload as object });

test('any staff member lists the tree with parent codes and names in three scripts', async () => {
  const res = await app.inject({ method: 'GET', url: '/api/jurisdictions', headers: officer });
  assert.equal(res.statusCode, 200, res.body);
  const { items } = res.json<{ items: Item[] }>();
  assert.equal(items.filter((i) => i.level !== 'unit').length, 88);
  assert.deepEqual(items[0], { code: 'MA', level: 'national', parentCode: null, names: { ar: 'المملكة المغربية', fr: 'Royaume du Maroc', zgh: 'ⵜⴰⴳⵍⴷⵉⵜ ⵏ ⵍⵎⵖⵔⵉⴱ' } });
  assert.deepEqual(
    items.find((i) => i.code === 'MA-CAS'),
    { code: 'MA-CAS', level: 'province', parentCode: 'MA-06', names: { ar: 'عمالة الدار البيضاء', fr: 'Préfecture de Casablanca', zgh: null } },
  );
  assert.deepEqual(items.find((i) => i.code === 'MA-06')?.parentCode, 'MA');

  const region = await app.inject({ method: 'GET', url: '/api/jurisdictions?under=MA-12', headers: officer });
  assert.deepEqual(region.json<{ items: Item[] }>().items.map((i) => i.code), ['MA-12', 'MA-AOU', 'MA-OUD']);
  const regions = await app.inject({ method: 'GET', url: '/api/jurisdictions?level=region', headers: officer });
  assert.equal(regions.json<{ items: Item[] }>().items.length, 12);
});

test('listing needs a signed-in staff member and valid filters', async () => {
  const anonymous = await app.inject({ method: 'GET', url: '/api/jurisdictions' });
  assert.equal(anonymous.statusCode, 401);
  const token = await createApiToken(t, { scopes: ['tips:write'] });
  const byToken = await app.inject({ method: 'GET', url: '/api/jurisdictions', headers: token });
  assert.equal(byToken.statusCode, 403);
  const badLevel = await app.inject({ method: 'GET', url: '/api/jurisdictions?level=city', headers: officer });
  assert.equal(badLevel.statusCode, 400);
  const unknown = await app.inject({ method: 'GET', url: '/api/jurisdictions?under=MA-XYZ', headers: officer });
  assert.equal(unknown.statusCode, 404);
  assert.equal(codeOf(unknown), 'not_found');
});

test('an administrator creates a police unit under a province in their jurisdiction', async () => {
  const res = await create(rabatAdmin, { code: 'MA-RAB-HASSAN', nameAr: 'الدائرة الأمنية حسان', nameFr: 'Arrondissement Hassan', nameZgh: 'ⵃⴰⵙⵙⴰⵏ' });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual(res.json(), { code: 'MA-RAB-HASSAN', level: 'unit', parentCode: 'MA-RAB', names: { ar: 'الدائرة الأمنية حسان', fr: 'Arrondissement Hassan', zgh: 'ⵃⴰⵙⵙⴰⵏ' } });
  const list = await app.inject({ method: 'GET', url: '/api/jurisdictions?under=MA-RAB', headers: officer });
  assert.deepEqual(list.json<{ items: Item[] }>().items.map((i) => [i.code, i.parentCode]), [['MA-RAB', 'MA-04'], ['MA-RAB-HASSAN', 'MA-RAB']]);
  const audit = await t.store.db.selectFrom('audit_log').select(['action', 'actor_role']).where('object_id', '=', 'MA-RAB-HASSAN').execute();
  assert.deepEqual(audit, [{ action: 'jurisdiction.create_unit', actor_role: 'administrator' }]);
});

test('unit creation: outside the jurisdiction 403, non-administrators 403, duplicates 409, bad bodies 400', async () => {
  const outside = await create(rabatAdmin, { code: 'MA-CAS-U01', nameAr: 'الدائرة', nameFr: 'Arrondissement' });
  assert.equal(outside.statusCode, 403);
  const notAdmin = await create(officer, { code: 'MA-CAS-U01', nameAr: 'الدائرة', nameFr: 'Arrondissement' });
  assert.equal(notAdmin.statusCode, 403);
  const ok = await create(nationalAdmin, { code: 'MA-CAS-U01', parentCode: 'MA-CAS', nameAr: 'الدائرة', nameFr: 'Arrondissement' });
  assert.equal(ok.statusCode, 201, ok.body);
  const again = await create(nationalAdmin, { code: 'MA-CAS-U01', nameAr: 'الدائرة', nameFr: 'Arrondissement' });
  assert.equal(again.statusCode, 409);
  assert.equal(codeOf(again), 'conflict');
  for (const body of [
    { code: 'MA-CAS', nameAr: 'الدائرة', nameFr: 'Arrondissement' },
    { code: 'MA-CAS-U02', nameAr: 'الدائرة' },
    { code: 'MA-CAS-U02', nameAr: 'الدائرة', nameFr: 'Arrondissement', level: 'region' },
    { code: 'MA-CAS-U02', nameAr: 'الدائرة', nameFr: 'x'.repeat(121) },
    { code: 'MA-CAS-U02', parentCode: 'MA-RAB', nameAr: 'الدائرة', nameFr: 'Arrondissement' },
  ]) {
    const res = await create(nationalAdmin, body);
    assert.equal(res.statusCode, 400, JSON.stringify(body));
    assert.equal(codeOf(res), 'validation_failed');
  }
  const unknownProvince = await create(nationalAdmin, { code: 'MA-XYZ-U01', nameAr: 'الدائرة', nameFr: 'Arrondissement' });
  assert.equal(unknownProvince.statusCode, 400);
  const form = await app.inject({ method: 'POST', url: '/api/jurisdictions', headers: { ...nationalAdmin, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'code=MA-CAS-U05&nameAr=x&nameFr=y' });
  assert.equal(form.statusCode, 415);
  const noCsrf = await app.inject({ method: 'POST', url: '/api/jurisdictions', headers: { cookie: nationalAdmin.cookie }, payload: { code: 'MA-CAS-U06', nameAr: 'الدائرة', nameFr: 'Arrondissement' } });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(codeOf(noCsrf), 'csrf_failed');
});

test('the routes are in the OpenAPI document', async () => {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
  assert.ok(doc.paths['/api/jurisdictions']?.get);
  assert.ok(doc.paths['/api/jurisdictions']?.post);
  assert.ok(doc.paths['/api/geo/locate']?.get);
});
