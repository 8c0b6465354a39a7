import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/support/test-store.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(() => t.close());

test('migrations create the foundation tables', async () => {
  const rows = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(t.store.db);
  const names = rows.rows.map((r) => r.table_name);
  for (const table of ['audit_log', 'api_tokens', 'enrolments', 'jurisdictions', 'sessions', 'users']) assert.ok(names.includes(table), `${table} exists`);
});

test('both modes return the same JS types: bigint and numeric as strings, date as YYYY-MM-DD, timestamptz as Date, jsonb parsed', async () => {
  const r = await sql<{ big: string; num: string; d: string; ts: Date; j: { a: number } }>`select 9007199254740993::int8 as big, 1.50::numeric as num, '2026-03-10'::date as d, '2026-03-10T12:00:00Z'::timestamptz as ts, '{"a":1}'::jsonb as j`.execute(t.store.db);
  const row = r.rows[0];
  assert.ok(row);
  assert.equal(row.big, '9007199254740993');
  assert.equal(row.num, '1.50');
  assert.equal(row.d, '2026-03-10');
  assert.ok(row.ts instanceof Date);
  assert.equal(row.ts.toISOString(), '2026-03-10T12:00:00.000Z');
  assert.deepEqual(row.j, { a: 1 });
});

test('concurrent transactions stay isolated and every committed row survives', async () => {
  await sql`create table t_concurrency (id int primary key, who text not null)`.execute(t.store.db);
  const writers = Array.from({ length: 20 }, (_, i) =>
    t.store.db.transaction().execute(async (trx) => {
      await sql`insert into t_concurrency (id, who) values (${i}, ${`w${i}`})`.execute(trx);
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      if (i % 5 === 0) throw new Error('rolled back on purpose');
    }),
  );
  const outcomes = await Promise.allSettled(writers);
  assert.equal(outcomes.filter((o) => o.status === 'rejected').length, 4);
  const count = await sql<{ n: string }>`select count(*)::int8 as n from t_concurrency`.execute(t.store.db);
  assert.equal(count.rows[0]?.n, '16');
});

test('updateTable reports affected rows in both modes', async () => {
  await sql`create table t_affected (id int primary key, v int not null)`.execute(t.store.db);
  await sql`insert into t_affected values (1, 1), (2, 1), (3, 2)`.execute(t.store.db);
  // Kysely reads affected rows from the driver's result; the embedded pool must report them like pg does.
  const res = await t.store.db.executeQuery(sql`update t_affected set v = 9 where v = 1`.compile(t.store.db));
  assert.equal(res.numAffectedRows, 2n);
});
