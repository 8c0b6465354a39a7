import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { createApiToken, signIn } from '../../../../test/support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { triageTip } from '../../../app/tips/triage-tip.ts';
import { type AlertedCase, alertedCase, minutesAfterLastSeen, near, sendTip, syntheticPhoto } from '../../../app/tips/triage-fixtures.test-support.ts';
import type { OfficerNotificationPageView, TipAssigneesView, TipDetailView, TipMapView, TipPageView, TipStateView, TipTimelineView } from '../../presenters/tip-triage.presenter.ts';

type Headers = Record<string, string>;

let t: TestContext;
let app: HttpApp;
let fx: AlertedCase;
const staff: Record<'officer' | 'unit' | 'otherProvince' | 'prosecutor' | 'supervisor', { userId: string; headers: Headers }> = {} as never;
let high = '';
let echo = '';
let far = '';
let unplaced = '';
let hostile = '';

const SCRIPT_TEXT = 'EXERCICE <script>alert(1)</script><img src=x onerror=alert(2)> fillette vue près du tram';

const clock = new ManualClock('2026-11-22T10:00:00Z');

before(async () => {
  t = await createTestContext({ clock });
  app = await buildHttpApp(t);
  fx = await alertedCase(t);
  staff.officer = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' });
  staff.unit = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB-U01' });
  staff.otherProvince = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-CAS' });
  staff.prosecutor = await signIn(t, app, { role: 'prosecutor_liaison', jurisdiction: 'MA-RAB' });
  staff.supervisor = await signIn(t, app, { role: 'supervisor', jurisdiction: 'MA-04' });
  // The signed-in Rabat officer is this case's officer (the demo officer cannot sign in).
  await t.store.db.updateTable('cases').set({ opened_by: staff.officer.userId }).where('id', '=', fx.caseRow.id).execute();

  const contact = { name: 'Témoin Exercice', phone: '+212600000001', callbackConsent: true, whatsappSender: false };
  // A second between tips: arrival order and times are distinct, as in life.
  const tick = (): void => clock.advance(1000);
  high = await sendTip(t, fx, { point: near(fx, 1), seenAt: minutesAfterLastSeen(fx, 60), place: 'Pharmacie, avenue Mohammed V', contact }, { photo: await syntheticPhoto() });
  tick();
  echo = await sendTip(t, fx, { point: near(fx, 1.1), seenAt: minutesAfterLastSeen(fx, 65), place: 'pharmacie avenue Mohammed V' });
  tick();
  far = await sendTip(t, fx, { point: near(fx, -300), seenAt: minutesAfterLastSeen(fx, 60), seen: 'EXERCICE vue à la gare' });
  tick();
  unplaced = await sendTip(t, fx, { seen: 'EXERCICE une fille en rouge, je pense' });
  tick();
  hostile = await sendTip(t, fx, { seen: SCRIPT_TEXT, place: '<b>Rabat</b>' });
  for (const id of [high, echo, far, unplaced, hostile]) {
    tick();
    await triageTip(t, id);
  }
});
after(async () => {
  await app.close();
  await t.close();
});

