/**
 * Leak test (issue #8, point 5). Distinctive values go into every restricted and sensitive field of a
 * case (seededRecord: the child's identity documents, health, narrative, investigation, reporter,
 * suspect, vehicle, prosecutor's file), into its tips (text, place, point, the tipster's name and
 * phone, a photo's EXIF) and into its staff (usernames, display names, passwords, authenticator seeds,
 * session tokens), and into the decisions (the prosecutor's file) and the closure's note. The whole flow
 * then runs with every channel on, against its protocol peer, with the real workers: publication,
 * an update, tips from the web form, the API and a WhatsApp reply, triage, requests that fail on
 * purpose, closure and retraction. Then every public page (every GET route the router has outside
 * /api, at each stage and in each language), the feed, the CAP documents, the posters (their bytes and
 * the public view they are drawn from), every payload the peers captured, every log line and every
 * error body is scanned: none of the values may appear.
 *
 * Needles are written out by hand (leak-scan.ts): this test does not trust the classification it checks.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { createTestContext, type TestContext } from '../support/test-store.ts';
import { signIn, testClientAddress } from '../support/auth.ts';
import { RunningClock } from '../../src/platform/clock.ts';
import type { GraphPeer } from '../peers/graph-peer.ts';
import type { WhatsAppPeer } from '../peers/whatsapp-peer.ts';
import type { SmppPeer } from '../peers/smpp-peer.ts';
import type { SmtpPeer } from '../peers/smtp-peer.ts';
import type { WebPushPeer } from '../peers/webpush-peer.ts';
import type { HttpRecorder } from '../peers/http-recorder.ts';
import { type AllPeers, startAllPeers } from '../peers/all-peers.ts';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { startWorkers } from '../../src/jobs/workers.ts';
import type { ChannelRegistry } from '../../src/app/distribution/channel-registry.ts';
import { subscribe } from '../../src/app/subscriptions/subscribe.ts';
import { confirm, confirmByLink } from '../../src/app/subscriptions/confirm.ts';
import { CONSENT_WORDINGS } from '../../src/domain/subscription/consent-wording.ts';
import { createUnit } from '../../src/app/jurisdictions/create-unit.ts';
import { systemActor } from '../../src/app/accounts/actors.ts';
import { publicAlert } from '../../src/app/alerts/public-alerts.ts';
import { seededRecord } from '../../src/domain/case/case-fixtures.test-support.ts';
import { routeTable } from './route-table.ts';
import type { SessionHeaders, Staff } from './alert-flow.ts';
import { bytesAsText, leaksIn, RECORD_VALUES_WITHOUT_MARKER, type Surface } from './leak-scan.ts';

const PHONE_SMS = '+212612340001';
const PHONE_WA = '+212612340002';
const EMAIL = 'citoyenne@example.test';
const RABAT = { areaKind: 'circle', lat: '34.015', lon: '-6.835', radiusKm: '10', languages: ['fr-MA', 'ar-MA'], consent: true, language: 'fr-MA' as const };

/** Values seeded outside the case record: tips, staff, decisions, closure. */
const TIP_POINT = { lat: 34.054321, lon: -6.812345 };
// The tip's coordinates with the digit before the point: six bare digits also turn up by chance in the
// decimals of logged durations (a responseTime of 12.8123451 is not a leak).
const OTHER_NEEDLES = ['4.054321', '6.812345', '655443322', '644332211', '633221100'];

let t: TestContext;
let app: HttpApp;
let registry: ChannelRegistry;
let graph: GraphPeer;
let whatsapp: WhatsAppPeer;
let smpp: SmppPeer;
let smtp: SmtpPeer;
let push: WebPushPeer;
let partner: HttpRecorder;
let meta: HttpRecorder;
let peers: AllPeers | undefined;
let staff: Staff;
/** Staff secrets known only after sign-in: authenticator seeds and session tokens. */
const staffSecrets: string[] = [];
/** Everything the public (or a provider, or a log reader) could see, gathered as the flow runs. */
const surfaces: Surface[] = [];
let caseId = '';
let alertId = '';
let publicId = '';

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const post = (url: string, who: SessionHeaders, payload: unknown = {}) => app.inject({ method: 'POST', url, headers: who, payload: payload as Record<string, unknown> });

