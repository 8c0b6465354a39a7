import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { TIP_TRIAGE_QUEUE } from '../../jobs/queues.ts';
import { registerTipJobs } from '../../jobs/tip-jobs.ts';
import type { TipScore } from '../../domain/tips/tip-score.ts';
import { findUserByUsername } from '../../store/repositories/users.repository.ts';
import { listTipNotifications } from '../../store/repositories/tip-triage.repository.ts';
import { findTip, type TipRow } from '../../store/repositories/tips.repository.ts';
import { changeTipStatus } from './triage-status.ts';
import { triageTip } from './triage-tip.ts';
import { type AlertedCase, alertedCase, minutesAfterLastSeen, near, sendTip } from './triage-fixtures.test-support.ts';
import { userActorOf } from '../accounts/actors.ts';

let t: TestContext;
let fx: AlertedCase;

before(async () => {
  t = await createTestContext();
  fx = await alertedCase(t);
});
after(async () => {
  await t.close();
});

async function tipRow(id: string): Promise<TipRow> {
  const row = await findTip(t.store.db, id);
  assert.ok(row, 'the tip is stored');
  return row;
}

const scoreOf = (row: TipRow): TipScore => row.score_parts as unknown as TipScore;

test('a detailed tip inside the reachable radius scores high and notifies the case officer once, however often triage runs', async () => {
  const tipId = await sendTip(t, fx, { point: near(fx, 1), seenAt: minutesAfterLastSeen(fx, 60), place: 'Pharmacie, avenue Mohammed V' });
  assert.equal((await tipRow(tipId)).status, 'new');
  assert.equal((await tipRow(tipId)).triaged_at, null, 'intake does not score');

  const first = await triageTip(t, tipId);
  assert.equal(first.kind, 'triaged');
  assert.ok(first.kind === 'triaged' && first.notified && !first.joinedGroup);
  const row = await tipRow(tipId);
  assert.ok(row.score !== null && row.score >= 70, `score ${row.score}`);
  const [reach] = scoreOf(row).parts;
  assert.equal(reach.verdict, 'within_reach');
  assert.deepEqual(reach.anchor, { kind: 'case_last_seen' });
  assert.equal(reach.elapsedMinutes, 60 + 15, 'the hour since last seen plus its ±15 min');
  assert.equal(row.group_id, tipId, 'a first tip leads its own group');

  const officer = await findUserByUsername(t.store.db, 'demo-officer-rabat');
  const notifications = await listTipNotifications(t.store.db, tipId);
  assert.equal(notifications.length, 1);
  assert.equal(notifications[0]?.recipient_id, officer?.id, 'the case officer');
  assert.equal(notifications[0]?.score, row.score);

  assert.deepEqual(await triageTip(t, tipId), { kind: 'already_triaged' });
  assert.equal((await listTipNotifications(t.store.db, tipId)).length, 1, 'still one notification');
  assert.deepEqual((await tipRow(tipId)).triaged_at, row.triaged_at, 'not scored again');
});

test('a tip 300 km away an hour later scores low and notifies nobody', async () => {
  const tipId = await sendTip(t, fx, { point: near(fx, -300), seenAt: minutesAfterLastSeen(fx, 60) });
  const outcome = await triageTip(t, tipId);
  assert.ok(outcome.kind === 'triaged' && !outcome.notified);
  const row = await tipRow(tipId);
  assert.equal(scoreOf(row).parts[0].verdict, 'out_of_reach');
  assert.ok((row.score ?? 100) < 40, `score ${row.score}`);
  assert.equal((await listTipNotifications(t.store.db, tipId)).length, 0);
});

test('a place text naming a province places a tip roughly; an unplaceable tip is neutral', async () => {
  const inRabat = await sendTip(t, fx, { place: 'Rabat, quartier Hassan', seenAt: minutesAfterLastSeen(fx, 30) });
  const inOujda = await sendTip(t, fx, { place: 'gare d’Oujda', seenAt: minutesAfterLastSeen(fx, 30) });
  const nowhere = await sendTip(t, fx, { place: 'devant chez moi', seenAt: minutesAfterLastSeen(fx, 30), seen: 'je crois l’avoir vue' });
  for (const id of [inRabat, inOujda, nowhere]) await triageTip(t, id);
  const [rabat, oujda, unknown] = await Promise.all([inRabat, inOujda, nowhere].map(async (id) => scoreOf(await tipRow(id)).parts[0]));
  assert.equal(rabat?.basis, 'area');
  assert.equal(rabat?.areaCode, 'MA-RAB');
  assert.equal(rabat?.verdict, 'within_reach');
  assert.equal(rabat?.points, 30);
  assert.equal(oujda?.areaCode, 'MA-OUJ');
  assert.equal(oujda?.verdict, 'out_of_reach');
  assert.equal(unknown?.verdict, 'unknown');
  assert.equal(unknown?.points, 25);
});

