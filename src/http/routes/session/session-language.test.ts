import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { signIn } from '../../../../test/support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';

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

const put = (headers: Record<string, string>, payload: unknown) => app.inject({ method: 'PUT', url: '/api/session/language', headers, payload: payload as Record<string, unknown> });

test('the language chosen in the console is kept on the account: the next session, on any device, starts in it', async () => {
  const { userId, headers } = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' });
  const session = () => app.inject({ method: 'GET', url: '/api/session', headers }).then((r) => r.json<{ locale: string }>());
  assert.equal((await session()).locale, 'ar', 'Arabic by default');
  const res = await put(headers, { language: 'fr' });
  assert.equal(res.statusCode, 204, res.body);
  assert.equal((await session()).locale, 'fr');
  const row = await t.store.db.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirstOrThrow();
  assert.equal(row.locale, 'fr');
  assert.equal((await put(headers, { language: 'fr' })).statusCode, 204, 'choosing it again changes nothing');
  const audits = await t.store.db.selectFrom('audit_log').select(['details']).where('action', '=', 'user.language_changed').where('object_id', '=', userId).execute();
  assert.deepEqual(audits.map((a) => a.details), [{ from: 'ar', to: 'fr' }], 'audited once, with the two languages only');
});

test('only a known language, only from a signed-in session with its CSRF token', async () => {
  const { headers } = await signIn(t, app, { role: 'auditor' });
  for (const bad of [{ language: 'en' }, { language: 'fr', extra: 1 }, {}, { language: 'x'.repeat(300) }]) {
    const res = await put(headers, bad);
    assert.ok(res.statusCode === 400 || res.statusCode === 413 || res.statusCode === 422, `${JSON.stringify(bad).slice(0, 40)}: ${res.statusCode}`);
    assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
  }
  assert.equal((await put({ cookie: headers.cookie }, { language: 'fr' })).statusCode, 403, 'no CSRF token');
  assert.equal((await put({}, { language: 'fr' })).statusCode, 401);
});
