/**
 * Closure clears the public (issue #8, point 1). Closing a case whose alert is live must, at once and
 * in the closing transaction: turn its public page into the "found — thank you" card (or the neutral
 * ended notice), make every public URL that served its photo or posters answer 404, supersede its CAP
 * document and feed entry with a Cancel, and queue the retraction on every channel that carried it.
 * "Within one minute" is the caches' share: every public answer about a live alert may be kept at most
 * 60 s (max-age + stale-while-revalidate), checked here on each URL.
 *
 * No worker runs here: the retraction is proven by what the outbox holds (a retract dispatch and its
 * planning job per channel); test/distribution/all-channels.test.ts delivers retractions end to end.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import webpush from 'web-push';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../support/test-store.ts';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { enabledChannels } from '../../src/app/distribution/enabled-channels.ts';
import { SITE_TEXTS } from '../../src/http/public/site-texts.ts';
import { draftAndRequest as draftAndRequestOf, openCaseWithPhoto as openCaseWith, publishedAlert as publishedAlertOf, type SessionHeaders, type Staff, signInStaff } from './alert-flow.ts';

const clock = new ManualClock('2026-03-11T14:00:00Z');
const VAPID = webpush.generateVAPIDKeys();
const NOWHERE = 'http://127.0.0.1:9';
let t: TestContext;
let app: HttpApp;
let h: Staff;

before(async () => {
  // Every channel is configured (no provider is reached: no worker runs), so the retraction must be
  // queued on all of them.
  t = await createTestContext({
    clock,
    env: {
      FACEBOOK_PAGE_ID: '1001',
      FACEBOOK_PAGE_TOKEN: 'test-graph-token',
      INSTAGRAM_USER_ID: '2002',
      GRAPH_BASE_URL: NOWHERE,
      WHATSAPP_PHONE_NUMBER_ID: '3003',
      WHATSAPP_TOKEN: 'test-wa-token',
      WHATSAPP_APP_SECRET: 'test-wa-secret',
      WHATSAPP_VERIFY_TOKEN: 'test-wa-verify',
      SMPP_URL: 'smpp://127.0.0.1:9',
      SMPP_SYSTEM_ID: 'tifli',
      SMPP_PASSWORD: 'secret12',
      SMTP_URL: 'smtp://127.0.0.1:9',
      VAPID_PUBLIC_KEY: VAPID.publicKey,
      VAPID_PRIVATE_KEY: VAPID.privateKey,
      VAPID_SUBJECT: 'mailto:alertes@tifli.test',
      PARTNER_WEBHOOKS: JSON.stringify([{ id: 'press', url: `${NOWHERE}/hook`, secret: 'partner-secret-0123456789' }]),
      META_PARTNER_URL: `${NOWHERE}/handoff`,
      META_PARTNER_TOKEN: 'meta-token-0123',
    },
  });
  app = await buildHttpApp(t);
  h = await signInStaff(t, app);
});
after(async () => {
  await app.close();
  await t.close();
});

const post = (url: string, who: SessionHeaders, payload: unknown = {}) => app.inject({ method: 'POST', url, headers: who, payload: payload as Record<string, unknown> });
const get = (url: string) => app.inject({ method: 'GET', url });
const publishedAlert = () => publishedAlertOf(app, h);
const openCaseWithPhoto = () => openCaseWith(app, h);
const draftAndRequest = (caseId: string) => draftAndRequestOf(app, h, caseId);

/** Seconds a cache may keep an answer: max-age plus stale-while-revalidate. */
function cacheSeconds(cacheControl: string | undefined): number {
  const v = cacheControl ?? '';
  if (/no-store|no-cache|private/.test(v)) return 0;
  const age = Number(/max-age=(\d+)/.exec(v)?.[1] ?? 'NaN');
  const swr = Number(/stale-while-revalidate=(\d+)/.exec(v)?.[1] ?? '0');
  return age + swr;
}

/** Every image URL a page points to (img src, og:image, twitter:image, links to .jpg), as site paths. */
function imageUrlsOf(html: string): string[] {
  const urls = [...html.matchAll(/(?:src|content|href)="([^"]+)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
  return [...new Set(urls.filter((u) => /\.(?:jpe?g|png|webp)(?:\?|$)/.test(u)).map((u) => u.replace(/^https?:\/\/tifli\.test/, '')))];
}

const POSTER_LANGS = ['ar', 'fr', 'zgh'] as const;
const POSTER_FORMATS = ['square', 'story', 'og'] as const;
const posterUrls = (publicId: string, version: number) => POSTER_LANGS.flatMap((l) => POSTER_FORMATS.map((f) => `/alerts/${publicId}/posters/${version}/${l}-${f}.jpg`));
const capIdentifier = (xml: string) => /<identifier>([^<]+)<\/identifier>/.exec(xml)?.[1] ?? '';

