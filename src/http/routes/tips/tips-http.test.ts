/**
 * Tip intake through the whole application (buildHttpApp): the public form as browsers post it
 * (urlencoded and multipart with a photo), the JSON variants, the partners' and police units' API with
 * tokens and idempotency keys, the receipt pages in three languages, the quotas and the proof of work,
 * the honeypot, load shedding, and what is stored: the tip, its triage job in the same transaction, the
 * sealed contact (erased with the case's key), the photo without metadata, and no client address.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { createApiToken } from '../../../../test/support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';
import { seedDemo } from '../../../app/demo/seed-demo.ts';
import { destroyDataKey, getDataKey } from '../../../app/crypto/data-keys.ts';
import { photoCipher } from '../../../app/photos/photo-cipher.ts';
import { systemActor } from '../../../app/accounts/actors.ts';
import { decryptField, keyOwner } from '../../../platform/crypto/field-cipher.ts';
import { tipContactField, tipContactFromJson } from '../../../domain/tips/tip-contact.ts';
import { solveChallenge } from '../../../domain/tips/intake-proof-of-work.ts';
import { formatTipReference } from '../../../domain/tips/tip-reference.ts';
import { findTipByReference, findTipPhoto } from '../../../store/repositories/tips.repository.ts';
import type { AppContext } from '../../../app/context.ts';

let t: TestContext;
let app: HttpApp;
let publicId: string;
let alertId: string;
let caseId: string;
let endedPublicId: string;
let seq = 0;

/** A fresh client address on its own /24, so each test starts within its quotas. */
const freshIp = () => `10.${(++seq >> 8) & 255}.${seq & 255}.7`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const BOUNDARY = '----TifliTestBoundary7MA4YWxk';

