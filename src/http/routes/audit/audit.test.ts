import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { createApiToken, signIn } from '../../../../test/support/auth.ts';
import { audit } from '../../../app/audit/audit.ts';
import type { Role } from '../../../domain/actor.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';
import type { AuditPageView, AuditVerificationView } from '../../presenters/audit.presenter.ts';

let t: TestContext;
let app: HttpApp;
type Headers = Record<string, string>;
const as: Partial<Record<Role | 'regional_auditor', { userId: string; headers: Headers }>> = {};
const who = (k: Role | 'regional_auditor') => {
  const s = as[k];
  assert.ok(s, `${k} signed in`);
  return s;
};

before(async () => {
  t = await createTestContext();
  app = await buildHttpApp(t);
  for (const [key, role, jurisdiction] of [
    ['auditor', 'auditor', 'MA'],
    ['dpo', 'dpo', 'MA'],
    ['administrator', 'administrator', 'MA'],
    ['officer', 'officer', 'MA-CAS'],
    ['supervisor', 'supervisor', 'MA-CAS'],
    ['communications', 'communications', 'MA'],
    ['regional_auditor', 'auditor', 'MA-06'],
  ] as const) {
    as[key] = await signIn(t, app, { role, jurisdiction });
  }
  await t.store.db.transaction().execute((trx) => audit(trx, t.clock, { kind: 'system', process: 'test' }, { objectType: 'case', objectId: 'case-77', action: 'case.read_restricted', purpose: 'locate the guardian', details: { fields: ['birthDate'] } }));
});
after(async () => {
  await app.close();
  await t.close();
});

const get = (url: string, headers: Headers = {}) => app.inject({ method: 'GET', url, headers });

test('anonymous callers get 401 on both routes', async () => {
  for (const url of ['/api/audit', '/api/audit/verify']) {
    const res = await get(url);
    assert.equal(res.statusCode, 401, url);
    assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
    assert.equal(res.json<{ code: string }>().code, 'authentication_required');
  }
});

