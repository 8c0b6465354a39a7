import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { createApiToken, ensureJurisdiction, signIn } from '../../../../test/support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { listPoliceUnitCodes } from '../../../store/repositories/police-notices.repository.ts';
import { createPoliceNoticeChannel } from '../../../adapters/channels/police-notice/police-notice.channel.ts';
import { publishedExercise, unitRecipient } from '../../../adapters/channels/police-notice/stored-outbound.test-support.ts';
import type { PoliceNoticePageView, PoliceNoticeView } from '../../presenters/police-notice.presenter.ts';

type Headers = { cookie: string; 'x-csrf-token': string };

const clock = new ManualClock('2026-11-22T10:00:00Z');
let t: TestContext;
let app: HttpApp;
/** Notice id per unit. */
const notices = new Map<string, string>();
let reference = '';

before(async () => {
  t = await createTestContext({ clock });
  app = await buildHttpApp(t);
  for (const unit of ['MA-CAS-U01', 'MA-RAB-U01', 'MA-RAB-U02']) await ensureJurisdiction(t, unit);
  const { message } = await publishedExercise(t);
  reference = message.view.reference;
  // Delivered by the real channel, a minute apart, so "newest first" has an order to show.
  const channel = await createPoliceNoticeChannel({ listUnits: () => listPoliceUnitCodes(t.store.db), store: t.store, clock, noticeEmail: null, refreshMs: 0 });
  for (const unit of ['MA-CAS-U01', 'MA-RAB-U02', 'MA-RAB-U01']) {
    clock.advance(60_000);
    const receipt = await channel.deliver({ idempotencyKey: `k-${unit}`, message, recipient: unitRecipient(unit), previousRefs: [], signal: AbortSignal.timeout(10_000) });
    notices.set(unit, receipt.providerRef ?? '');
  }
  await channel.close();
});
after(async () => {
  await app.close();
  await t.close();
});

const id = (unit: string): string => notices.get(unit) ?? '';
const list = (headers: Record<string, string>, query = '') => app.inject({ method: 'GET', url: `/api/police-notices${query}`, headers });
const markRead = (headers: Record<string, string>, noticeId: string) => app.inject({ method: 'POST', url: `/api/police-notices/${noticeId}/read`, headers });

async function units(headers: Headers, query = ''): Promise<string[]> {
  const res = await list(headers, query);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<PoliceNoticePageView>().items.map((n) => n.jurisdiction);
}

test('a unit officer sees only their own unit’s notices; a province sees its units; national sees all, newest first', async () => {
  const unitOfficer = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB-U01' })).headers;
  const province = (await signIn(t, app, { role: 'supervisor', jurisdiction: 'MA-RAB' })).headers;
  const national = (await signIn(t, app, { role: 'communications', jurisdiction: 'MA' })).headers;
  const otherProvince = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-CAS-U01' })).headers;
  assert.deepEqual(await units(unitOfficer), ['MA-RAB-U01']);
  assert.deepEqual(await units(otherProvince), ['MA-CAS-U01']);
  assert.deepEqual(await units(province), ['MA-RAB-U01', 'MA-RAB-U02']);
  assert.deepEqual(await units(national), ['MA-RAB-U01', 'MA-RAB-U02', 'MA-CAS-U01']);

  const res = await list(unitOfficer);
  assert.equal(res.headers['cache-control'], 'private, no-store');
  const [notice] = res.json<PoliceNoticePageView>().items;
  assert.ok(notice);
  assert.equal(notice.id, id('MA-RAB-U01'));
  assert.equal(notice.reference, reference);
  assert.equal(notice.exercise, true);
  assert.equal(notice.msgType, 'Alert');
  assert.equal(notice.version, 1);
  assert.match(notice.pageUrl, /^http:\/\/tifli\.test\/alerts\/[A-Z0-9]+$/);
  assert.ok(notice.headline && notice.headline['fr-MA'].length > 0);
  assert.equal(notice.readAt, null);
});