function multipart(fields: Record<string, string>, photo?: { bytes: Buffer; type: string }): Buffer {
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const file = photo
    ? Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="photo"; filename="IMG_2041.jpg"\r\nContent-Type: ${photo.type}\r\n\r\n`), photo.bytes, Buffer.from('\r\n')])
    : Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="photo"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`);
  return Buffer.concat([...parts, file, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

const referenceIn = (page: string) => /<strong class="reference" dir="ltr">([0-9A-Z]{4})-([0-9A-Z]{4})<\/strong>/.exec(page)?.slice(1, 3).join('');

before(async () => {
  t = await createTestContext({ env: { TIP_FREE_PER_ADDRESS: '3', TIP_FREE_PER_NETWORK: '1000', TIP_MAX_IN_FLIGHT: '4', TIP_SHED_HOLD_MS: '300', TIP_PHOTO_MAX_BYTES: String(2 * 1024 * 1024) } });
  const demo = await seedDemo(t);
  publicId = demo.activeAlertUrl.split('/').pop() ?? '';
  const alert = await t.store.db.selectFrom('alerts').select(['id', 'case_id']).where('public_id', '=', publicId).executeTakeFirstOrThrow();
  alertId = alert.id;
  caseId = alert.case_id;
  // An alert that ended (the demo's closed case's), as the intake sees it: its state.
  const closed = await t.store.db.selectFrom('cases').select('id').where('status', '=', 'closed').executeTakeFirstOrThrow();
  endedPublicId = 'ENDEDTIP01';
  const at = t.clock.now();
  await t.store.db
    .insertInto('alerts')
    .values({ id: randomUUID(), public_id: endedPublicId, case_id: closed.id, state: 'ended', is_exercise: true, created_by: null, created_at: at, updated_at: at, draft: '{}', chain: '{}', expires_at: at, published_at: at, ended_at: at, end_outcome: 'found', prosecutor_due_at: null, current_version: 2 })
    .execute();
  app = await buildHttpApp(t);
});
after(async () => {
  await app?.close();
  await t?.close();
});

test('the alert page carries the form: multipart, photo, hidden point, honeypot, and the external script', async () => {
  const res = await app.inject({ method: 'GET', url: `/alerts/${publicId}?lang=fr` });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, new RegExp(`<form class="tip" method="post" action="/alerts/${publicId}/tips" enctype="multipart/form-data"`));
  assert.match(res.body, /<input id="tip-photo" type="file" name="photo" accept="image\/jpeg,image\/png,image\/webp,image\/heic,image\/heif">/);
  assert.match(res.body, /<input type="hidden" name="lat" value=""><input type="hidden" name="lon" value="">/);
  assert.match(res.body, /<button type="button" id="tip-locate" hidden>Utiliser ma position<\/button>/);
  assert.match(res.body, /<script src="\/assets\/tip.js" defer><\/script>/);
  const script = await app.inject({ method: 'GET', url: '/assets/tip.js' });
  assert.equal(script.statusCode, 200);
  assert.match(script.headers['content-type'] ?? '', /^application\/javascript/);
  assert.ok(script.body.includes('geolocation') && script.body.includes('?proof='));
  assert.match(res.headers['content-security-policy'] ?? '', /script-src 'self'/);
});

test('a browser\'s form post is stored and answered with the receipt in its language, after the commit', async () => {
  const res = await app.inject({
    method: 'POST',
    url: `/alerts/${publicId}/tips`,
    headers: FORM,
    remoteAddress: freshIp(),
    payload: form({ seen: 'Une fille en survêtement rouge avec un homme, près de la gare routière', seenAt: '', place: 'Gare routière, Rabat', lat: '', lon: '', name: '', phone: '', website: '', lang: 'fr', version: '1' }),
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.match(res.headers['content-type'] ?? '', /^text\/html/);
  assert.equal(res.headers['content-language'], 'fr-MA');
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.ok(res.body.includes('Merci, votre information est bien reçue'));
  assert.ok(res.body.includes('<meta name="robots" content="noindex">'));
  const reference = referenceIn(res.body);
  assert.ok(reference);
  const row = await findTipByReference(t.store.db, reference);
  assert.ok(row, 'the receipt names a stored tip');
  assert.equal(row.alert_id, alertId);
  assert.equal(row.case_id, caseId);
  assert.equal(row.source, 'web');
  assert.equal(row.source_detail, null);
  assert.equal(row.seen, 'Une fille en survêtement rouge avec un homme, près de la gare routière');
  assert.equal(row.place, 'Gare routière, Rabat');
  assert.equal(row.language, 'fr');
  assert.equal(row.alert_version, 1);
  assert.equal(row.contact, null);
  assert.equal(row.has_photo, false);
  // No client address anywhere in the row.
  assert.ok(!JSON.stringify(row).includes('10.'), 'no address stored');
  // Its triage job was committed with it.
  const jobs = await sql<{ n: string }>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'tips.triage' AND data->>'tipId' = ${row.id}`.execute(t.store.db);
  assert.equal(Number(jobs.rows[0]?.n), 1);
});

test('the receipt comes in Arabic (right to left) and Tamazight too', async () => {
  for (const [lang, tag, words] of [['ar', 'ar-MA', 'شكرا، توصلنا بمعلومتكم'], ['zgh', 'zgh-Tfng', 'ⵜⴰⵏⵎⵎⵉⵔⵜ, ⵏⵍⴽⵎ ⵉⵙⴰⵍⵍⵏ ⵏⵏⴽ']] as const) {
    const res = await app.inject({ method: 'POST', url: `/alerts/${publicId}/tips`, headers: FORM, remoteAddress: freshIp(), payload: form({ seen: 'رأيت الطفلة قرب المحطة', lang, version: '1' }) });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.headers['content-language'], tag);
    assert.ok(res.body.includes(words), lang);
    if (lang === 'ar') assert.match(res.body, /<html lang="ar-MA" dir="rtl">/);
  }
});

test('multipart with a photo carrying GPS: stored sealed, re-encoded, no metadata; the contact sealed with the case key', async () => {
  const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'SecretPhoneMaker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 1/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '6/1 50/1 0/1', GPSMapDatum: 'TIPSTER-GPS-SECRET' } })
    .toBuffer();
  assert.ok(photo.includes('TIPSTER-GPS-SECRET'), 'the upload carries GPS');
  const res = await app.inject({
    method: 'POST',
    url: `/alerts/${publicId}/tips`,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, accept: 'text/html' },
    remoteAddress: freshIp(),
    payload: multipart({ seen: 'Photo prise au marché', place: 'Marché', lat: '34.01667', lon: '-6.83333', name: 'Amina B.', phone: '06 61 23 45 67', contactConsent: 'yes', website: '', lang: 'fr', version: '1' }, { bytes: photo, type: 'image/jpeg' }),
  });
  assert.equal(res.statusCode, 201, res.body);
  const row = await findTipByReference(t.store.db, referenceIn(res.body) ?? '');
  assert.ok(row);
  assert.equal(row.has_photo, true);
  assert.equal(row.lat, 34.01667);
  assert.equal(row.lon, -6.83333);
  // The contact is sealed: nothing of it in clear, and it opens with the case's key only.
  assert.ok(row.contact?.startsWith('f1.'));
  const stored = JSON.stringify(row);
  for (const secret of ['Amina', '0661234567', '661234567']) assert.ok(!stored.includes(secret), `"${secret}" is not in clear`);
  const key = await getDataKey(t.store.db, t, keyOwner('case', caseId));
  assert.deepEqual(tipContactFromJson(decryptField(key, tipContactField(row.id), row.contact ?? '')), { name: 'Amina B.', phone: '+212661234567', callbackConsent: true, whatsappSender: false });
  // The photo: sealed bytes, which open to a fresh JPEG without EXIF or GPS.
  const p = await findTipPhoto(t.store.db, row.id);
  assert.ok(p?.bytes && p.thumb);
  assert.ok(!p.bytes.includes('TIPSTER-GPS-SECRET') && p.bytes.subarray(0, 2).toString('latin1') === 'P1', 'stored sealed');
  const jpeg = photoCipher(key).open(p.bytes, row.id);
  const meta = await sharp(jpeg).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.equal(meta.exif, undefined);
  assert.equal(meta.width, 320);
  for (const s of ['TIPSTER-GPS-SECRET', 'SecretPhoneMaker', 'Exif']) assert.ok(!jpeg.includes(s), s);
});

test('a browser\'s refused form comes back with what was typed and why; a script gets problem+json', async () => {
  const res = await app.inject({
    method: 'POST',
    url: `/alerts/${publicId}/tips`,
    headers: FORM,
    remoteAddress: freshIp(),
    payload: form({ seen: 'Vu <b>ici</b>', seenAt: '2099-01-01T10:00', place: 'Derb "Sultan"', phone: '0612345678', lang: 'fr', version: '1' }),
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.headers['content-type'] ?? '', /^text\/html/);
  assert.ok(res.body.includes('Votre information n’a pas été envoyée'));
  assert.ok(res.body.includes('Cette heure est dans le futur.'));
  assert.ok(res.body.includes('Cochez la case pour accepter d’être rappelé'));
  assert.ok(res.body.includes('>Vu &lt;b&gt;ici&lt;/b&gt;</textarea>'), 'typed text kept, escaped');
  assert.ok(res.body.includes('value="Derb &quot;Sultan&quot;"'));
  assert.ok(res.body.includes('value="2099-01-01T10:00" aria-invalid="true"'));
  const json = await app.inject({ method: 'POST', url: `/alerts/${publicId}/tips`, headers: { 'content-type': 'application/json' }, remoteAddress: freshIp(), payload: { seen: '', lat: 95, lon: 0 } });
  assert.equal(json.statusCode, 400);
  assert.match(json.headers['content-type'] ?? '', /application\/problem\+json/);
  const body = json.json<{ code: string; errors: { field: string }[] }>();
  assert.equal(body.code, 'validation_failed');
  assert.deepEqual(body.errors.map((e) => e.field), ['seen', 'lat']);
});

test('a filled honeypot is refused with a clear message and nothing is stored (no fake receipt)', async () => {
  const before = await t.store.db.selectFrom('tips').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const res = await app.inject({ method: 'POST', url: `/alerts/${publicId}/tips`, headers: FORM, remoteAddress: freshIp(), payload: form({ seen: 'Buy cheap watches', website: 'http://spam.example', lang: 'fr' }) });
  assert.equal(res.statusCode, 400);
  assert.ok(res.body.includes('Laissez le dernier champ vide.'));
  assert.equal(referenceIn(res.body), undefined);
  const json = await app.inject({ method: 'POST', url: `/alerts/${publicId}/tips`, headers: { 'content-type': 'application/json' }, remoteAddress: freshIp(), payload: { seen: 'x', website: 'y' } });
  assert.equal(json.statusCode, 400);
  assert.equal(json.json<{ errors: { field: string }[] }>().errors[0]?.field, 'website');
  const afterCount = await t.store.db.selectFrom('tips').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  assert.equal(afterCount.n, before.n);
});

test('unknown, unpublished and ended alerts: 404 and 410, as pages and as problems', async () => {
  const unknown = await app.inject({ method: 'POST', url: '/alerts/NOSUCHALERT/tips', headers: FORM, remoteAddress: freshIp(), payload: form({ seen: 'x', lang: 'fr' }) });
  assert.equal(unknown.statusCode, 404);
  assert.match(unknown.headers['content-type'] ?? '', /^text\/html/);
  const ended = await app.inject({ method: 'POST', url: `/alerts/${endedPublicId}/tips`, headers: FORM, remoteAddress: freshIp(), payload: form({ seen: 'x', lang: 'fr' }) });
  assert.equal(ended.statusCode, 410);
  assert.ok(ended.body.includes('Cette alerte est terminée'));
  const endedJson = await app.inject({ method: 'POST', url: `/alerts/${endedPublicId}/tips`, headers: { 'content-type': 'application/json' }, remoteAddress: freshIp(), payload: { seen: 'x' } });
  assert.equal(endedJson.statusCode, 410);
  assert.equal(endedJson.json<{ code: string }>().code, 'alert_ended');
  // A draft looks exactly like an alert that does not exist.
  const openCase = await t.store.db.selectFrom('cases').select('id').where('status', '=', 'open').executeTakeFirstOrThrow();
  const draftId = randomUUID();
  await t.store.db.insertInto('alerts').values({ id: draftId, public_id: 'DRAFTTIP01', case_id: openCase.id, state: 'draft', is_exercise: true, created_by: null, created_at: t.clock.now(), updated_at: t.clock.now(), draft: '{}', chain: '{}', expires_at: null, published_at: null, ended_at: null, end_outcome: null, prosecutor_due_at: null }).execute();
  const draft = await app.inject({ method: 'POST', url: '/alerts/DRAFTTIP01/tips', headers: { 'content-type': 'application/json' }, remoteAddress: freshIp(), payload: { seen: 'x' } });
  assert.equal(draft.statusCode, 404);
  assert.equal(draft.json<{ code: string }>().code, 'not_found');
  await t.store.db.deleteFrom('alerts').where('id', '=', draftId).execute();
});

test('over its free quota, a source needs a proof of work: the form comes back with a challenge; a solved one passes once', async () => {
  const ip = freshIp();
  const send = (query = '', headers: Record<string, string> = FORM) =>
    app.inject({ method: 'POST', url: `/alerts/${publicId}/tips${query}`, headers, remoteAddress: ip, payload: headers === FORM ? form({ seen: 'Encore une information', lang: 'fr', version: '1' }) : JSON.stringify({ seen: 'Encore' }) });
  assert.deepEqual((await app.inject({ method: 'GET', url: `/alerts/${publicId}/tips/challenge`, remoteAddress: ip })).json(), { required: false });
  for (let i = 0; i < 3; i++) assert.equal((await send()).statusCode, 201);
  const refused = await send();
  assert.equal(refused.statusCode, 429);
  assert.ok(Number(refused.headers['retry-after']) > 0);
  assert.ok(refused.body.includes('Trop d’envois depuis votre réseau'));
  assert.ok(refused.body.includes('>Encore une information</textarea>'), 'what was typed comes back');
  const challenge = /data-proof-challenge="([^"]+)"/.exec(refused.body)?.[1];
  assert.ok(challenge && challenge === refused.headers['x-tip-challenge']);
  const proof = `${challenge}~${solveChallenge(challenge)}`;
  const passed = await send(`?proof=${encodeURIComponent(proof)}`);
  assert.equal(passed.statusCode, 201, passed.body);
  assert.equal((await send(`?proof=${encodeURIComponent(proof)}`)).statusCode, 429, 'a solution buys one tip');
  // A script over the quota is refused before its body is read, with the challenge in a header.
  const script = await send('', { 'content-type': 'application/json', accept: 'application/json' });
  assert.equal(script.statusCode, 429);
  assert.equal(script.json<{ code: string }>().code, 'rate_limited');
  const offer = (await app.inject({ method: 'GET', url: `/alerts/${publicId}/tips/challenge`, remoteAddress: ip })).json<{ required: boolean; challenge: string; bits: number }>();
  assert.equal(offer.required, true);
  assert.ok(offer.bits >= 16);
  const viaHeader = await app.inject({ method: 'POST', url: `/alerts/${publicId}/tips`, headers: { 'content-type': 'application/json', 'x-tip-proof': `${offer.challenge}~${solveChallenge(offer.challenge)}` }, remoteAddress: ip, payload: { seen: 'avec preuve' } });
  assert.equal(viaHeader.statusCode, 201, viaHeader.body);
});

test('partners and police units submit through the API with a tips:write token; a retried key is one tip', async () => {
  const partner = await createApiToken(t, { scopes: ['tips:write'], jurisdiction: 'MA' });
  const unit = await createApiToken(t, { scopes: ['tips:write'], jurisdiction: 'MA-RAB-U01' });
  const reader = await createApiToken(t, { scopes: ['cases:read'] });
  const body = { seen: 'Signalement reçu au standard de la radio', seenAt: '2026-11-22T09:30:00Z', place: 'Salé', lat: 34.05, lon: -6.8, lang: 'fr' as const };
  const post = (headers: Record<string, string>, payload: unknown = body, id = publicId) => app.inject({ method: 'POST', url: `/api/alerts/${id}/tips`, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) });

  const first = await post({ ...partner, 'idempotency-key': 'radio-2026-11-22-001' });
  assert.equal(first.statusCode, 201, first.body);
  const receipt = first.json<{ id: string; reference: string; replayed: boolean }>();
  assert.equal(receipt.replayed, false);
  const again = await post({ ...partner, 'idempotency-key': 'radio-2026-11-22-001' });
  assert.equal(again.statusCode, 200);
  assert.deepEqual(again.json(), { ...receipt, replayed: true });
  const changed = await post({ ...partner, 'idempotency-key': 'radio-2026-11-22-001' }, { ...body, seen: 'autre chose' });
  assert.equal(changed.statusCode, 409);
  const rows = await t.store.db.selectFrom('tips').selectAll().where('idempotency_key', '=', 'radio-2026-11-22-001').execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.source, 'partner');
  assert.equal(rows[0]?.seen_at?.toISOString(), '2026-11-22T09:30:00.000Z');

  const byUnit = await post({ ...unit }, body, alertId);
  assert.equal(byUnit.statusCode, 201, byUnit.body);
  const unitRow = await findTipByReference(t.store.db, byUnit.json<{ reference: string }>().reference);
  assert.equal(unitRow?.source, 'police');
  // API submissions are audited, by ids only.
  const audited = await t.store.db.selectFrom('audit_log').select(['action', 'details']).where('object_id', '=', unitRow?.id ?? '').executeTakeFirstOrThrow();
  assert.equal(audited.action, 'tip.submit');
  assert.ok(!JSON.stringify(audited.details).includes('Salé'));

  assert.equal((await post({ ...reader })).statusCode, 403);
  assert.equal((await post({})).statusCode, 401);
  assert.equal((await post({ ...partner }, { ...body, extra: 1 })).statusCode, 400);
  assert.equal((await post({ ...partner }, body, endedPublicId)).statusCode, 410);
  assert.equal((await post({ ...partner, 'idempotency-key': 'bad key with spaces' })).statusCode, 400);
  const text = await app.inject({ method: 'POST', url: `/api/alerts/${publicId}/tips`, headers: { ...partner, 'content-type': 'text/plain' }, payload: 'seen=x' });
  assert.equal(text.statusCode, 415);

  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#224488' } }).png().toBuffer();
  const withPhoto = await post({ ...partner }, { seen: 'Photo transmise par un auditeur', photo: { contentType: 'image/png', base64: photo.toString('base64') } });
  assert.equal(withPhoto.statusCode, 201, withPhoto.body);
  const photoRow = await findTipByReference(t.store.db, withPhoto.json<{ reference: string }>().reference);
  assert.equal(photoRow?.has_photo, true);
  const notPhoto = await post({ ...partner }, { seen: 'x', photo: { base64: Buffer.from('<html><script>alert(1)</script></html>').toString('base64') } });
  assert.equal(notPhoto.statusCode, 415);
});

test('a tip whose transaction fails gets no receipt (500) and leaves nothing behind', async () => {
  const failing: AppContext = { ...t, jobs: { send: () => Promise.reject(new Error('queue down')), sendMany: () => Promise.reject(new Error('queue down')) } };
  const broken = await buildHttpApp(failing);
  try {
    const seen = `Ne doit pas être stocké ${randomUUID()}`;
    const res = await broken.inject({ method: 'POST', url: `/alerts/${publicId}/tips`, headers: FORM, remoteAddress: freshIp(), payload: form({ seen, lang: 'fr' }) });
    assert.equal(res.statusCode, 500);
    assert.equal(referenceIn(res.body), undefined);
    const rows = await t.store.db.selectFrom('tips').select('id').where('seen', '=', seen).execute();
    assert.equal(rows.length, 0);
  } finally {
    await broken.close();
  }
});

test('a full process sheds new tips with 503 and Retry-After before reading them, and recovers', async () => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  // Four submissions whose bodies never finish hold the four slots (TIP_MAX_IN_FLIGHT=4).
  const stalled = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const socket = net.connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(`POST /alerts/${publicId}/tips HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nseen=`);
      return socket;
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  const asked = performance.now();
  const busy = await fetch(`http://127.0.0.1:${port}/alerts/${publicId}/tips`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seen: 'x' }) });
  assert.equal(busy.status, 503);
  // Held (TIP_SHED_HOLD_MS=300) so a script re-sending at once cannot keep the process busy refusing it.
  assert.ok(performance.now() - asked >= 290, `the refusal was held (${(performance.now() - asked).toFixed(0)} ms)`);
  assert.equal(busy.headers.get('retry-after'), '2');
  assert.equal(((await busy.json()) as { code: string }).code, 'service_unavailable');
  const page = await fetch(`http://127.0.0.1:${port}/alerts/${publicId}/tips`, { method: 'POST', headers: { ...FORM, 'accept-language': 'fr' }, body: form({ seen: 'x', lang: 'fr' }) });
  assert.equal(page.status, 503);
  assert.ok((await page.text()).includes('Le service est très sollicité'));
  for (const s of stalled) s.destroy();
  await new Promise((resolve) => setTimeout(resolve, 200));
  // This loopback address is over its quota by now (every attempt counts): it pays with a proof.
  const offer = (await (await fetch(`http://127.0.0.1:${port}/alerts/${publicId}/tips/challenge`)).json()) as { required: boolean; challenge: string };
  assert.equal(offer.required, true);
  const ok = await fetch(`http://127.0.0.1:${port}/alerts/${publicId}/tips`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tip-proof': `${offer.challenge}~${solveChallenge(offer.challenge)}` }, body: JSON.stringify({ seen: 'après la vague' }) });
  const text = await ok.text();
  assert.equal(ok.status, 201, text);
  const ref = (JSON.parse(text) as { reference: string }).reference;
  assert.ok(formatTipReference(ref).length === 9);
});

test('crypto-shredding the case erases its tipsters\' contacts and photos (last: it destroys the key)', async () => {
  const res = await app.inject({ method: 'POST', url: `/alerts/${publicId}/tips`, headers: { 'content-type': 'application/json' }, remoteAddress: freshIp(), payload: { seen: 'Je peux être rappelé', phone: '0612345678', contactConsent: true } });
  assert.equal(res.statusCode, 201);
  const row = await findTipByReference(t.store.db, res.json<{ reference: string }>().reference);
  assert.ok(row?.contact);
  const photoRow = await t.store.db.selectFrom('tip_photos').select('tip_id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
  const key = await getDataKey(t.store.db, t, keyOwner('case', caseId));
  assert.ok(decryptField(key, tipContactField(row.id), row.contact));
  await t.store.db.transaction().execute((trx) => destroyDataKey(trx, t, keyOwner('case', caseId), 'test.erasure', systemActor('test')));
  await assert.rejects(getDataKey(t.store.db, t, keyOwner('case', caseId)), (err: unknown) => (err as { code?: string }).code === 'data_erased');
  // What is stored stays sealed and nothing in the database opens it any more.
  const after = await findTipByReference(t.store.db, row.reference);
  assert.ok(after?.contact?.startsWith('f1.') && !after.contact.includes('612345678'));
  const photo = await findTipPhoto(t.store.db, photoRow.tip_id);
  assert.ok(photo?.bytes?.subarray(0, 2).toString('latin1') === 'P1');
});