/** Waits until every dispatch of this version is done (sent, or retracted for a publication since withdrawn). */
async function delivered(version: number): Promise<void> {
  await until(`every channel done for version ${version}`, async () => {
    const rows = await t.store.db.selectFrom('dispatches').select(['channel', 'status']).where('alert_id', '=', alertId).where('version', '=', version).execute();
    return rows.length === 9 && rows.every((d) => d.status === 'sent' || d.status === 'retracted');
  }).catch(async (err: unknown) => {
    const rows = await t.store.db.selectFrom('dispatches').select(['channel', 'status', 'total', 'sent', 'dead']).where('alert_id', '=', alertId).where('version', '=', version).execute();
    throw new Error(`${String(err)}: ${JSON.stringify(rows)}`);
  });
}

/**
 * Every public GET route the router has (outside /api, the WhatsApp handshake and the console's API
 * calls), filled with this alert's public id, each version and each poster, in each language.
 */
async function readPublicSurfaces(stage: string): Promise<void> {
  const versions = (await t.store.db.selectFrom('alerts').select('current_version').where('id', '=', alertId).executeTakeFirstOrThrow()).current_version;
  const posters = ['ar', 'fr', 'zgh'].flatMap((l) => ['square', 'story', 'og'].map((f) => `${l}-${f}.jpg`));
  const urls = new Set<string>();
  for (const r of routeTable(app)) {
    if (r.method !== 'GET' || r.url.startsWith('/api/') || r.url.startsWith('/webhooks/')) continue;
    const base = r.url.replace(':publicId', publicId).replace(/\*$/, 'cases');
    if (base.includes(':version')) {
      for (let v = 1; v <= versions; v += 1) for (const file of posters) urls.add(base.replace(':version', String(v)).replace(':file', file));
    } else if (base.includes(':file')) urls.add(base.replace(':file', 'site.css'));
    else urls.add(base);
  }
  for (const url of urls) {
    for (const lang of ['', '?lang=ar', '?lang=fr', '?lang=zgh']) {
      const res = await app.inject({ method: 'GET', url: `${url}${lang}`, remoteAddress: testClientAddress() });
      assert.ok(res.statusCode < 500, `${url}${lang} answered ${res.statusCode}`);
      surfaces.push({ where: `${stage}: GET ${url}${lang} (${res.statusCode})`, text: bytesAsText(res.rawPayload) + JSON.stringify(res.headers) });
    }
  }
  // Posters are drawn from the public view alone (adapters/posters/poster.ts); scan what they are drawn from.
  surfaces.push({ where: `${stage}: the public view posters are drawn from`, text: JSON.stringify(await publicAlert(t, publicId)) });
}