test('pages are bounded and follow a cursor without gaps or repeats', async () => {
  const national = (await signIn(t, app, { role: 'auditor', jurisdiction: 'MA' })).headers;
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await list(national, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json<PoliceNoticePageView>();
    assert.ok(page.items.length <= 1);
    seen.push(...page.items.map((n) => n.jurisdiction));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < 10);
  assert.deepEqual(seen, ['MA-RAB-U01', 'MA-RAB-U02', 'MA-CAS-U01']);
  assert.equal((await list(national, '?limit=101')).statusCode, 400);
  assert.equal((await list(national, '?limit=0')).statusCode, 400);
  assert.equal((await list(national, `?cursor=${Buffer.from('not|a-cursor').toString('base64url')}`)).statusCode, 400);
  assert.equal((await list(national, '?cursor=%2F%2F')).statusCode, 400);
  assert.equal((await list(national, '?jurisdiction=MA-CAS')).statusCode, 400, 'unknown parameters are refused');
});

test('an officer marks their unit’s notice read: first reader kept, audited once; other units’ notices are refused', async () => {
  const { userId, headers } = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB-U01' });
  const colleague = await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB-U01' });
  clock.advance(5 * 60_000);
  const res = await markRead(headers, id('MA-RAB-U01'));
  assert.equal(res.statusCode, 200, res.body);
  const read = res.json<PoliceNoticeView>();
  assert.equal(read.readBy, userId);
  assert.equal(read.readAt, clock.now().toISOString());

  clock.advance(60_000);
  const again = await markRead(colleague.headers, id('MA-RAB-U01'));
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(again.json<PoliceNoticeView>().readBy, userId, 'the first reader stays');
  assert.equal(again.json<PoliceNoticeView>().readAt, read.readAt);

  const audits = await t.store.db.selectFrom('audit_log').select(['actor_id', 'action', 'object_id']).where('action', '=', 'police_notice.read').execute();
  assert.deepEqual(audits, [{ actor_id: userId, action: 'police_notice.read', object_id: id('MA-RAB-U01') }]);

  for (const other of ['MA-RAB-U02', 'MA-CAS-U01']) {
    const refused = await markRead(headers, id(other));
    assert.equal(refused.statusCode, 403, refused.body);
    assert.match(refused.headers['content-type'] ?? '', /application\/problem\+json/);
  }
  assert.equal((await markRead(headers, randomUUID())).statusCode, 404);
  assert.equal((await markRead(headers, 'not-a-uuid')).statusCode, 400);

  assert.deepEqual(await units(headers, '?unread=true'), [], 'read notices leave the unread list');
  const province = (await signIn(t, app, { role: 'supervisor', jurisdiction: 'MA-RAB' })).headers;
  assert.deepEqual(await units(province, '?unread=true'), ['MA-RAB-U02']);
  assert.equal((await markRead(province, id('MA-RAB-U02'))).statusCode, 200, 'the province may mark its units’ notices');
});

test('marking read takes no body, needs the CSRF token, a person (not an API token) and a sign-in', async () => {
  const { headers } = await signIn(t, app, { role: 'dpo', jurisdiction: 'MA' });
  const withBody = await app.inject({ method: 'POST', url: `/api/police-notices/${id('MA-CAS-U01')}/read`, headers, payload: { readBy: 'someone-else' } });
  assert.equal(withBody.statusCode, 400, withBody.body);
  const noCsrf = await app.inject({ method: 'POST', url: `/api/police-notices/${id('MA-CAS-U01')}/read`, headers: { cookie: headers.cookie } });
  assert.equal(noCsrf.statusCode, 403);
  const { authorization } = await createApiToken(t, { scopes: ['cases:read'] });
  assert.equal((await list({ authorization })).statusCode, 403);
  assert.equal((await markRead({ authorization }, id('MA-CAS-U01'))).statusCode, 403);
  assert.equal((await list({})).statusCode, 401);
  assert.equal((await markRead({}, id('MA-CAS-U01'))).statusCode, 401);
  const unread = await t.store.db.selectFrom('police_notices').select('read_at').where('id', '=', id('MA-CAS-U01')).executeTakeFirstOrThrow();
  assert.equal(unread.read_at, null, 'none of the refused calls marked it');
});
