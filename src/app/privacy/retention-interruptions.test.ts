/**
 * Bad input for the retention purge: a run interrupted half-way is finished by the next one without
 * doing anything twice (statistics counted once, one purge and one key destruction per case); a legal
 * hold added while a run is going wins; a case that cannot be purged does not stop the others.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { ManualClock } from '../../platform/clock.ts';
import { validRecord } from '../../domain/case/case-fixtures.test-support.ts';
import { openCase } from '../cases/open-case.ts';
import { transitionCase } from '../cases/transition-case.ts';
import { systemActor } from '../accounts/actors.ts';
import { findCase } from '../../store/repositories/cases.repository.ts';
import { insertLegalHold } from '../../store/repositories/legal-holds.repository.ts';
import { type Crew, crew } from './privacy-fixtures.test-support.ts';
import { type RetentionReport, planRetention, runRetention } from './retention-run.ts';
import { caseLegalHolds, liftLegalHold, placeLegalHold } from './legal-holds.ts';
import { AppError } from '../../domain/errors.ts';

const clock = new ManualClock('2026-03-11T14:00:00Z');
let t: TestContext;
let c: Crew;
const RETENTION = systemActor('retention');
const DAY = 86_400_000;

before(async () => {
  t = await createTestContext({ clock });
  c = await crew(t);
});
after(() => t.close());

/** `n` cases opened and closed now, then the clock moved past their 12 months. */
async function expiredCases(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = validRecord();
    r.child.givenNameLatin = ['Amina', 'Karim', 'Salma', 'Youssef', 'Nadia', 'Omar'][i % 6] ?? 'Amina';
    r.lastSeen.at = new Date(clock.now().getTime() - 3_600_000).toISOString();
    const opened = await openCase(t, c.officer, r, { exercise: false });
    await transitionCase(t, c.officer, opened.meta.id, { type: 'close', outcome: 'returned_on_own', reason: 'Rentrée seule chez ses parents le soir même.' });
    ids.push(opened.meta.id);
  }
  clock.advance(400 * DAY);
  return ids;
}

async function purgedOf(ids: readonly string[]): Promise<string[]> {
  const rows = await t.store.db.selectFrom('retention_progress').select('case_id').where('case_id', 'in', [...ids]).where('purged_at', 'is not', null).execute();
  return rows.map((r) => r.case_id).sort();
}

/** The run's outcomes for these cases (earlier tests' held cases show up in every run), sorted by case id. */
const outcomes = (report: RetentionReport, ids: readonly string[]) =>
  report.results
    .filter((r) => ids.includes(r.caseId))
    .map((r) => [r.caseId, r.outcome])
    .sort();

const statisticCases = async () => (await t.store.db.selectFrom('retention_statistics').select('cases').execute()).reduce((n, r) => n + r.cases, 0);

async function auditCount(action: string, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await t.store.db.selectFrom('audit_log').select('object_id').where('action', '=', action).where('object_id', 'in', [...ids]).execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.object_id ?? '', (out.get(r.object_id ?? '') ?? 0) + 1);
  return out;
}

test('a run interrupted after two cases is finished by the next run, with nothing done twice', async () => {
  const ids = await expiredCases(5);
  const statsBefore = await statisticCases();
  let done = 0;
  await assert.rejects(
    runRetention(t, RETENTION, {
      afterCase: async () => {
        done += 1;
        if (done === 2) throw new Error('injected: the process dies here');
      },
    }),
    /injected/,
  );
  const first = await purgedOf(ids);
  assert.equal(first.length, 2, 'the two committed cases are purged');
  assert.equal((await statisticCases()) - statsBefore, 2, 'and only they are counted');

  const second = await runRetention(t, RETENTION);
  assert.deepEqual(second.results.map((r) => r.outcome), ['purged', 'purged', 'purged']);
  assert.deepEqual(second.results.map((r) => r.caseId).sort(), ids.filter((id) => !first.includes(id)).sort());
  assert.deepEqual(await purgedOf(ids), [...ids].sort());
  assert.equal((await statisticCases()) - statsBefore, 5, 'each case counted exactly once');
  for (const action of ['retention.purge', 'data_key.destroy', 'retention.purge_tips']) {
    const counts = await auditCount(action, ids);
    assert.deepEqual(ids.map((id) => counts.get(id)), [1, 1, 1, 1, 1], `one ${action} per case`);
  }
  assert.deepEqual((await runRetention(t, RETENTION)).results, [], 'a third run finds nothing to do');
});

