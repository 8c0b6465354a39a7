import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import type { SystemActor, UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { audit, auditAll } from './audit.ts';
import { auditRead } from './audit-read.ts';
import { verifyAudit } from './verify-audit.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(() => t.close());

const system: SystemActor = { kind: 'system', process: 'test' };
const officer: UserActor = { kind: 'user', id: '11111111-1111-4111-8111-111111111111', username: 'officer1', role: 'officer', jurisdiction: 'MA-CAS', jurisdictionPath: ['MA', 'MA-06', 'MA-CAS'], ip: '192.0.2.7' };

const count = async () => Number((await sql<{ n: string }>`select count(*)::int8 as n from audit_log`.execute(t.store.db)).rows[0]?.n);
const seqs = async () => (await t.store.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
const anchor = async () => t.store.db.selectFrom('audit_anchor').select(['last_seq', 'last_hash']).executeTakeFirstOrThrow();

test('an entry commits with its transaction, and rolls back with it without leaving a gap', async () => {
  await t.store.db.transaction().execute((trx) => audit(trx, t.clock, system, { objectType: 'test', objectId: 'a', action: 'test.kept' }));
  const before = await anchor();
  await assert.rejects(
    t.store.db.transaction().execute(async (trx) => {
      await audit(trx, t.clock, officer, { objectType: 'test', objectId: 'b', action: 'test.rolled_back' });
      throw new Error('the change failed');
    }),
    /the change failed/,
  );
  assert.deepEqual(await anchor(), before, 'the anchor moved back with the rollback');
  const actions = (await t.store.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
  assert.ok(actions.includes('test.kept'));
  assert.ok(!actions.includes('test.rolled_back'));
  await t.store.db.transaction().execute((trx) => audit(trx, t.clock, system, { objectType: 'test', objectId: 'c', action: 'test.after' }));
  const all = await seqs();
  assert.deepEqual(all, all.map((_, i) => i + 1), 'seqs stay gap-free');
  assert.equal((await verifyAudit(t)).ok, true);
});

test('an entry records actor, role, jurisdiction, IP, time, object, action, purpose and details', async () => {
  const written = await t.store.db.transaction().execute(async (trx) => {
    await audit(trx, t.clock, officer, { objectType: 'case', objectId: 'case-1', action: 'case.update', purpose: 'follow-up', details: { fields: ['height'] } });
    return trx.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  });
  assert.equal(written.actor_type, 'user');
  assert.equal(written.actor_id, officer.id);
  assert.equal(written.actor_role, 'officer');
  assert.equal(written.actor_jurisdiction, 'MA-CAS');
  assert.equal(written.ip, '192.0.2.7');
  assert.equal(written.at.toISOString(), t.clock.now().toISOString());
  assert.equal(written.object_type, 'case');
  assert.equal(written.object_id, 'case-1');
  assert.equal(written.action, 'case.update');
  assert.equal(written.purpose, 'follow-up');
  assert.deepEqual(written.details, { fields: ['height'] });
  assert.equal(written.hash, (await anchor()).last_hash, 'the anchor points at the newest entry');
});

test('50 concurrent transactions append a gap-free, intact chain (rolled-back ones leave no trace)', async () => {
  const start = await count();
  const writers = Array.from({ length: 50 }, (_, i) =>
    t.store.db.transaction().execute(async (trx) => {
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      await audit(trx, t.clock, i % 2 ? officer : system, { objectType: 'test', objectId: `w${i}`, action: 'test.concurrent', details: { i } });
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      if (i % 10 === 9) throw new Error('rolled back on purpose');
    }),
  );
  const outcomes = await Promise.allSettled(writers);
  assert.equal(outcomes.filter((o) => o.status === 'rejected').length, 5);
  assert.equal(await count(), start + 45);
  const all = await seqs();
  assert.deepEqual(all, all.map((_, i) => i + 1));
  const result = await verifyAudit(t, { pageSize: 7 });
  assert.deepEqual({ ok: result.ok, entries: result.entries, seq: result.last.seq }, { ok: true, entries: start + 45, seq: String(start + 45) });
});

test('a batch of events (auditAll) extends the chain in its order, beside concurrent single appends', async () => {
  const start = await count();
  const batches = Array.from({ length: 6 }, (_, b) =>
    t.store.db.transaction().execute(async (trx) => {
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      await auditAll(trx, t.clock, Array.from({ length: 40 }, (_, i) => ({ actor: i % 2 ? officer : system, event: { objectType: 'tip', objectId: `b${b}-${i}`, action: 'tip.submit', details: { b, i } } })));
      if (b === 5) throw new Error('the batch failed');
    }),
  );
  const singles = Array.from({ length: 10 }, (_, i) => t.store.db.transaction().execute((trx) => audit(trx, t.clock, system, { objectType: 'test', objectId: `s${i}`, action: 'test.single' })));
  const outcomes = await Promise.allSettled([...batches, ...singles]);
  assert.equal(outcomes.filter((o) => o.status === 'rejected').length, 1, 'only the failed batch is refused');
  assert.equal(await count(), start + 5 * 40 + 10, 'five batches of 40 and ten single entries; nothing of the failed batch');
  const rows = await t.store.db.selectFrom('audit_log').select(['seq', 'object_id']).where('seq', '>', String(start)).orderBy('seq').execute();
  for (let b = 0; b < 5; b++) {
    const mine = rows.filter((r) => r.object_id?.startsWith(`b${b}-`));
    assert.deepEqual(mine.map((r) => r.object_id), Array.from({ length: 40 }, (_, i) => `b${b}-${i}`), `batch ${b} is in the chain in its own order`);
    const first = Number(mine[0]?.seq);
    assert.deepEqual(mine.map((r) => Number(r.seq)), Array.from({ length: 40 }, (_, i) => first + i), `batch ${b} is one unbroken run of seqs`);
  }
  const all = await seqs();
  assert.deepEqual(all, all.map((_, i) => i + 1), 'seqs stay gap-free');
  assert.equal((await verifyAudit(t, { pageSize: 13 })).ok, true);
  await t.store.db.transaction().execute((trx) => auditAll(trx, t.clock, []));
  assert.equal(await count(), start + 210, 'an empty batch appends nothing');
});

test('the database refuses UPDATE, DELETE and TRUNCATE on audit_log', async () => {
  const n = await count();
  await assert.rejects(sql`update audit_log set action = 'x' where seq = 1`.execute(t.store.db), /audit_log is append-only: UPDATE refused/);
  await assert.rejects(sql`delete from audit_log where seq = 1`.execute(t.store.db), /audit_log is append-only: DELETE refused/);
  await assert.rejects(sql`truncate audit_log`.execute(t.store.db), /audit_log is append-only: TRUNCATE refused/);
  assert.equal(await count(), n);
  assert.equal((await verifyAudit(t)).ok, true);
});

test('the anchor moves only with an append, and an insert must extend the chain', async () => {
  const a = await anchor();
  await assert.rejects(sql`update audit_anchor set last_seq = 1`.execute(t.store.db), /audit_anchor moves only with an audit_log append: UPDATE refused/);
  await assert.rejects(sql`delete from audit_anchor`.execute(t.store.db), /DELETE refused/);
  await assert.rejects(sql`truncate audit_anchor`.execute(t.store.db), /TRUNCATE refused/);
  await assert.rejects(sql`insert into audit_anchor (id, last_seq, last_hash) values (2, 0, 'x')`.execute(t.store.db), /INSERT refused/);
  // A row slipped in beside the writer (here: reusing the last link) is refused.
  const forged = (seq: string) =>
    sql`insert into audit_log (seq, id, at, actor_type, object_type, action, details, prev_hash, hash)
        values (${seq}, gen_random_uuid(), now(), 'system', 'test', 'test.forged', '{}'::jsonb, ${a.last_hash}, ${'f'.repeat(64)})`.execute(t.store.db);
  await assert.rejects(forged(String(BigInt(a.last_seq) + 2n)), /does not extend the chain/);
  await assert.rejects(
    sql`insert into audit_log (seq, id, at, actor_type, object_type, action, details, prev_hash, hash)
        values (${String(BigInt(a.last_seq) + 1n)}, gen_random_uuid(), now(), 'system', 'test', 'test.forged', '{}'::jsonb, ${'e'.repeat(64)}, ${'f'.repeat(64)})`.execute(t.store.db),
    /does not extend the chain/,
  );
  assert.deepEqual(await anchor(), a);
});

test('auditRead records the fields read and the purpose, and refuses a read without a purpose', async () => {
  await t.store.db.transaction().execute((trx) => auditRead(trx, t.clock, officer, { objectType: 'case', objectId: 'case-9', fields: ['medicalNeeds', 'birthDate', 'birthDate'], purpose: '  locate guardian  ' }));
  const row = await t.store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  assert.equal(row.action, 'case.read_restricted');
  assert.equal(row.object_id, 'case-9');
  assert.equal(row.purpose, 'locate guardian');
  assert.deepEqual(row.details, { fields: ['birthDate', 'medicalNeeds'] });

  const n = await count();
  for (const purpose of ['', '   ', null, undefined, 'x'.repeat(501)]) {
    await assert.rejects(
      t.store.db.transaction().execute((trx) => auditRead(trx, t.clock, officer, { objectType: 'case', objectId: 'case-9', fields: ['birthDate'], purpose })),
      (err: unknown) => err instanceof AppError && err.code === 'validation_failed' && err.errors.length === 1 && err.errors[0]?.field === 'purpose',
    );
  }
  assert.equal(await count(), n, 'a refused read leaves no entry');
});