before(async () => {
  peers = await startAllPeers({ partnerSecret: 'partner-secret-0123456789' });
  ({ graph, whatsapp, smpp, smtp, push, partner, meta } = peers);
  t = await createTestContext({
    // Real time from the fixtures' afternoon: retries come due as in production.
    clock: new RunningClock('2026-03-11T14:00:00.000Z'),
    env: {
      ...peers.env,
      TRUST_PROXY: 'false',
    },
  });
  app = await buildHttpApp(t);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  whatsapp.setCallbackUrl(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/webhooks/whatsapp`);
  await createUnit(t, systemActor('test'), { code: 'MA-RAB-SA01', nameAr: 'الدائرة الأولى', nameFr: 'Arrondissement un' });
  registry = await startWorkers(t.queue.boss, t, { pollingIntervalSeconds: 0.5 });

  // Staff whose identities and credentials are needles too.
  const who = async (role: 'officer' | 'supervisor' | 'central_command' | 'prosecutor_liaison', jurisdiction: string, tag: string): Promise<SessionHeaders> => {
    const s = await signIn(t, app, { role, jurisdiction, username: `${tag}-markeruser`, displayName: `Agent ${tag} Markername`, password: `markerpass ${tag} 0123456789` });
    staffSecrets.push(s.headers.cookie.split('=')[1] ?? '', s.headers['x-csrf-token'], ...(s.totpSecret ? [s.totpSecret] : []));
    return s.headers;
  };
  staff = { officer: await who('officer', 'MA-RAB', 'off'), supervisor: await who('supervisor', 'MA-04', 'sup'), central: await who('central_command', 'MA', 'cen'), prosecutor: await who('prosecutor_liaison', 'MA-RAB', 'pro') };
  for (const s of staffSecrets) assert.ok(s.length >= 16, 'each staff secret is long enough to be a needle');
});

after(async () => {
  await app?.close();
  await registry?.close();
  await t?.close();
  await peers?.close();
});

test('citizens subscribe on every channel', async () => {
  await subscribe(t, { ...RABAT, channel: 'webpush', push: push.subscribe(), consentVersion: CONSENT_WORDINGS.webpush.version });
  await subscribe(t, { ...RABAT, channel: 'email', email: EMAIL, consentVersion: CONSENT_WORDINGS.email.version });
  const sms = await subscribe(t, { ...RABAT, channel: 'sms', phone: PHONE_SMS, consentVersion: CONSENT_WORDINGS.sms.version });
  const wa = await subscribe(t, { ...RABAT, channel: 'whatsapp', phone: PHONE_WA, consentVersion: CONSENT_WORDINGS.whatsapp.version });
  const letter = await until('the confirmation e-mail', async () => smtp.messages.find((m) => m.envelope.to.includes(EMAIL)));
  const token = /\/subscriptions\/confirm\?t=([^\s"<>]+)/.exec(letter.parsed.text ?? '')?.[1];
  assert.ok(token);
  assert.equal(await confirmByLink(t, decodeURIComponent(token)), 'confirmed');
  const smsText = await until('the SMS code', async () => smpp.messages.find((m) => m.destination === PHONE_SMS.slice(1))?.text);
  assert.equal(await confirm(t, { subscriptionId: sms.subscriptionId, code: /\b(\d{6})\b/.exec(smsText)?.[1] ?? '' }), 'confirmed');
  const waMessage = await until('the WhatsApp code', async () => whatsapp.deliveriesTo(PHONE_WA)[0]);
  assert.equal(await confirm(t, { subscriptionId: wa.subscriptionId, code: waMessage.params.find((p) => /^\d{6}$/.test(p)) ?? '' }), 'confirmed');
});

test('a case seeded in every restricted and sensitive field goes through decisions to publication', async () => {
  const record = seededRecord();
  // The officer's jurisdiction; the family consents to the photo (so posters carry it), not to the name.
  record.lastSeen.prefectureCode = 'MA-RAB';
  record.lastSeen.area = { commune: 'Rabat', neighbourhood: 'Hassan' };
  const photoConsent = record.reporter.consents.publishPhoto;
  assert.ok(photoConsent);
  photoConsent.withdrawnAt = null;
  const opened = await post('/api/cases', staff.officer, { record, exercise: true });
  assert.equal(opened.statusCode, 201, opened.body);
  caseId = opened.json<{ case: { id: string } }>().case.id;
  assert.equal((await post(`/api/cases/${caseId}/assessment`, staff.officer, { publishingEndangersChild: false })).statusCode, 200);
  const jpeg = await sharp({ create: { width: 300, height: 400, channels: 3, background: { r: 150, g: 80, b: 60 } } })
    .jpeg()
    .withExif({ IFD0: { ImageDescription: 'MARKER-case-photo-exif', Artist: 'Photographermarker' } })
    .toBuffer();
  assert.ok(bytesAsText(jpeg).includes('MARKER-case-photo-exif'), 'the upload carries its EXIF needle');
  const photo = await app.inject({ method: 'POST', url: `/api/cases/${caseId}/photos?publishable=true`, headers: { ...staff.officer, 'content-type': 'image/jpeg' }, payload: jpeg });
  assert.equal(photo.statusCode, 201, photo.body);

  const draft = await post(`/api/cases/${caseId}/alerts`, staff.officer);
  assert.equal(draft.statusCode, 201, draft.body);
  ({ id: alertId, publicId } = draft.json<{ id: string; publicId: string }>());
  assert.equal((await post(`/api/alerts/${alertId}/request`, staff.officer)).statusCode, 200);
  assert.equal((await post(`/api/alerts/${alertId}/decisions`, staff.supervisor, { step: 'supervisor_check', outcome: 'approved', reason: 'MARKER-supervisor-reason' })).statusCode, 200);
  assert.equal((await post(`/api/alerts/${alertId}/decisions`, staff.central, { step: 'central_validation', outcome: 'approved', reason: 'MARKER-central-reason' })).statusCode, 200);
  const last = await post(`/api/alerts/${alertId}/decisions`, staff.prosecutor, {
    step: 'prosecutor_decision',
    outcome: 'approved',
    prosecutor: { court: 'MARKER-decision-court', fileReference: 'MARKER-decision-file', magistrate: 'Magistratemarker', decidedAt: '2026-03-11T13:50:00Z', conditions: 'MARKER-decision-conditions' },
  });
  assert.equal(last.statusCode, 200, last.body);
  assert.equal(last.json<{ state: string }>().state, 'active');
  await delivered(1);
  await readPublicSurfaces('published');
});

test('an update widens the zone and reaches every channel again', async () => {
  const update = await post(`/api/alerts/${alertId}/updates`, staff.officer, { kind: 'zone', zone: { circles: [{ center: { lat: 34.02, lon: -6.84 }, radiusKm: 40 }], provinces: [], regions: [], polygons: [] } });
  assert.equal(update.statusCode, 200, update.body);
  await delivered(2);
  await readPublicSurfaces('updated');
});

test('tips arrive from the web form, the API and a WhatsApp reply, and are triaged', async () => {
  const photo = await sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 20, g: 90, b: 160 } } })
    .jpeg()
    .withExif({ IFD0: { ImageDescription: 'MARKER-tip-photo-exif', Artist: 'Tipphotographermarker' } })
    .toBuffer();
  const boundary = '----LeakTestBoundary0123';
  const fields: Record<string, string> = {
    seen: 'MARKER-tip-seen : une fillette au sweat rouge avec un homme, près de la gare',
    seenAt: '',
    place: 'MARKER-tip-place',
    lat: String(TIP_POINT.lat),
    lon: String(TIP_POINT.lon),
    name: 'Tipstermarker',
    phone: '0655443322',
    contactConsent: 'yes',
    website: '',
    lang: 'fr',
    version: '2',
  };
  const body = Buffer.concat([
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="IMG_1.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    photo,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const web = await app.inject({ method: 'POST', url: `/alerts/${publicId}/tips`, remoteAddress: testClientAddress(), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'text/html' }, payload: body });
  assert.equal(web.statusCode, 201, web.body);
  surfaces.push({ where: 'the web form’s receipt page', text: web.body });

  const api = await post(`/api/alerts/${alertId}/tips`, staff.officer, { seen: 'MARKER-api-tip : vue dans le tramway', place: 'MARKER-api-tip-place', name: 'Apitipstermarker', phone: '0644332211', contactConsent: true, lat: 34.0199, lon: -6.8351 });
  assert.equal(api.statusCode, 201, api.body);
  surfaces.push({ where: 'the API tip’s answer', text: api.body });

  const alertMessage = whatsapp.deliveriesTo(PHONE_WA).find((m) => m.headerImage);
  assert.ok(alertMessage, 'the WhatsApp subscriber received the alert');
  const reply = await whatsapp.sendInboundText(PHONE_WA, 'MARKER-whatsapp-tip : je l’ai vue au marché, appelez le 0633221100', { replyTo: alertMessage.id });
  assert.equal(reply.status, 200);

  const tips = await until('three tips triaged', async () => {
    const rows = await t.store.db.selectFrom('tips').select(['id', 'source', 'triaged_at']).where('case_id', '=', caseId).execute();
    return rows.length === 3 && rows.every((r) => r.triaged_at !== null) ? rows : undefined;
  });
  const fromWeb = tips.find((r) => r.source === 'web');
  const fromApi = tips.find((r) => r.source !== 'web' && r.source !== 'whatsapp');
  assert.ok(fromWeb && fromApi, JSON.stringify(tips));
  assert.equal((await post(`/api/tips/${fromWeb.id}/status`, staff.officer, { status: 'credible', reason: 'MARKER-triage-credible' })).statusCode, 200);
  assert.equal((await post(`/api/tips/${fromApi.id}/status`, staff.officer, { status: 'dismissed', reason: 'MARKER-triage-dismissed' })).statusCode, 200);
  await readPublicSurfaces('tips');
});

test('requests that fail on purpose answer without the values they carried', async () => {
  const bad = seededRecord();
  // Values travel in bodies and query values; a path or a field's name is the caller's own words, which a
  // problem's `instance` and its field list name on purpose (RFC 9457), so those carry no needle here.
  const attempts: { what: string; res: Awaited<ReturnType<typeof app.inject>> }[] = [
    { what: 'a case with a wrong type', res: await post('/api/cases', staff.officer, { record: { ...bad, child: { ...bad.child, heightCm: 'MARKER-height' } } }) },
    { what: 'a case with an unknown field', res: await post('/api/cases', staff.officer, { record: { ...bad, extra: 'MARKER-extra-value' } }) },
    { what: 'a case too long', res: await post('/api/cases', staff.officer, { record: { ...bad, circumstances: { ...bad.circumstances, narrative: `MARKER-too-long ${'x'.repeat(20_000)}` } } }) },
    { what: 'a closure with an unknown outcome', res: await post(`/api/cases/${caseId}/close`, staff.officer, { outcome: 'MARKER-outcome', reason: 'MARKER-bad-closure' }) },
    { what: 'an API tip with a wrong phone', res: await post(`/api/alerts/${alertId}/tips`, staff.officer, { seen: 'MARKER-bad-api-tip', phone: 'MARKER-phone' }) },
    { what: 'an API tip with a wrong point', res: await post(`/api/alerts/${alertId}/tips`, staff.officer, { seen: 'MARKER-bad-api-tip-point', lat: 'MARKER-lat' }) },
    { what: 'a tip status with an unknown status', res: await post(`/api/tips/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/status`, staff.officer, { status: 'MARKER-status', reason: 'MARKER-status-reason' }) },
    { what: 'a sign-in with a wrong password', res: await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: testClientAddress(), payload: { username: 'off-markeruser', password: 'MARKER-wrong-password' } }) },
    { what: 'a sign-in for nobody', res: await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: testClientAddress(), payload: { username: 'nobody-markeruser', password: 'MARKER-nobody-password' } }) },
    { what: 'a case id that is not one', res: await app.inject({ method: 'GET', url: '/api/cases/not-an-id', headers: staff.officer }) },
    { what: 'a query that is not allowed', res: await app.inject({ method: 'GET', url: '/api/cases?unknown=MARKER-query-value', headers: staff.officer }) },
    { what: 'a public page that does not exist', res: await app.inject({ method: 'GET', url: '/alerts/NOSUCH?lang=MARKER-lang', remoteAddress: testClientAddress() }) },
    { what: 'a public JSON tip too long', res: await app.inject({ method: 'POST', url: `/alerts/${publicId}/tips`, remoteAddress: testClientAddress(), headers: { 'content-type': 'application/json' }, payload: { seen: `MARKER-json-tip ${'y'.repeat(5000)}`, name: 'Jsontipstermarker' } }) },
    { what: 'a body that is not JSON', res: await app.inject({ method: 'POST', url: '/api/cases', headers: { ...staff.officer, 'content-type': 'application/json' }, payload: '{"record": "MARKER-broken-json' }) },
  ];
  for (const a of attempts) {
    assert.ok(a.res.statusCode >= 400 && a.res.statusCode < 500, `${a.what}: ${a.res.statusCode} ${a.res.body.slice(0, 300)}`);
    surfaces.push({ where: `error body: ${a.what} (${a.res.statusCode})`, text: a.res.body + JSON.stringify(a.res.headers) });
  }

  // The public form is given back to its sender with what they typed (nothing lost); that answer is
  // theirs alone, so it is never stored by a cache, and is not a surface anyone else can read.
  const form = await app.inject({
    method: 'POST',
    url: `/alerts/${publicId}/tips`,
    remoteAddress: testClientAddress(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ seen: '', place: '', name: 'Formtipstermarker', phone: '', website: '', lang: 'fr', version: '2' }).toString(),
  });
  assert.equal(form.statusCode, 400);
  assert.equal(form.headers['cache-control'], 'no-store');
});

test('"child found" closes the case, ends the alert and withdraws it everywhere', async () => {
  const closed = await post(`/api/cases/${caseId}/close`, staff.officer, { outcome: 'found_safe', reason: 'MARKER-closure-note : retrouvée chez une tante' });
  assert.equal(closed.statusCode, 200, closed.body);
  const version = (await t.store.db.selectFrom('alerts').select(['current_version', 'state']).where('id', '=', alertId).executeTakeFirstOrThrow());
  assert.equal(version.state, 'ended');
  await delivered(version.current_version);
  assert.equal(graph.posts.size, 0, 'the Facebook post is deleted');
  await readPublicSurfaces('closed');
});

test('no seeded value appears on any public page, feed, CAP document, poster, channel payload, log line or error body', async () => {
  const peers: Surface[] = [
    ...graph.requests.map((r, i) => ({ where: `graph request ${i} ${r.method} ${r.path}`, text: JSON.stringify({ q: r.query, f: r.fields, t: r.text, h: r.headers }) + Object.values(r.files).map((f) => bytesAsText(f.bytes)).join('') })),
    ...whatsapp.accepted.map((m, i) => ({ where: `whatsapp message ${i} (${m.template})`, text: JSON.stringify(m) })),
    ...smpp.messages.map((m, i) => ({ where: `sms ${i} to ${m.destination}`, text: m.text })),
    ...smtp.messages.map((m, i) => ({ where: `e-mail ${i} to ${m.envelope.to.join(',')}`, text: bytesAsText(m.raw) + (m.parsed.text ?? '') + (typeof m.parsed.html === 'string' ? m.parsed.html : '') })),
    ...push.requests.map((r, i) => ({ where: `web push ${i}`, text: r.plaintext ?? '' })),
    ...partner.requests.map((r, i) => ({ where: `partner webhook ${i}`, text: bytesAsText(r.body) + JSON.stringify(r.headers) })),
    ...meta.requests.map((r, i) => ({ where: `meta hand-off ${i}`, text: bytesAsText(r.body) + JSON.stringify(r.headers) })),
  ];
  const logs: Surface[] = t.logLines.map((line, i) => ({ where: `log line ${i}`, text: line }));
  // Every kind of surface was actually read: a scan of nothing would prove nothing.
  for (const [what, n] of [
    ['graph', graph.requests.length],
    ['whatsapp', whatsapp.accepted.length],
    ['sms', smpp.messages.length],
    ['e-mail', smtp.messages.length],
    ['web push', push.requests.filter((r) => r.plaintext).length],
    ['partner', partner.requests.length],
    ['meta', meta.requests.length],
    ['log', logs.length],
  ] as const) {
    assert.ok(n > 0, `${what}: something was captured`);
  }
  assert.ok(surfaces.some((s) => s.where.includes('.cap')) && surfaces.some((s) => s.where.includes('alerts.atom')) && surfaces.some((s) => s.where.includes('/posters/')), 'CAP, feed and posters were read');
  assert.ok(surfaces.some((s) => s.where.startsWith('closed: GET /alerts/') && /found|retrouv|عثور/i.test(s.text)), 'the ended page was read');

  const needles = [...RECORD_VALUES_WITHOUT_MARKER, ...OTHER_NEEDLES, ...staffSecrets];
  const found = leaksIn([...surfaces, ...peers, ...logs], needles);
  assert.deepEqual(found.slice(0, 20), [], `${found.length} seeded values found where they must never be`);
});

test('the scan is not blind: a planted value is found on each kind of surface', () => {
  const planted: Surface[] = [
    { where: 'page', text: '<p>Zumurrudmarker</p>' },
    { where: 'sms', text: 'appelez le 0698765432' },
    { where: 'log', text: `{"session":"${staffSecrets[0] ?? 'none'}"}` },
    { where: 'poster', text: bytesAsText(Buffer.from('ÿØÿá EXIF MARKER-case-photo-exif')) },
    { where: 'arabic', text: 'الطفلة زمردة' },
  ];
  assert.equal(leaksIn(planted, [...RECORD_VALUES_WITHOUT_MARKER, ...staffSecrets]).length >= planted.length, true);
  assert.deepEqual(leaksIn([{ where: 'clean', text: 'Yasmine, 8 ans, vue à Rabat' }], RECORD_VALUES_WITHOUT_MARKER), []);
});