test('a legal hold added while a run is going wins; once lifted, the next run purges', async () => {
  const ids = await expiredCases(3);
  const target = ids[1] ?? '';
  const report = await runRetention(t, RETENTION, {
    beforeCase: async (caseId) => {
      // The run read its candidates before this hold existed.
      if (caseId === target) await placeLegalHold(t, c.dpo, target, 'Instruction judiciaire ouverte, dossier 2027/15.');
    },
  });
  assert.deepEqual(outcomes(report, ids), ids.map((id) => [id, id === target ? 'held' : 'purged']).sort());
  assert.deepEqual(await purgedOf(ids), ids.filter((id) => id !== target).sort());
  const row = await findCase(t.store.db, target);
  assert.notDeepEqual(row?.record, {}, 'the held case is untouched');

  const plan = await planRetention(t);
  assert.deepEqual(plan.held.map((p) => p.caseId).filter((id) => ids.includes(id)), [target]);
  assert.deepEqual(plan.due.filter((p) => ids.includes(p.caseId)), []);

  const [hold] = await caseLegalHolds(t, c.dpo, target);
  assert.ok(hold);
  assert.equal(hold.placed_by, c.dpo.id);
  assert.match(hold.reason, /2027\/15/);
  await liftLegalHold(t, c.dpo, hold.id, 'Non-lieu prononcé, conservation plus nécessaire.');
  await assert.rejects(liftLegalHold(t, c.dpo, hold.id, 'Deuxième levée de la même mesure.'), (e: unknown) => e instanceof AppError && e.code === 'conflict');
  const lifted = (await caseLegalHolds(t, c.dpo, target))[0];
  assert.ok(lifted?.lifted_at && lifted.lifted_by === c.dpo.id && lifted.lift_reason);
  const holdAudit = await t.store.db.selectFrom('audit_log').select(['action', 'details']).where('object_id', '=', target).where('action', 'like', 'legal_hold.%').orderBy('seq').execute();
  assert.deepEqual(holdAudit.map((a) => a.action), ['legal_hold.place', 'legal_hold.lift']);
  assert.ok(!JSON.stringify(holdAudit).includes('2027/15'), 'the audit names the hold, not its reason');

  const next = await runRetention(t, RETENTION);
  assert.deepEqual(outcomes(next, ids), [[target, 'purged']]);
  // Nothing more can be held once the data is gone.
  await assert.rejects(placeLegalHold(t, c.dpo, target, 'Trop tard : les données sont déjà purgées.'), (e: unknown) => e instanceof AppError && e.code === 'data_erased');
});

test('a hold committed while the purge waits on the case’s row lock wins', async () => {
  const [id = ''] = await expiredCases(1);
  let run: ReturnType<typeof runRetention> | undefined;
  await t.store.db.transaction().execute(async (trx) => {
    // What placeLegalHold does: the case's row lock first, then the hold.
    await findCase(trx, id, { forUpdate: true });
    await insertLegalHold(trx, { id: randomUUID(), caseId: id, reason: 'Réquisition du parquet reçue ce matin.', placedBy: c.dpo.id, at: clock.now() });
    run = runRetention(t, RETENTION);
    await new Promise((r) => setTimeout(r, 300));
    const seen = await trx.selectFrom('retention_progress').select('purged_at').where('case_id', '=', id).executeTakeFirst();
    assert.ok(!seen?.purged_at, 'the purge has not gone past the lock');
  });
  const report = await run;
  assert.ok(report);
  assert.deepEqual(outcomes(report, [id]), [[id, 'held']]);
  assert.deepEqual(await purgedOf([id]), []);
});

