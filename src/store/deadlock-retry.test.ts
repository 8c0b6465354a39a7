import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { retryOnDeadlock } from './deadlock-retry.ts';
import { createTestContext, type TestContext } from '../../test/support/test-store.ts';

test('a deadlock victim is run again; any other error is thrown at once', async () => {
  let calls = 0;
  const value = await retryOnDeadlock(async () => {
    calls += 1;
    if (calls < 3) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    return 'done';
  });
  assert.deepEqual({ value, calls }, { value: 'done', calls: 3 });

  let other = 0;
  await assert.rejects(
    retryOnDeadlock(async () => {
      other += 1;
      throw Object.assign(new Error('duplicate key'), { code: '23505' });
    }),
    /duplicate key/,
  );
  assert.equal(other, 1);
});

test('a deadlock that keeps happening is thrown after the last attempt', async () => {
  let calls = 0;
  await assert.rejects(
    retryOnDeadlock(async () => {
      calls += 1;
      throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    }, 3),
    /deadlock detected/,
  );
  assert.equal(calls, 3);
});

let t: TestContext | undefined;
const onPostgres = Boolean(process.env.DATABASE_URL);
before(async () => {
  if (onPostgres) t = await createTestContext();
});
after(() => t?.close());

test('on PostgreSQL, both sides of a real deadlock end committed', { skip: !onPostgres && 'needs DATABASE_URL (PGlite is one session and cannot deadlock)' }, async () => {
  const db = t?.store.db;
  assert.ok(db);
  await sql`CREATE TABLE IF NOT EXISTS deadlock_probe (id int PRIMARY KEY, n int NOT NULL)`.execute(db);
  await sql`INSERT INTO deadlock_probe VALUES (1, 0), (2, 0) ON CONFLICT (id) DO UPDATE SET n = 0`.execute(db);
  // Each side locks one row, waits until the other holds its row, then asks for the other's: a cycle.
  let holding = 0;
  const bothHold = async () => {
    holding += 1;
    while (holding < 2) await new Promise((r) => setTimeout(r, 5));
  };
  const side = (first: number, second: number) =>
    retryOnDeadlock(() =>
      db.transaction().execute(async (trx) => {
        await sql`UPDATE deadlock_probe SET n = n + 1 WHERE id = ${first}`.execute(trx);
        await bothHold();
        await sql`UPDATE deadlock_probe SET n = n + 1 WHERE id = ${second}`.execute(trx);
      }),
    );
  await Promise.all([side(1, 2), side(2, 1)]);
  const rows = await sql<{ id: number; n: number }>`SELECT id, n FROM deadlock_probe ORDER BY id`.execute(db);
  assert.deepEqual(rows.rows.map((r) => r.n), [2, 2], 'each side\'s two increments counted once');
  await sql`DROP TABLE deadlock_probe`.execute(db);
});