async function dispatchesOf(alertId: string, version: number) {
  return t.store.db.selectFrom('dispatches').select(['id', 'channel', 'action']).where('alert_id', '=', alertId).where('version', '=', version).orderBy('channel').execute();
}

async function planJobsFor(dispatchIds: readonly string[]): Promise<string[]> {
  if (dispatchIds.length === 0) return [];
  const rows = await sql<{ id: string }>`SELECT data->>'dispatchId' AS id FROM pgboss.job WHERE name = 'dispatch.plan' AND data->>'dispatchId' IN (${sql.join(dispatchIds)})`.execute(t.store.db);
  return rows.rows.map((r) => r.id).sort();
}

test('closing a case with an active alert: found card, photos and posters 404 everywhere, CAP Cancel, retraction queued on every channel', async () => {
  const a = await publishedAlert();
  const page = await get(`/alerts/${a.publicId}?lang=fr`);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes('Yasmine') || page.body.includes('ياسمين'), 'the live page names the child');
  const images = [...new Set([...imageUrlsOf(page.body), ...imageUrlsOf((await get(`/alerts/${a.publicId}?lang=ar`)).body), `/alerts/${a.publicId}/photo.jpg`, `/alerts/${a.publicId}/og.jpg`])];
  for (const lang of ['ar', 'fr', 'zgh']) images.push(`/alerts/${a.publicId}/og.jpg?lang=${lang}`);
  const posters = posterUrls(a.publicId, 1);
  const liveCap = await get(`/alerts/${a.publicId}.cap`);
  assert.match(liveCap.body, /<msgType>Alert<\/msgType>/);
  const alertIdentifier = capIdentifier(liveCap.body);
  assert.ok(alertIdentifier);
  assert.ok((await get('/feeds/alerts.atom')).body.includes(alertIdentifier), 'the feed lists the live alert');

  // Every public answer about the live alert is served, and no cache may keep it longer than a minute.
  for (const url of [...images, ...posters]) {
    const res = await get(url);
    assert.equal(res.statusCode, 200, `${url} is served while the alert is live`);
    assert.equal(res.headers['content-type'], 'image/jpeg', url);
    assert.ok(cacheSeconds(res.headers['cache-control']) <= 60, `${url}: ${res.headers['cache-control']}`);
  }
  for (const url of [`/alerts/${a.publicId}?lang=fr`, '/?lang=fr', `/alerts/${a.publicId}.cap`, '/feeds/alerts.atom']) {
    const res = await get(url);
    assert.ok(cacheSeconds(res.headers['cache-control']) <= 60, `${url}: ${res.headers['cache-control']}`);
  }
  assert.ok(images.some((u) => u.includes('/photo.jpg')) && images.some((u) => u.includes('/og.jpg')));

  const published = await dispatchesOf(a.alertId, 1);
  assert.deepEqual(published.map((d) => d.channel), [...enabledChannels(t.config.channels)].sort(), 'version 1 went out on every configured channel');

  // The officer closes the case (not the alert): the clock does not move.
  const closed = await post(`/api/cases/${a.caseId}/close`, h.officer, { outcome: 'found_safe', reason: 'Retrouvée saine et sauve chez sa tante.' });
  assert.equal(closed.statusCode, 200, closed.body);
  assert.equal(closed.json<{ status: string }>().status, 'closed');
  const alertRow = await t.store.db.selectFrom('alerts').select(['state', 'end_outcome', 'current_version']).where('id', '=', a.alertId).executeTakeFirstOrThrow();
  assert.deepEqual(alertRow, { state: 'ended', end_outcome: 'found', current_version: 2 });

  // The public page is the "found — thank you" card, with nothing of the child.
  const card = await get(`/alerts/${a.publicId}?lang=fr`);
  assert.equal(card.statusCode, 200);
  assert.ok(card.body.includes(SITE_TEXTS.fr.foundTitle), 'the found card');
  for (const leak of ['Yasmine', 'ياسمين', 'photo.jpg', 'og.jpg', '<img', 'posters/']) assert.ok(!card.body.includes(leak), `the card shows no ${leak}`);
  assert.ok(!(await get('/?lang=fr')).body.includes(a.publicId), 'the list no longer shows it');

  // Every URL that served its photo or posters answers 404.
  for (const url of [...images, ...posters]) assert.equal((await get(url)).statusCode, 404, `${url} after closure`);

  // CAP: the document and the feed entry are superseded by a Cancel that references the Alert.
  const cancel = await get(`/alerts/${a.publicId}.cap`);
  assert.equal(cancel.statusCode, 200);
  assert.match(cancel.body, /<msgType>Cancel<\/msgType>/);
  assert.ok(cancel.body.includes(alertIdentifier), 'the Cancel references the Alert it supersedes');
  for (const leak of ['Yasmine', 'ياسمين', 'photo.jpg', 'posters/1/']) assert.ok(!cancel.body.includes(leak), `the Cancel carries no ${leak}`);
  const feed = (await get('/feeds/alerts.atom')).body;
  assert.ok(feed.includes(capIdentifier(cancel.body)), 'the feed lists the Cancel');
  assert.ok(!feed.includes(alertIdentifier), 'the Alert entry is gone from the feed');

  // The retraction is queued on every channel that carried the alert: a retract dispatch and its planning job each.
  const retractions = await dispatchesOf(a.alertId, 2);
  assert.deepEqual(retractions.map((d) => d.channel), published.map((d) => d.channel));
  assert.ok(retractions.every((d) => d.action === 'retract'));
  assert.deepEqual(await planJobsFor(retractions.map((d) => d.id)), retractions.map((d) => d.id).sort(), 'each retraction has its planning job');

  // The case history shows the closure; the alert ended with it (audited in the same transaction).
  const history = await t.store.db.selectFrom('case_events').select(['kind', 'to_status']).where('case_id', '=', a.caseId).orderBy('seq').execute();
  assert.deepEqual(history.at(-1), { kind: 'close', to_status: 'closed' });
  const audited = await t.store.db.selectFrom('audit_log').select('action').where('object_id', '=', a.alertId).execute();
  assert.ok(audited.some((r) => r.action === 'alert.end'));
});

