import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { signIn } from '../../../../test/support/auth.ts';
import { buildHttpApp } from '../../app.ts';
import { seedDemo } from '../../../app/demo/seed-demo.ts';
import { findAlertByPublicId } from '../../../store/repositories/alerts.repository.ts';

let t: TestContext;
let app: FastifyInstance;
let alertId = '';
let publicId = '';

before(async () => {
  t = await createTestContext({ env: { PARTNER_WEBHOOKS: JSON.stringify([{ id: 'press', url: 'https://press.example/hook', secret: 'p'.repeat(20) }]) } });
  app = await buildHttpApp(t);
  const demo = await seedDemo(t);
  publicId = demo.activeAlertUrl.split('/').pop() ?? '';
  alertId = (await findAlertByPublicId(t.store.db, publicId))?.id ?? '';
});
after(async () => {
  await app.close();
  await t.close();
});

test('the alert board shows each channel of each version with its status and counts, to staff of the jurisdiction only', async () => {
  const rabat = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' })).headers;
  const res = await app.inject({ method: 'GET', url: `/api/alerts/${alertId}/distribution`, headers: rabat });
  assert.equal(res.statusCode, 200);
  const items = res.json<{ items: { channel: string; version: number; status: string; counts: Record<string, number> }[] }>().items;
  assert.deepEqual(items.map((i) => `${i.version}:${i.channel}:${i.status}`), ['1:police_notice:queued', '1:webhook:queued']);
  assert.deepEqual(items[0]?.counts, { total: 0, sent: 0, skipped: 0, deferred: 0, failed: 0, pending: 0 });

  const casablanca = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-CAS' })).headers;
  assert.equal((await app.inject({ method: 'GET', url: `/api/alerts/${alertId}/distribution`, headers: casablanca })).statusCode, 403);
  assert.equal((await app.inject({ method: 'GET', url: `/api/alerts/${alertId}/distribution` })).statusCode, 401);
});

test('dead letters are listed without addresses and retried by an officer; a prosecutor liaison may look but not retry', async () => {
  const dispatch = await t.store.db.selectFrom('dispatches').select(['id']).where('alert_id', '=', alertId).where('channel', '=', 'webhook').executeTakeFirstOrThrow();
  await t.store.db.insertInto('deliveries').values({ dispatch_id: dispatch.id, recipient: 'press', status: 'dead', attempts: 8, error_code: 'webhook_503', updated_at: t.clock.now() }).execute();
  await t.store.db.updateTable('dispatches').set({ planned: true, total: 1, dead: 1 }).where('id', '=', dispatch.id).execute();

  const officer = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' })).headers;
  const listed = await app.inject({ method: 'GET', url: `/api/alerts/${alertId}/dead-letters?channel=webhook`, headers: officer });
  assert.equal(listed.statusCode, 200);
  assert.deepEqual(listed.json<{ items: { recipient: string; errorCode: string; attempts: number }[] }>().items.map((i) => [i.recipient, i.errorCode, i.attempts]), [['press', 'webhook_503', 8]]);

  const liaison = (await signIn(t, app, { role: 'prosecutor_liaison', jurisdiction: 'MA-RAB' })).headers;
  assert.equal((await app.inject({ method: 'GET', url: `/api/alerts/${alertId}/dead-letters`, headers: liaison })).statusCode, 200);
  assert.equal((await app.inject({ method: 'POST', url: `/api/alerts/${alertId}/dead-letters/retry`, headers: liaison, payload: {} })).statusCode, 403);

  assert.equal((await app.inject({ method: 'POST', url: `/api/alerts/${alertId}/dead-letters/retry`, headers: officer, payload: { channel: 'nope' } })).statusCode, 400);
  const retried = await app.inject({ method: 'POST', url: `/api/alerts/${alertId}/dead-letters/retry`, headers: officer, payload: { channel: 'webhook' } });
  assert.equal(retried.statusCode, 200);
  assert.deepEqual(retried.json(), { requeued: 1 });
  const row = await t.store.db.selectFrom('deliveries').select(['status', 'attempts']).where('dispatch_id', '=', dispatch.id).executeTakeFirstOrThrow();
  assert.deepEqual([row.status, row.attempts], ['pending', 0]);
  const board = (await app.inject({ method: 'GET', url: `/api/alerts/${alertId}/distribution`, headers: officer })).json<{ items: { channel: string; counts: { failed: number; pending: number } }[] }>();
  assert.deepEqual(board.items.find((i) => i.channel === 'webhook')?.counts.failed, 0);
  assert.equal(board.items.find((i) => i.channel === 'webhook')?.counts.pending, 1);
});

test('posters of an active version are public; unknown names, versions and alerts are 404', async () => {
  const ok = await app.inject({ method: 'GET', url: `/alerts/${publicId}/posters/1/ar-square.jpg` });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.headers['content-type'], 'image/jpeg');
  assert.equal((await app.inject({ method: 'GET', url: `/alerts/${publicId}/posters/1/xx-square.jpg` })).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: `/alerts/${publicId}/posters/9/ar-square.jpg` })).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: `/alerts/NOPE0000/posters/1/ar-square.jpg` })).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: `/alerts/${publicId}/posters/1/..%2F..%2Fetc.jpg` })).statusCode, 404);
});

test('once the alert has ended, its posters (photo, name) answer 404 and only the found card is served', async () => {
  const { endAlert } = await import('../../../app/alerts/alert-actions.ts');
  const { findUserByUsername } = await import('../../../store/repositories/users.repository.ts');
  const row = await findUserByUsername(t.store.db, 'demo-officer-rabat');
  assert.ok(row);
  await endAlert(t, { kind: 'user', id: row.id, username: row.username, role: 'officer', jurisdiction: 'MA-RAB', jurisdictionPath: ['MA', 'MA-04', 'MA-RAB'], ip: null }, alertId, 'found', 'Enfant retrouvé sain et sauf par la brigade');
  const cancel = (await t.store.db.selectFrom('alerts').select('current_version').where('id', '=', alertId).executeTakeFirstOrThrow()).current_version;
  assert.equal((await app.inject({ method: 'GET', url: `/alerts/${publicId}/posters/1/ar-square.jpg` })).statusCode, 404);
  const found = await app.inject({ method: 'GET', url: `/alerts/${publicId}/posters/${cancel}/fr-og.jpg` });
  assert.equal(found.statusCode, 200);
  assert.equal(found.headers['content-type'], 'image/jpeg');
});
