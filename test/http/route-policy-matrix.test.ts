/**
 * The access matrix: for every route in the OpenAPI document, who may call it and who may not. Each
 * staff role signs in at national level (so jurisdiction never decides here; jurisdiction rules have
 * their own tests next to each resource) and calls every route with placeholder input: an allowed role
 * gets past authorization (any answer but 401/403), any other role gets 403, an anonymous caller 401.
 * A route missing from the table fails the test, so a new route cannot ship unclassified.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../support/test-store.ts';
import { signIn } from '../support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { ROLES, type Role } from '../../src/domain/actor.ts';
import { POLICY_RULES, type Action } from '../../src/domain/policy/rules.ts';

/** 'public': anyone; 'session': any signed-in browser session, whatever its stage; otherwise the policy action. */
const ROUTES: Record<string, Action | 'public' | 'session'> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/enrolments/inspect': 'public',
  'POST /api/enrolments/complete': 'public',
  'POST /api/auth/second-factor/enrol': 'session',
  'POST /api/auth/second-factor/confirm': 'session',
  'POST /api/auth/second-factor': 'session',
  'POST /api/auth/logout': 'session',
  'GET /api/session': 'session',
  'PUT /api/session/language': 'session.self',
  'GET /api/audit': 'audit.read',
  'GET /api/audit/verify': 'audit.verify',
  'POST /api/users': 'user.create',
  'GET /api/users': 'user.list',
  'POST /api/users/{id}/disable': 'user.disable',
  'POST /api/users/{id}/reset-second-factor': 'user.reset_second_factor',
  'POST /api/users/{id}/invite': 'user.update',
  'POST /api/api-tokens': 'api_token.create',
  'GET /api/api-tokens': 'api_token.list',
  'DELETE /api/api-tokens/{id}': 'api_token.revoke',
  'GET /api/jurisdictions': 'jurisdiction.list',
  'POST /api/jurisdictions': 'jurisdiction.create_unit',
  'GET /api/geo/locate': 'geo.locate',
  'POST /api/cases': 'case.create',
  'GET /api/cases': 'case.read_summary',
  'GET /api/cases/{id}': 'case.read_summary',
  'PUT /api/cases/{id}': 'case.update',
  'POST /api/cases/{id}/assessment': 'case.assess',
  'POST /api/cases/{id}/assessment/override': 'case.override_assessment',
  'POST /api/cases/{id}/close': 'case.close',
  'POST /api/cases/{id}/reopen': 'case.reopen',
  'GET /api/cases/{id}/history': 'case.read_summary',
  'GET /api/cases/{id}/pfif': 'case.export_public',
  'POST /api/cases/{id}/photos': 'case.photo_add',
  'GET /api/cases/{id}/photos': 'case.photo_read',
  'GET /api/cases/{id}/photos/{photoId}': 'case.photo_read',
  'PATCH /api/cases/{id}/photos/{photoId}': 'case.update',
  'DELETE /api/cases/{id}/photos/{photoId}': 'case.update',
  'POST /api/cases/{id}/alerts': 'alert.create',
  'GET /api/alerts': 'alert.list',
  'GET /api/alerts/{id}': 'alert.read',
  'PUT /api/alerts/{id}/draft': 'alert.edit',
  'POST /api/alerts/{id}/request': 'alert.request',
  'POST /api/alerts/{id}/decisions': 'alert.decide',
  'POST /api/alerts/{id}/urgent-publish': 'alert.urgent_publish',
  'POST /api/alerts/{id}/renew': 'alert.renew',
  'POST /api/alerts/{id}/updates': 'alert.update',
  'POST /api/alerts/{id}/end': 'alert.end',
  'GET /api/alerts/{id}/distribution': 'alert.read',
  'GET /api/alerts/{id}/dead-letters': 'alert.read',
  'POST /api/alerts/{id}/dead-letters/retry': 'alert.retry_delivery',
  'GET /alerts/{publicId}.cap': 'public',
  'GET /feeds/alerts.atom': 'public',
  'GET /webhooks/whatsapp': 'public',
  'POST /webhooks/whatsapp': 'public',
  'POST /api/alerts/{id}/tips': 'tip.submit',
  'GET /api/police-notices': 'police_notice.list',
  'POST /api/police-notices/{id}/read': 'police_notice.mark_read',
  'GET /api/live/dashboard': 'live.read',
  'GET /api/live/events': 'live.read',
  'GET /api/cases/{id}/tips': 'tip.read',
  'GET /api/cases/{id}/tips/map': 'tip.read',
  'GET /api/cases/{id}/tips/timeline': 'tip.read',
  'GET /api/tips/{id}': 'tip.read',
  'GET /api/tips/{id}/photo': 'tip.read',
  'POST /api/tips/{id}/status': 'tip.triage',
  'POST /api/tips/{id}/assign': 'tip.assign',
  'GET /api/cases/{id}/tip-assignees': 'tip.assign',
  'GET /api/officer-notifications': 'officer_notification.list',
  'POST /api/officer-notifications/{id}/read': 'officer_notification.mark_read',
  'GET /api/cases/{id}/legal-holds': 'privacy.legal_hold',
  'POST /api/cases/{id}/legal-holds': 'privacy.legal_hold',
  'POST /api/legal-holds/{id}/lift': 'privacy.legal_hold',
  'POST /api/cases/{id}/access-export': 'privacy.access_export',
  'POST /api/cases/{id}/rectifications': 'privacy.rectify',
  'GET /api/cases/{id}/rectifications': 'privacy.rectify',
  'GET /api/retention/statistics': 'privacy.statistics',
};