test('a case that cannot be purged is reported and left whole; the others are purged', async () => {
  const ids = await expiredCases(2);
  const stuck = ids[0] ?? '';
  const tipId = randomUUID();
  const alertId = randomUUID();
  await sql`insert into alerts (id, public_id, case_id, state, is_exercise, created_at, updated_at, draft, chain) values (${alertId}, ${'TSTALERT1'}, ${stuck}, 'ended', false, now(), now(), '{}', '{"decisions": []}')`.execute(t.store.db);
  await sql`insert into tips (id, reference, alert_id, case_id, source, seen, received_at) values (${tipId}, ${'ABCDEFGH'}, ${alertId}, ${stuck}, 'web', 'seen', now())`.execute(t.store.db);
  // A tip of the first case referenced from a table the purge does not know: deleting the tips fails.
  await sql`create table test_tip_refs (tip_id uuid references tips(id))`.execute(t.store.db);
  await sql`insert into test_tip_refs values (${tipId})`.execute(t.store.db);
  try {
    const report = await runRetention(t, RETENTION);
    const byId = new Map(report.results.map((r) => [r.caseId, r]));
    assert.equal(byId.get(stuck)?.outcome, 'failed');
    assert.match(byId.get(stuck)?.error ?? '', /^[0-9A-Za-z_]+$/, 'an error code, not a message');
    assert.equal(byId.get(ids[1] ?? '')?.outcome, 'purged');
    const progress = await t.store.db.selectFrom('retention_progress').selectAll().where('case_id', '=', stuck).executeTakeFirst();
    assert.ok(!progress?.counted_at, 'the failed case was rolled back whole, statistics included');
  } finally {
    await sql`drop table test_tip_refs`.execute(t.store.db);
  }
  const retry = await runRetention(t, RETENTION);
  assert.deepEqual(outcomes(retry, ids), [[stuck, 'purged']]);
});

test('a case reopened after its tips were purged has its later tips purged after the new closure, and is counted once', async () => {
  const r = validRecord();
  r.lastSeen.at = new Date(clock.now().getTime() - 3_600_000).toISOString();
  const opened = await openCase(t, c.officer, r, { exercise: false });
  const id = opened.meta.id;
  const alertId = randomUUID();
  await sql`insert into alerts (id, public_id, case_id, state, is_exercise, created_at, updated_at, draft, chain) values (${alertId}, ${'TSTALERT2'}, ${id}, 'ended', false, now(), now(), '{}', '{"decisions": []}')`.execute(t.store.db);
  const tip = async (reference: string) => sql`insert into tips (id, reference, alert_id, case_id, source, seen, received_at) values (${randomUUID()}, ${reference}, ${alertId}, ${id}, 'web', 'seen', now())`.execute(t.store.db);
  await tip('JKMNPQRS');
  await transitionCase(t, c.officer, id, { type: 'close', outcome: 'found_safe', reason: 'Retrouvée chez sa grand-mère à Temara.' });
  clock.advance(200 * DAY);
  const statsBefore = await statisticCases();
  assert.deepEqual(outcomes(await runRetention(t, RETENTION), [id]), [[id, 'tips_purged']]);

  clock.advance(DAY);
  await transitionCase(t, c.central, id, { type: 'reopen', reason: 'Nouvelle fugue signalée par la famille.' });
  await tip('TVWXYZ23');
  await transitionCase(t, c.officer, id, { type: 'close', outcome: 'returned_on_own', reason: 'Rentrée seule le lendemain matin.' });
  assert.deepEqual(outcomes(await runRetention(t, RETENTION), [id]), [], 'the new closure starts a new period');
  clock.advance(200 * DAY);
  assert.deepEqual(outcomes(await runRetention(t, RETENTION), [id]), [[id, 'tips_purged']]);
  assert.equal((await t.store.db.selectFrom('tips').select('id').where('case_id', '=', id).execute()).length, 0);
  assert.equal((await statisticCases()) - statsBefore, 1, 'counted at the first closure only');
});
