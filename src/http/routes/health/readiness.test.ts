/**
 * GET /readyz as a load balancer reads it: ready once the database answers, every migration of this
 * release is applied and the job queue's tables exist; not ready (503) otherwise, naming the check
 * that failed and nothing else; never cached.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';
import { knownMigrations } from '../../../store/migrator.ts';

let t: TestContext;
let app: HttpApp;
let closed = false;

before(async () => {
  t = await createTestContext();
  app = await buildHttpApp(t);
});
after(async () => {
  if (!closed) await app?.close();
  await t?.close();
});

test('a migrated server with its job queue is ready', async () => {
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.deepEqual(res.json(), { status: 'ready', checks: { database: 'ok', migrations: 'ok', jobs: 'ok' } });
});

test('a database behind this release (a migration not applied) is not ready', async () => {
  const last = (await knownMigrations()).at(-1) ?? '';
  await sql`DELETE FROM kysely_migration WHERE name = ${last}`.execute(t.store.db);
  try {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), { status: 'not_ready', checks: { database: 'ok', migrations: 'pending', jobs: 'ok' } });
  } finally {
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${last}, ${new Date().toISOString()})`.execute(t.store.db);
  }
  assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
});

test('a server that is shutting down answers 503 so the balancer drains it', async () => {
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  assert.equal((await fetch(`${base}/readyz`)).status, 200);
  const closing = app.close();
  closed = true;
  const res = await fetch(`${base}/readyz`).catch(() => null);
  // Either the listener is already gone (connection refused) or Fastify answers 503 while closing.
  assert.ok(res === null || res.status === 503, `got ${res?.status}`);
  await closing;
});