test('near-duplicates join the first tip\'s group; a different sighting starts its own', async () => {
  const first = await sendTip(t, fx, { point: near(fx, 2), seenAt: minutesAfterLastSeen(fx, 80), seen: 'Petite fille en survêtement rouge qui pleure à l’arrêt de bus, avec un homme en veste noire' });
  const again = await sendTip(t, fx, { point: near(fx, 2.15), seenAt: minutesAfterLastSeen(fx, 88), seen: 'petite fille survetement rouge pleure arret de bus homme veste noire !!' });
  const forwarded = await sendTip(t, fx, { seenAt: minutesAfterLastSeen(fx, 95), seen: 'Petite fille en survêtement rouge qui pleure à l’arrêt de bus, avec un homme en veste noire' });
  const other = await sendTip(t, fx, { point: near(fx, 2), seenAt: minutesAfterLastSeen(fx, 85), seen: 'Un garçon sur un vélo bleu près du marché' });
  for (const id of [first, again, forwarded, other]) await triageTip(t, id);
  assert.equal((await tipRow(first)).group_id, first);
  assert.equal((await tipRow(again)).group_id, first, 'same place, 8 minutes later, same words');
  assert.equal((await tipRow(forwarded)).group_id, first, 'the same message forwarded without a place');
  assert.equal((await tipRow(other)).group_id, other);
});

test('two near-duplicates triaged at the same moment still end up in one group', async () => {
  const text = 'EXERCICE fillette en robe jaune assise seule sur le banc du jardin, elle pleurait';
  const a = await sendTip(t, fx, { point: near(fx, -3), seenAt: minutesAfterLastSeen(fx, 40), seen: text });
  const b = await sendTip(t, fx, { point: near(fx, -3.05), seenAt: minutesAfterLastSeen(fx, 42), seen: `${text} !` });
  const outcomes = await Promise.all([triageTip(t, a), triageTip(t, b)]);
  assert.ok(outcomes.every((o) => o.kind === 'triaged'));
  const [ga, gb] = [(await tipRow(a)).group_id, (await tipRow(b)).group_id];
  assert.ok(ga !== null && ga === gb, `one group: ${ga} / ${gb}`);
  assert.equal(outcomes.filter((o) => o.kind === 'triaged' && o.joinedGroup).length, 1, 'one leads, the other joins');
});

test('a tip marked credible becomes the last confirmed sighting later tips are measured from', async () => {
  const officerRow = await findUserByUsername(t.store.db, 'demo-officer-rabat');
  assert.ok(officerRow);
  const officer = await userActorOf(t.store.db, officerRow, null);
  // Seen in Kénitra (about 40 km north) 100 minutes after the last sighting: by car.
  const kenitra = await sendTip(t, fx, { point: near(fx, 40), seenAt: minutesAfterLastSeen(fx, 85), seen: 'EXERCICE fillette dans une voiture grise' });
  await triageTip(t, kenitra);
  await changeTipStatus(t, officer, kenitra, { status: 'credible', reason: null, duplicateOf: null });
  const later = await sendTip(t, fx, { point: near(fx, 41), seenAt: minutesAfterLastSeen(fx, 89) });
  await triageTip(t, later);
  const [reach] = scoreOf(await tipRow(later)).parts;
  assert.deepEqual(reach.anchor, { kind: 'credible_tip', tipId: kenitra });
  assert.equal(reach.verdict, 'within_reach', '1 km from the credible sighting, 4 minutes later');
  assert.ok((reach.distanceKm ?? 99) < 2);
});

test('the tips.triage job scores what intake queued, and a second job for the same tip does nothing more', async () => {
  await registerTipJobs(t.queue.boss, t, { pollingIntervalSeconds: 0.5 });
  // Near the credible sighting of the test above, which is now the last confirmed one.
  const tipId = await sendTip(t, fx, { point: near(fx, 40.3), seenAt: minutesAfterLastSeen(fx, 89) });
  let row = await tipRow(tipId);
  for (let i = 0; i < 240 && row.triaged_at === null; i++) {
    await new Promise((r) => setTimeout(r, 250));
    row = await tipRow(tipId);
  }
  assert.notEqual(row.triaged_at, null, 'the worker triaged the tip');
  assert.equal((await listTipNotifications(t.store.db, tipId)).length, 1);

  const again = await t.queue.boss.send(TIP_TRIAGE_QUEUE, { tipId });
  assert.ok(again);
  let state: string | undefined;
  for (let i = 0; i < 240 && state !== 'completed'; i++) {
    await new Promise((r) => setTimeout(r, 250));
    state = (await t.queue.boss.getJobById(TIP_TRIAGE_QUEUE, again))?.state;
  }
  assert.equal(state, 'completed');
  assert.deepEqual((await tipRow(tipId)).triaged_at, row.triaged_at);
  assert.equal((await listTipNotifications(t.store.db, tipId)).length, 1, 'one notification per tip');
  assert.equal(t.logLines.some((l) => l.includes(DETAILED_TEXT_MARKER)), false, 'no tip text in the logs');
});

const DETAILED_TEXT_MARKER = 'survêtement rouge';