test('both routes are described in the OpenAPI document', async () => {
  const doc = (await get('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
  assert.ok(doc.paths['/api/audit']);
  assert.ok(doc.paths['/api/audit/verify']);
});

test('officers, supervisors and communications staff get 403 on both routes; administrators may verify but not read', async () => {
  for (const role of ['officer', 'supervisor', 'communications'] as const) {
    for (const url of ['/api/audit', '/api/audit/verify']) {
      const res = await get(url, who(role).headers);
      assert.equal(res.statusCode, 403, `${role} ${url}`);
      assert.equal(res.json<{ code: string }>().code, 'forbidden');
    }
  }
  assert.equal((await get('/api/audit', who('administrator').headers)).statusCode, 403);
  assert.equal((await get('/api/audit/verify', who('administrator').headers)).statusCode, 200);
});

test('an API token without an audit scope cannot read the audit log', async () => {
  const { authorization } = await createApiToken(t, { scopes: ['cases:read'] });
  assert.equal((await get('/api/audit', { authorization })).statusCode, 403);
});

test('auditors and the DPO read entries with every recorded field, filtered', async () => {
  for (const role of ['auditor', 'dpo'] as const) {
    const res = await get('/api/audit?objectType=case&objectId=case-77&actionPrefix=case.read_', who(role).headers);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const page = res.json<AuditPageView>();
    assert.equal(page.items.length, 1);
    const [e] = page.items;
    assert.ok(e);
    assert.deepEqual(
      { actor: e.actor, object: e.object, action: e.action, purpose: e.purpose, details: e.details, at: e.at },
      { actor: { type: 'system', id: 'test', role: null, jurisdiction: null }, object: { type: 'case', id: 'case-77' }, action: 'case.read_restricted', purpose: 'locate the guardian', details: { fields: ['birthDate'] }, at: t.clock.now().toISOString() },
    );
    assert.match(e.hash, /^[0-9a-f]{64}$/);
    assert.equal(page.nextCursor, null);
  }
});

test('each page read is recorded against the reader, with the filters used', async () => {
  const auditor = who('auditor');
  assert.equal((await get('/api/audit?actionPrefix=session.', auditor.headers)).statusCode, 200);
  const last = await t.store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  assert.equal(last.action, 'audit_log.read');
  assert.equal(last.actor_id, auditor.userId);
  assert.equal(last.actor_role, 'auditor');
  assert.deepEqual((last.details as { filters: unknown }).filters, { actionPrefix: 'session.' });
});

test('cursor pagination over HTTP returns each entry once, newest first', async () => {
  const headers = who('dpo').headers;
  const seen: string[] = [];
  let url = '/api/audit?limit=3&actionPrefix=user.';
  for (let pages = 0; pages < 50; pages += 1) {
    const page = (await get(url, headers)).json<AuditPageView>();
    seen.push(...page.items.map((i) => i.seq));
    if (!page.nextCursor) break;
    url = `/api/audit?limit=3&actionPrefix=user.&cursor=${page.nextCursor}`;
  }
  const expected = (await t.store.db.selectFrom('audit_log').select('seq').where('action', 'like', 'user.%').orderBy('seq', 'desc').execute()).map((r) => r.seq);
  assert.ok(expected.length > 3, 'several pages');
  assert.deepEqual(seen, expected);
});

test('an auditor below national level sees only entries by actors of their jurisdiction', async () => {
  const page = (await get('/api/audit?limit=200', who('regional_auditor').headers)).json<AuditPageView>();
  assert.ok(page.items.length > 0);
  const allowed = new Set(['MA-06', 'MA-CAS']);
  for (const e of page.items) assert.ok(e.actor.jurisdiction !== null && allowed.has(e.actor.jurisdiction), `entry ${e.seq} by ${e.actor.jurisdiction ?? 'no jurisdiction'}`);
  assert.ok(page.items.some((e) => e.actor.id === who('officer').userId), 'the Casablanca officer is in scope');
});

test('bad queries are refused with 400 naming the field', async () => {
  const headers = who('auditor').headers;
  for (const [url, field] of [
    ['/api/audit?limit=201', 'querystring/limit'],
    ['/api/audit?cursor=abc', 'querystring/cursor'],
    ['/api/audit?from=yesterday', 'querystring/from'],
    ['/api/audit?from=2026-11-22T12:00:00Z&to=2026-11-22T10:00:00Z', 'querystring/to'],
    ['/api/audit?sort=asc', 'querystring/sort'],
  ] as const) {
    const res = await get(url, headers);
    assert.equal(res.statusCode, 400, url);
    const body = res.json<{ code: string; errors: { field: string }[] }>();
    assert.equal(body.code, 'validation_failed');
    assert.equal(body.errors[0]?.field, field, url);
  }
});

test('verify reports an intact chain, then the first broken entry once the table is tampered with', async () => {
  for (const role of ['auditor', 'dpo'] as const) {
    const res = await get('/api/audit/verify', who(role).headers);
    assert.equal(res.statusCode, 200);
    const v = res.json<AuditVerificationView>();
    assert.equal(v.ok, true);
    assert.equal(v.firstBreak, null);
    assert.equal(String(v.entries), v.lastSeq);
    const row = await t.store.db.selectFrom('audit_log').select('hash').where('seq', '=', v.lastSeq).executeTakeFirstOrThrow();
    assert.equal(v.lastHash, row.hash);
  }
  const target = await t.store.db.selectFrom('audit_log').select(['seq', 'id']).where('object_id', '=', 'case-77').executeTakeFirstOrThrow();
  await sql`alter table audit_log disable trigger user`.execute(t.store.db);
  await sql`update audit_log set purpose = 'something else' where seq = ${target.seq}`.execute(t.store.db);
  await sql`alter table audit_log enable trigger user`.execute(t.store.db);
  const v = (await get('/api/audit/verify', who('auditor').headers)).json<AuditVerificationView>();
  assert.equal(v.ok, false);
  assert.deepEqual(v.firstBreak, { kind: 'modified', seq: target.seq, id: target.id });
  assert.equal(String(v.entries), String(Number(target.seq) - 1));
});