test('a closure that is not a happy ending ends the alert with the neutral notice, and still clears photos and posters', async () => {
  const a = await publishedAlert();
  const closed = await post(`/api/cases/${a.caseId}/close`, h.officer, { outcome: 'found_deceased', reason: 'Dossier clôturé sur instruction du parquet.' });
  assert.equal(closed.statusCode, 200, closed.body);
  const page = await get(`/alerts/${a.publicId}?lang=fr`);
  assert.ok(page.body.includes(SITE_TEXTS.fr.endedTitle), 'the neutral ended notice');
  assert.ok(!page.body.includes(SITE_TEXTS.fr.foundTitle), 'no thanks for this ending');
  for (const url of [`/alerts/${a.publicId}/photo.jpg`, `/alerts/${a.publicId}/og.jpg`, ...posterUrls(a.publicId, 1)]) assert.equal((await get(url)).statusCode, 404, url);
  assert.match((await get(`/alerts/${a.publicId}.cap`)).body, /<msgType>Cancel<\/msgType>/);
  assert.equal((await dispatchesOf(a.alertId, 2)).length, (await dispatchesOf(a.alertId, 1)).length);
  const history = await t.store.db.selectFrom('case_events').select(['kind', 'to_status']).where('case_id', '=', a.caseId).orderBy('seq').execute();
  assert.deepEqual(history.slice(-2), [{ kind: 'alert_ended', to_status: 'open' }, { kind: 'close', to_status: 'closed' }]);
});

test('closing a case whose alert awaits decisions ends the request: nothing is ever published for it', async () => {
  const a = await draftAndRequest(await openCaseWithPhoto());
  assert.equal((await post(`/api/alerts/${a.alertId}/decisions`, h.supervisor, { step: 'supervisor_check', outcome: 'approved' })).statusCode, 200);
  const closed = await post(`/api/cases/${a.caseId}/close`, h.officer, { outcome: 'found_safe', reason: 'Retrouvée avant la décision du parquet.' });
  assert.equal(closed.statusCode, 200, closed.body);
  assert.equal((await t.store.db.selectFrom('alerts').select('state').where('id', '=', a.alertId).executeTakeFirstOrThrow()).state, 'ended');
  assert.equal((await post(`/api/alerts/${a.alertId}/decisions`, h.central, { step: 'central_validation', outcome: 'approved' })).statusCode, 409, 'the remaining approvals cannot publish it');
  for (const url of [`/alerts/${a.publicId}`, `/alerts/${a.publicId}.cap`, `/alerts/${a.publicId}/photo.jpg`, ...posterUrls(a.publicId, 1)]) assert.equal((await get(url)).statusCode, 404, url);
  assert.equal((await t.store.db.selectFrom('dispatches').select('id').where('alert_id', '=', a.alertId).execute()).length, 0);
});

test('a refused closure (no written reason) leaves the alert live: the two change together or not at all', async () => {
  const a = await publishedAlert();
  const refused = await post(`/api/cases/${a.caseId}/close`, h.officer, { outcome: 'found_safe', reason: 'short' });
  assert.equal(refused.statusCode, 400, refused.body);
  assert.equal((await t.store.db.selectFrom('alerts').select('state').where('id', '=', a.alertId).executeTakeFirstOrThrow()).state, 'active');
  assert.equal((await get(`/alerts/${a.publicId}/photo.jpg`)).statusCode, 200);
  assert.match((await get(`/alerts/${a.publicId}.cap`)).body, /<msgType>Alert<\/msgType>/);
  assert.equal((await dispatchesOf(a.alertId, 2)).length, 0);
});