const get = (headers: Headers, url: string) => app.inject({ method: 'GET', url, headers });
const post = (headers: Headers, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
const P = 'purpose=triage%20of%20the%20case%27s%20tips';

test('the list: a stated purpose, best score first, filters, keyset pages without gaps, and the read audited', async () => {
  const officer = staff.officer.headers;
  const noPurpose = await get(officer, `/api/cases/${fx.caseRow.id}/tips`);
  assert.equal(noPurpose.statusCode, 400, noPurpose.body);
  assert.match(noPurpose.body, /purpose/);

  const res = await get(officer, `/api/cases/${fx.caseRow.id}/tips?${P}`);
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['cache-control'], 'private, no-store');
  const page = res.json<TipPageView>();
  assert.equal(page.total, 5);
  assert.equal(page.items[0]?.id, high, 'best scored first');
  const scores = page.items.map((i) => i.score?.total ?? -1);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  const top = page.items[0];
  assert.ok(top?.score);
  assert.equal(top.score.breakdown.reach.verdict, 'within_reach');
  assert.equal(top.score.breakdown.reach.points + top.score.breakdown.detail.points + top.score.breakdown.photo.points + top.score.breakdown.source.points, top.score.total, 'the breakdown adds up');
  assert.equal(top.score.breakdown.photo.hasPhoto, true);
  assert.equal(top.photoUrl, `/api/tips/${high}/photo`);
  assert.equal(JSON.stringify(page).includes('+212600000001'), false, 'no contact in lists');
  assert.equal('contact' in (top as object), false);

  const byTime = (await get(officer, `/api/cases/${fx.caseRow.id}/tips?${P}&sort=time`)).json<TipPageView>();
  assert.equal(byTime.items[0]?.id, hostile, 'newest first');

  const seen: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const r = await get(officer, `/api/cases/${fx.caseRow.id}/tips?${P}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.statusCode, 200, r.body);
    const p = r.json<TipPageView>();
    seen.push(...p.items.map((x) => x.id));
    cursor = p.nextCursor;
    if (!cursor) break;
  }
  assert.deepEqual(seen, page.items.map((x) => x.id), 'pages follow one another');
  assert.equal((await get(officer, `/api/cases/${fx.caseRow.id}/tips?${P}&sort=time&cursor=${page.nextCursor ?? 'x'}`)).statusCode, 400, 'a cursor belongs to its sort');

  const audits = await t.store.db.selectFrom('audit_log').select(['actor_id', 'action', 'object_id', 'purpose', 'details']).where('action', '=', 'case_tips.read_restricted').execute();
  assert.ok(audits.length >= 3);
  assert.ok(audits.every((a) => a.actor_id === staff.officer.userId && a.object_id === fx.caseRow.id && a.purpose === "triage of the case's tips"));
});

test('the map is GeoJSON: the last confirmed sighting, then the tips with a point', async () => {
  const res = await get(staff.officer.headers, `/api/cases/${fx.caseRow.id}/tips/map?${P}`);
  assert.equal(res.statusCode, 200, res.body);
  assert.match(res.headers['content-type'] ?? '', /^application\/geo\+json/);
  const map = res.json<TipMapView>();
  assert.equal(map.type, 'FeatureCollection');
  const [sighting, ...tips] = map.features;
  assert.equal(sighting?.properties.kind, 'last_confirmed_sighting');
  assert.deepEqual(sighting?.geometry.coordinates, [fx.lastSeen.lon, fx.lastSeen.lat]);
  assert.deepEqual(tips.map((f) => f.id).sort(), [high, echo, far].sort(), 'only tips with a point');
  assert.equal(map.total, 3);
  assert.equal(map.truncated, false);
  const farFeature = tips.find((f) => f.id === far);
  assert.equal(farFeature?.properties.kind === 'tip' ? farFeature.properties.verdict : null, 'out_of_reach');
  assert.equal(JSON.stringify(map).includes('EXERCICE'), false, 'no tip text on the map');
});

test('the timeline orders tips by time of sighting and shows the near-duplicate group', async () => {
  const res = await get(staff.officer.headers, `/api/cases/${fx.caseRow.id}/tips/timeline?${P}`);
  assert.equal(res.statusCode, 200, res.body);
  const tl = res.json<TipTimelineView>();
  const times = tl.entries.map((e) => e.at);
  assert.deepEqual(times, [...times].sort());
  assert.equal(tl.entries.find((e) => e.tip.id === unplaced)?.timeBasis, 'received_at');
  assert.deepEqual(tl.groups, [{ id: high, size: 2, tipIds: [high, echo] }]);
  assert.equal(tl.lastConfirmedSighting.origin.kind, 'case_last_seen');
});

test('tip text is returned as the exact plain string, never interpreted', async () => {
  const res = await get(staff.officer.headers, `/api/tips/${hostile}?${P}`);
  assert.equal(res.statusCode, 200, res.body);
  assert.match(res.headers['content-type'] ?? '', /^application\/json/);
  const detail = res.json<TipDetailView>();
  assert.equal(detail.tip.text, SCRIPT_TEXT);
  assert.equal(detail.tip.place, '<b>Rabat</b>');
});

test('one tip in full; the contact only on request, for case officers, audited with its purpose', async () => {
  const plain = await get(staff.officer.headers, `/api/tips/${high}?${P}`);
  assert.equal(plain.statusCode, 200, plain.body);
  const d = plain.json<TipDetailView>();
  assert.equal(d.contact.state, 'not_requested');
  assert.equal(d.contact.phone, null);
  assert.equal(d.group?.size, 2);
  assert.deepEqual(d.group?.members.map((m) => [m.id, m.lead]), [[high, true], [echo, false]]);

  const withContact = await get(staff.officer.headers, `/api/tips/${high}?${P}&contact=true`);
  const c = withContact.json<TipDetailView>().contact;
  assert.deepEqual(c, { state: 'shown', name: 'Témoin Exercice', phone: '+212600000001', callbackConsent: true, whatsappSender: false });
  assert.equal((await get(staff.officer.headers, `/api/tips/${far}?${P}&contact=true`)).json<TipDetailView>().contact.state, 'none');
  assert.equal((await get(staff.officer.headers, `/api/tips/${high}?contact=true`)).statusCode, 400, 'no purpose, no read');

  const audits = await t.store.db.selectFrom('audit_log').select(['actor_id', 'purpose', 'details']).where('action', '=', 'tip.read_restricted').where('object_id', '=', high).orderBy('seq').execute();
  assert.equal(audits.length, 2);
  const fields = audits.map((a) => (a.details as { fields: string[] }).fields.includes('contact'));
  assert.deepEqual(fields, [false, true], 'the contact is named only when it was opened');
  assert.equal(JSON.stringify(audits).includes('+212600000001'), false, 'field names, never values');
});

test('the photo: authenticated, purpose stated, served as an inert JPEG', async () => {
  const res = await get(staff.officer.headers, `/api/tips/${high}/photo?${P}`);
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'image/jpeg');
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['content-security-policy'], 'sandbox');
  assert.deepEqual([...res.rawPayload.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  const thumb = await get(staff.officer.headers, `/api/tips/${high}/photo?${P}&variant=thumb`);
  assert.equal(thumb.statusCode, 200);
  assert.equal((await get(staff.officer.headers, `/api/tips/${high}/photo`)).statusCode, 400);
  assert.equal((await get(staff.officer.headers, `/api/tips/${far}/photo?${P}`)).statusCode, 404);
  assert.equal((await get({}, `/api/tips/${high}/photo?${P}`)).statusCode, 401);
});

test('jurisdiction: a unit reads its province’s tips; another province, a token or a liaison changing status are refused', async () => {
  assert.equal((await get(staff.unit.headers, `/api/tips/${high}?${P}`)).statusCode, 200, 'a unit acts for its province');
  assert.equal((await get(staff.supervisor.headers, `/api/cases/${fx.caseRow.id}/tips?${P}`)).statusCode, 200, 'the region');
  for (const url of [`/api/cases/${fx.caseRow.id}/tips?${P}`, `/api/cases/${fx.caseRow.id}/tips/map?${P}`, `/api/tips/${high}?${P}`, `/api/tips/${high}/photo?${P}`]) {
    const r = await get(staff.otherProvince.headers, url);
    assert.equal(r.statusCode, 403, `${url}: ${r.body}`);
  }
  assert.equal((await post(staff.otherProvince.headers, `/api/tips/${far}/status`, { status: 'under_review' })).statusCode, 403);
  assert.equal((await get(staff.prosecutor.headers, `/api/tips/${high}?${P}`)).statusCode, 200, 'the liaison reads');
  const liaison = await post(staff.prosecutor.headers, `/api/tips/${far}/status`, { status: 'dismissed', reason: 'no' });
  assert.equal(liaison.statusCode, 403, liaison.body);
  assert.equal((await post(staff.prosecutor.headers, `/api/tips/${far}/assign`, { userId: staff.unit.userId })).statusCode, 403);
  const { authorization } = await createApiToken(t, { scopes: ['cases:read', 'tips:write'], jurisdiction: 'MA-RAB' });
  assert.equal((await get({ authorization }, `/api/tips/${high}?${P}`)).statusCode, 403, 'tokens do not triage');
  assert.equal((await get(staff.officer.headers, `/api/tips/${randomUUID()}?${P}`)).statusCode, 404);
  const untouched = await t.store.db.selectFrom('tips').select('status').where('id', '=', far).executeTakeFirstOrThrow();
  assert.equal(untouched.status, 'new');
});

test('statuses: the transition table, reasons, history and audit', async () => {
  const officer = staff.officer.headers;
  const noReason = await post(officer, `/api/tips/${far}/status`, { status: 'dismissed' });
  assert.equal(noReason.statusCode, 400, noReason.body);
  const reason = 'EXERCICE 300 km away an hour later: impossible on foot';
  const dismissed = await post(officer, `/api/tips/${far}/status`, { status: 'dismissed', reason });
  assert.equal(dismissed.statusCode, 200, dismissed.body);
  assert.equal(dismissed.json<TipStateView>().status, 'dismissed');
  assert.equal((await post(officer, `/api/tips/${far}/status`, { status: 'credible' })).statusCode, 409, 'dismissed → credible is not a move');
  assert.equal((await post(officer, `/api/tips/${far}/status`, { status: 'under_review' })).statusCode, 200, 'reopened');

  const dup = await post(officer, `/api/tips/${echo}/status`, { status: 'duplicate', reason: 'same sighting' });
  assert.equal(dup.statusCode, 200, dup.body);
  assert.equal(dup.json<TipStateView>().duplicateOf, high, 'points at the group’s lead');
  const lead = await post(officer, `/api/tips/${high}/status`, { status: 'duplicate', reason: 'x' });
  assert.equal(lead.statusCode, 422, 'the lead duplicates nothing in its own group');
  const named = await post(officer, `/api/tips/${unplaced}/status`, { status: 'duplicate', reason: 'same girl in red', duplicateOf: echo });
  assert.equal(named.statusCode, 200, named.body);
  assert.deepEqual([named.json<TipStateView>().duplicateOf, named.json<TipStateView>().group?.id, named.json<TipStateView>().group?.size], [high, high, 3], 'joins the named tip’s group, led by its lead');

  const detail = (await get(officer, `/api/tips/${far}?${P}`)).json<TipDetailView>();
  assert.deepEqual(detail.history.map((h) => [h.from, h.to, h.reason, h.actorId]), [
    ['new', 'dismissed', reason, staff.officer.userId],
    ['dismissed', 'under_review', null, staff.officer.userId],
  ]);
  const audits = await t.store.db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'tip.status_change').where('object_id', '=', far).orderBy('seq').execute();
  assert.equal(audits.length, 2);
  assert.deepEqual(audits.map((a) => [(a.details as { from: string }).from, (a.details as { to: string }).to]), [['new', 'dismissed'], ['dismissed', 'under_review']]);
  assert.equal(JSON.stringify(audits).includes('impossible'), false, 'the reason stays out of the audit details');
});

test('assignment: only to staff who could triage the case, audited', async () => {
  const officer = staff.officer.headers;
  const wrong = await post(officer, `/api/tips/${high}/assign`, { userId: staff.otherProvince.userId });
  assert.equal(wrong.statusCode, 422, wrong.body);
  assert.equal((await post(officer, `/api/tips/${high}/assign`, { userId: staff.prosecutor.userId })).statusCode, 422, 'a liaison does not triage');
  assert.equal((await post(officer, `/api/tips/${high}/assign`, { userId: randomUUID() })).statusCode, 422);
  const ok = await post(officer, `/api/tips/${high}/assign`, { userId: staff.unit.userId });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json<TipStateView>().assignedTo, staff.unit.userId);
  const cleared = await post(officer, `/api/tips/${high}/assign`, { userId: null });
  assert.equal(cleared.json<TipStateView>().assignedTo, null);
  const audits = await t.store.db.selectFrom('audit_log').select(['action', 'details']).where('object_id', '=', high).where('action', 'in', ['tip.assign', 'tip.unassign']).orderBy('seq').execute();
  assert.deepEqual(audits.map((a) => [a.action, (a.details as { assigneeId: string | null }).assigneeId]), [['tip.assign', staff.unit.userId], ['tip.unassign', null]]);
});

test('the assignee list offers exactly the staff an assignment would accept, by name', async () => {
  const res = await get(staff.officer.headers, `/api/cases/${fx.caseRow.id}/tip-assignees`);
  assert.equal(res.statusCode, 200, res.body);
  const ids = res.json<TipAssigneesView>().items.map((p) => p.id);
  for (const who of ['officer', 'unit', 'supervisor'] as const) assert.ok(ids.includes(staff[who].userId), `${who} can triage this case's tips`);
  assert.ok(!ids.includes(staff.otherProvince.userId), 'another province is not offered');
  assert.ok(!ids.includes(staff.prosecutor.userId), 'a liaison does not triage');
  for (const id of ids) assert.equal((await post(staff.officer.headers, `/api/tips/${high}/assign`, { userId: id })).statusCode, 200, 'each one offered is accepted');
  await post(staff.officer.headers, `/api/tips/${high}/assign`, { userId: null });
  assert.equal((await get(staff.prosecutor.headers, `/api/cases/${fx.caseRow.id}/tip-assignees`)).statusCode, 403, 'a liaison reads tips but does not assign them');
});

test('notifications: the case officer is told of a high-score tip; a case without one tells its jurisdiction', async () => {
  const mine = (await get(staff.officer.headers, '/api/officer-notifications')).json<OfficerNotificationPageView>();
  assert.deepEqual(mine.items.map((n) => [n.tipId, n.addressedToYou, n.caseReference]), [[echo, true, fx.caseRow.reference], [high, true, fx.caseRow.reference]], 'the two high-score tips, newest first');
  assert.ok(mine.items.every((n) => n.score >= 70));
  assert.deepEqual((await get(staff.otherProvince.headers, '/api/officer-notifications')).json<OfficerNotificationPageView>().items, []);
  assert.deepEqual((await get(staff.unit.headers, '/api/officer-notifications')).json<OfficerNotificationPageView>().items, [], 'addressed to the case officer only');

  await t.store.db.updateTable('cases').set({ opened_by: null }).where('id', '=', fx.caseRow.id).execute();
  const shared = await sendTip(t, fx, { point: near(fx, 0.4), seenAt: minutesAfterLastSeen(fx, 70) });
  await triageTip(t, shared);
  const unit = (await get(staff.unit.headers, '/api/officer-notifications?unread=true')).json<OfficerNotificationPageView>();
  assert.deepEqual(unit.items.map((n) => [n.tipId, n.addressedToYou]), [[shared, false]], 'the province’s staff share it');
  assert.deepEqual((await get(staff.otherProvince.headers, '/api/officer-notifications')).json<OfficerNotificationPageView>().items, []);

  const id = mine.items[1]?.id ?? '';
  assert.equal((await post(staff.otherProvince.headers, `/api/officer-notifications/${id}/read`, {})).statusCode, 404, 'not theirs');
  const read = await app.inject({ method: 'POST', url: `/api/officer-notifications/${id}/read`, headers: staff.officer.headers });
  assert.equal(read.statusCode, 200, read.body);
  assert.notEqual(read.json<{ readAt: string | null }>().readAt, null);
  await app.inject({ method: 'POST', url: `/api/officer-notifications/${id}/read`, headers: staff.officer.headers });
  const audits = await t.store.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'officer_notification.read').where('object_id', '=', id).execute();
  assert.deepEqual(audits, [{ actor_id: staff.officer.userId }], 'audited once');
  const unread = (await get(staff.officer.headers, '/api/officer-notifications?unread=true')).json<OfficerNotificationPageView>().items;
  assert.deepEqual(unread.map((n) => [n.tipId, n.addressedToYou]), [[shared, false], [echo, true]], 'the read one is gone; the Rabat officer shares the unaddressed one');
});