let t: TestContext;
let app: HttpApp;
const staff = new Map<Role, { cookie: string; 'x-csrf-token': string }>();
let operations: { method: string; path: string; key: string }[] = [];

before(async () => {
  t = await createTestContext();
  app = await buildHttpApp(t);
  for (const role of ROLES) staff.set(role, (await signIn(t, app, { role, jurisdiction: 'MA' })).headers);
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}` })));
});
after(async () => {
  await app.close();
  await t.close();
});

function call(op: { method: string; path: string }, headers: Record<string, string>) {
  const url = op.path.replace(/\{[^}]+\}/g, () => randomUUID());
  const withBody = op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH';
  return app.inject({ method: op.method as 'GET', url, headers, ...(withBody ? { payload: {} } : {}) });
}

test('every route is classified in the access matrix', () => {
  const missing = operations.filter((o) => !(o.key in ROUTES)).map((o) => o.key);
  assert.deepEqual(missing, [], 'routes missing from the matrix');
  const stale = Object.keys(ROUTES).filter((k) => !operations.some((o) => o.key === k));
  assert.deepEqual(stale, [], 'matrix rows for routes that no longer exist');
});

test('anonymous callers get 401 problem+json on every route that is not public', async () => {
  for (const op of operations) {
    if (ROUTES[op.key] === 'public') continue;
    const res = await call(op, {});
    assert.equal(res.statusCode, 401, `${op.key}: ${res.body}`);
    assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/, op.key);
  }
});

test('each role reaches exactly the routes its policy allows', async () => {
  const table: string[] = [];
  for (const op of operations) {
    const rule = ROUTES[op.key];
    if (rule === undefined || rule === 'public' || rule === 'session') continue;
    const allowedRoles: readonly Role[] = POLICY_RULES[rule].roles;
    for (const role of ROLES) {
      const res = await call(op, staff.get(role) ?? {});
      const allowed = allowedRoles.includes(role);
      if (allowed) assert.ok(res.statusCode !== 401 && res.statusCode !== 403, `${role} should reach ${op.key}, got ${res.statusCode}: ${res.body}`);
      else assert.equal(res.statusCode, 403, `${role} must be refused ${op.key}, got ${res.statusCode}: ${res.body}`);
      assert.notEqual(res.statusCode, 500, `${role} ${op.key}: ${res.body}`);
      table.push(`${op.key} ${role}: ${allowed ? 'allowed' : 'refused'}`);
    }
  }
  assert.ok(table.length > 100);
});
