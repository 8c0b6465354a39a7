/**
 * The subscription pages over HTTP, through the whole application (buildHttpApp) on a test database
 * with the four subscription channels configured: the form in each language, a form post in each
 * channel, refused input answered with the form again in the visitor's language (400, never a 500),
 * the code and link confirmations, the RFC 8058 one-click unsubscribe (no cookie, 200), forged tokens,
 * the browser scripts, and the rate limit. The confirmation job's worker is not running: the tests
 * call issueConfirmation as the worker would, to read the code or link a person would receive.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';
import { issueConfirmation } from '../../../app/subscriptions/issue-confirmation.ts';
import { unsubscribeUrl } from '../../../app/subscriptions/unsubscribe.ts';
import { CHANNELS_ENV, pushSubscription } from '../../../app/subscriptions/subscription-fixtures.test-support.ts';
import { CONSENT_WORDINGS } from '../../../domain/subscription/consent-wording.ts';
import { findSubscriptionById, subscriptionCells } from '../../../store/repositories/subscriptions.repository.ts';

let t: TestContext;
let app: HttpApp;

before(async () => {
  t = await createTestContext({ env: { ...CHANNELS_ENV } });
  app = await buildHttpApp(t);
});
after(async () => {
  await app.close();
  await t.close();
});

const FORM = 'application/x-www-form-urlencoded';
let nextIp = 1;
/** Each test its own client address, so the per-address rate limits of one test do not reach another. */
const ip = () => `198.51.100.${nextIp++}`;

function formBody(fields: Record<string, string | readonly string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of typeof v === 'string' ? [v] : v) p.append(k, one);
  return p.toString();
}

const ALL_VERSIONS = Object.values(CONSENT_WORDINGS).map((w) => w.version);
const base = (lang: string, extra: Record<string, string | readonly string[]> = {}) => ({
  lang,
  areaKind: 'circle',
  lat: '33.5731',
  lon: '-7.5898',
  radiusKm: '10',
  languages: ['ar-MA', 'fr-MA'],
  consent: 'yes',
  consentVersion: ALL_VERSIONS,
  website: '',
  ...extra,
});

const post = (url: string, fields: Record<string, string | readonly string[]>, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url, headers: { 'content-type': FORM }, payload: formBody(fields), remoteAddress });
const get = (url: string, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') => app.inject({ method: 'GET', url, headers, remoteAddress });

const htmlOk = (res: { headers: Record<string, unknown>; body: string }, lang: 'ar-MA' | 'fr-MA' | 'zgh-Tfng') => {
  assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
  assert.ok(res.body.includes(`<html lang="${lang}" dir="${lang === 'ar-MA' ? 'rtl' : 'ltr'}">`), `page in ${lang}`);
};

test('the form in Arabic (RTL), French and Tamazight: every offered channel, 75 provinces by region, consent wordings, no inline script', async () => {
  for (const [lang, tag, title] of [['ar', 'ar-MA', 'تلقي التنبيهات'], ['fr', 'fr-MA', 'Recevoir les alertes'], ['zgh', 'zgh-Tfng', 'ⴰⴷ ⵜⴰⵡⵉⴷ ⵉⵍⵖⵓⵜⵏ']] as const) {
    const res = await get(`/subscribe?lang=${lang}`);
    assert.equal(res.statusCode, 200);
    htmlOk(res, tag);
    assert.ok(res.body.includes(`<h1>${title}</h1>`));
    for (const channel of ['email', 'sms', 'whatsapp', 'webpush']) assert.ok(res.body.includes(`name="channel" value="${channel}"`), channel);
    assert.equal([...res.body.matchAll(/name="provinces" value="MA-[A-Z]{3}"/g)].length, 75);
    assert.equal([...res.body.matchAll(/<details>/g)].length, 12, 'one group per region');
    for (const w of Object.values(CONSENT_WORDINGS)) {
      assert.ok(res.body.includes(`value="${w.version}"`));
      assert.ok(res.body.includes(w.texts[lang].replace(/’/g, '’')), `${w.version} in ${lang}`);
    }
    assert.ok(res.body.includes(`data-push-key="${CHANNELS_ENV.VAPID_PUBLIC_KEY}"`));
    assert.deepEqual([...res.body.matchAll(/<script[^>]*>/g)].map((m) => m[0]), ['<script src="/assets/subscribe.js" defer>'], 'one external script');
    assert.ok(!/\son[a-z]+=/.test(res.body) && !res.body.includes(' style='), 'no inline handler or style');
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.ok(!csp.includes('unsafe-inline'));
  }
});

test('e-mail by form: "check your e-mail" (same page whatever the address), a pending subscription with a link to send', async () => {
  const res = await post('/subscribe', base('fr', { channel: 'email', email: 'Nadia@Example.ma', phone: '' }), ip());
  assert.equal(res.statusCode, 200);
  htmlOk(res, 'fr-MA');
  assert.ok(res.body.includes('<h1>Consultez vos e-mails</h1>'));
  assert.equal(res.headers['cache-control'], 'no-store');
  const row = await t.store.db.selectFrom('subscriptions').selectAll().where('address', '=', 'Nadia@example.ma').executeTakeFirstOrThrow();
  assert.equal(row.status, 'pending');

  const issued = await issueConfirmation(t, row.id);
  const link = new URL(issued?.link ?? assert.fail('link'));
  assert.equal(link.pathname, '/subscriptions/confirm');
  const landing = await get(`${link.pathname}${link.search}&lang=fr`);
  assert.equal(landing.statusCode, 200);
  assert.ok(landing.body.includes('<button type="submit">Confirmer mon abonnement</button>'), 'a GET only shows a button');
  assert.equal((await findSubscriptionById(t.store.db, row.id))?.status, 'pending', 'a mail scanner fetching the link confirms nothing');
  assert.ok(landing.body.includes(`href="/subscriptions/confirm?lang=ar&amp;t=${link.searchParams.get('t')}"`), 'the language switch keeps the token');

  const done = await post('/subscriptions/confirm?lang=fr', { lang: 'fr', t: link.searchParams.get('t') ?? '' });
  assert.equal(done.statusCode, 200);
  assert.ok(done.body.includes('<h1>Abonnement confirmé</h1>'));
  assert.equal((await findSubscriptionById(t.store.db, row.id))?.status, 'active');
  assert.ok((await subscriptionCells(t.store.db, row.id)).length > 0);

  const bad = await post('/subscriptions/confirm', { lang: 'fr', t: `${link.searchParams.get('t')?.slice(0, -1)}Z` });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.body.includes('<h1>Lien non valide</h1>'));
  assert.equal((await get('/subscriptions/confirm?t=garbage&lang=ar')).statusCode, 400);
});

test('SMS and WhatsApp by form: 303 to the code page; the right code confirms, a wrong one says so in the page language', async () => {
  for (const [channel, phone] of [['sms', '06 12 00 00 01'], ['whatsapp', '+212 7 12 00 00 02']] as const) {
    const res = await post('/subscribe?lang=ar', base('ar', { channel, phone, email: '' }), ip());
    assert.equal(res.statusCode, 303, channel);
    const location = new URL(String(res.headers.location), 'http://x');
    assert.equal(location.pathname, '/subscribe/confirm');
    assert.equal(location.searchParams.get('lang'), 'ar');
    const id = location.searchParams.get('s') ?? '';

    const page = await get(`${location.pathname}${location.search}`);
    assert.equal(page.statusCode, 200);
    htmlOk(page, 'ar-MA');
    assert.ok(page.body.includes('autocomplete="one-time-code"'));
    assert.ok(page.body.includes(`name="s" value="${id}"`));

    const code = (await issueConfirmation(t, id))?.code ?? assert.fail('code');
    const wrong = await post('/subscribe/confirm', { lang: 'ar', s: id, code: code === '123456' ? '654321' : '123456' });
    assert.equal(wrong.statusCode, 400);
    assert.ok(wrong.body.includes('هذا الرمز غير صحيح'));
    const ok = await post('/subscribe/confirm', { lang: 'ar', s: id, code: [...code].map((d) => String.fromCharCode(0x0660 + Number(d))).join('') });
    assert.equal(ok.statusCode, 200, 'Arabic-Indic digits are read');
    assert.ok(ok.body.includes('<h1>تم تأكيد الاشتراك</h1>'));
    assert.equal((await findSubscriptionById(t.store.db, id))?.status, 'active');
  }
});

test('Web Push: the page script’s JSON post is active at once; without the script the form explains why not', async () => {
  const res = await app.inject({
    method: 'POST',
    url: '/subscribe/push',
    headers: { 'content-type': 'application/json' },
    payload: { ...base('fr', { channel: 'webpush' }), subscription: pushSubscription(42) },
    remoteAddress: ip(),
  });
  assert.equal(res.statusCode, 201);
  const answer = res.json<{ status: string; message: string; unsubscribeUrl: string }>();
  assert.equal(answer.status, 'active');
  assert.equal(answer.message, 'Les notifications sont activées dans ce navigateur.');
  assert.match(answer.unsubscribeUrl, /^http:\/\/tifli\.test\/unsubscribe\?t=/);
  const row = await t.store.db.selectFrom('subscriptions').selectAll().where('address', '=', pushSubscription(42).endpoint).executeTakeFirstOrThrow();
  assert.equal(row.status, 'active');

  const refused = await app.inject({ method: 'POST', url: '/subscribe/push', headers: { 'content-type': 'application/json' }, payload: { ...base('ar'), subscription: { endpoint: 'http://evil.example/x', keys: {} } }, remoteAddress: ip() });
  assert.equal(refused.statusCode, 400);
  assert.deepEqual(refused.json<{ errors: { code: string }[] }>().errors.map((e) => e.code), ['push_invalid']);
  assert.equal((await app.inject({ method: 'POST', url: '/subscribe/push', headers: { 'content-type': 'text/plain' }, payload: 'x', remoteAddress: ip() })).statusCode, 415);
  const malformed = await app.inject({ method: 'POST', url: '/subscribe/push', headers: { 'content-type': 'application/json' }, payload: '{"lang":', remoteAddress: ip() });
  assert.equal(malformed.statusCode, 400);
  assert.match(String(malformed.headers['content-type']), /^application\/problem\+json/);

  const noScript = await post('/subscribe', base('fr', { channel: 'webpush' }), ip());
  assert.equal(noScript.statusCode, 400);
  assert.ok(noScript.body.includes('Les notifications du navigateur demandent JavaScript.'));
});

test('bad input: the form comes back (400) with the visitor’s input and localized messages, never a 500', async () => {
  const cases: readonly [string, Record<string, string | readonly string[]>, string][] = [
    ['fr', { channel: 'sms', phone: '0522123456' }, 'Indiquez un numéro de mobile\u00a0: un fixe ne reçoit ni SMS ni WhatsApp.'],
    ['fr', { channel: 'sms', phone: '+33612345678' }, 'Les SMS ne vont qu’aux mobiles marocains'],
    ['ar', { channel: 'whatsapp', phone: '12345' }, 'رقم الهاتف غير صالح.'],
    ['ar', { channel: 'email', email: 'amina@example' }, 'عنوان البريد الإلكتروني غير صالح.'],
    ['fr', { channel: 'email', email: 'a@b.ma', lat: '40.4168', lon: '-3.7038' }, 'Le point doit se trouver au Maroc.'],
    ['zgh', { channel: 'email', email: 'a@b.ma', lat: '40.4168', lon: '-3.7038' }, 'ⵜⴰⵏⵇⵇⵉⴹⵜ ⵉⵍⴰⵇ ⴰⴷ ⵜⵉⵍⵉ ⴳ ⵍⵎⵖⵔⵉⴱ.'],
    ['fr', { channel: 'email', email: 'a@b.ma', radiusKm: '80' }, 'Le rayon doit être compris entre 1 et 50 km.'],
    ['fr', { channel: 'email', email: 'a@b.ma', areaKind: 'provinces', provinces: ['MA-CAS', 'MA-ZZZ'] }, 'Une des provinces choisies est inconnue.'],
    ['fr', { channel: 'email', email: 'a@b.ma', consent: '' }, 'Cochez la case de consentement pour vous abonner.'],
    ['fr', { channel: 'email', email: 'a@b.ma', consentVersion: ['email-2020-01-v0'] }, 'Le texte de consentement a changé.'],
    ['fr', { channel: 'email', email: 'a@b.ma', languages: [] }, 'Choisissez au moins une langue.'],
    ['fr', { channel: 'email', email: 'a@b.ma', quietStart: '07:00', quietEnd: '22:00' }, 'Les heures calmes s’écrivent HH:MM'],
    ['fr', { channel: 'fax' }, 'Choisissez comment recevoir les alertes.'],
    ['fr', { channel: 'email', email: 'a@b.ma', surprise: 'field' }, 'Le formulaire n’a pas pu être lu.'],
    ['fr', { channel: ['email', 'sms'], email: 'a@b.ma' }, 'Le formulaire n’a pas pu être lu.'],
  ];
  for (const [lang, extra, message] of cases) {
    const res = await post('/subscribe', base(lang, extra), ip());
    assert.equal(res.statusCode, 400, JSON.stringify(extra));
    htmlOk(res, lang === 'ar' ? 'ar-MA' : lang === 'fr' ? 'fr-MA' : 'zgh-Tfng');
    assert.ok(res.body.includes(message.replace(/’/g, '’')), `${JSON.stringify(extra)} → ${message}`);
    assert.ok(res.body.includes('role="alert"'), 'an error summary');
    assert.ok(res.body.includes('aria-invalid="true"') || extra.surprise !== undefined || Array.isArray(extra.channel), `${JSON.stringify(extra)}: the field is marked`);
  }
  const kept = await post('/subscribe', base('fr', { channel: 'sms', phone: '0522123456', quietStart: '21:30', quietEnd: '06:30' }), ip());
  assert.ok(kept.body.includes('value="0522123456"'), 'what was typed is shown again');
  assert.ok(kept.body.includes('value="21:30"') && kept.body.includes('value="33.5731"'));
  const echo = await post('/subscribe', base('fr', { channel: 'sms', phone: '"><script>alert(1)</script>' }), ip());
  assert.equal(echo.statusCode, 400);
  assert.ok(!echo.body.includes('<script>alert(1)'), 'escaped');

  for (const [type, payload] of [['text/plain', 'channel=email'], ['application/json', '{"channel":"email"}'], ['multipart/form-data; boundary=x', '--x\r\n\r\n--x--']] as const) {
    const res = await app.inject({ method: 'POST', url: '/subscribe?lang=fr', headers: { 'content-type': type }, payload, remoteAddress: ip() });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${type}: ${res.statusCode}`);
    assert.match(String(res.headers['content-type']), /^text\/html/, type);
  }
  const huge = await app.inject({ method: 'POST', url: '/subscribe?lang=fr', headers: { 'content-type': FORM }, payload: `email=${'a'.repeat(70_000)}`, remoteAddress: ip() });
  assert.equal(huge.statusCode, 413);
  assert.match(String(huge.headers['content-type']), /^text\/html/);
});

test('RFC 8058 one-click: POST with List-Unsubscribe=One-Click and no cookie → 200 and unsubscribed, again 200', async () => {
  const res = await app.inject({ method: 'POST', url: '/subscribe/push', headers: { 'content-type': 'application/json' }, payload: { ...base('fr'), subscription: pushSubscription(43) }, remoteAddress: ip() });
  const { unsubscribeUrl: url } = res.json<{ unsubscribeUrl: string }>();
  const { pathname, search } = new URL(url);
  const id = (await t.store.db.selectFrom('subscriptions').select('id').where('address', '=', pushSubscription(43).endpoint).executeTakeFirstOrThrow()).id;
  assert.ok((await subscriptionCells(t.store.db, id)).length > 0);

  const oneClick = await app.inject({ method: 'POST', url: `${pathname}${search}`, headers: { 'content-type': FORM }, payload: 'List-Unsubscribe=One-Click' });
  assert.equal(oneClick.statusCode, 200);
  assert.equal(oneClick.headers['set-cookie'], undefined);
  const row = await findSubscriptionById(t.store.db, id);
  assert.equal(row?.status, 'unsubscribed');
  assert.equal((await subscriptionCells(t.store.db, id)).length, 0);
  const again = await app.inject({ method: 'POST', url: `${pathname}${search}`, headers: { 'content-type': FORM }, payload: 'List-Unsubscribe=One-Click' });
  assert.equal(again.statusCode, 200);

  // The multipart form of the same body (RFC 8058 allows it), for another subscriber.
  const other = await app.inject({ method: 'POST', url: '/subscribe/push', headers: { 'content-type': 'application/json' }, payload: { ...base('fr'), subscription: pushSubscription(44) }, remoteAddress: ip() });
  const otherUrl = new URL(other.json<{ unsubscribeUrl: string }>().unsubscribeUrl);
  const multipart = await app.inject({
    method: 'POST',
    url: `${otherUrl.pathname}${otherUrl.search}`,
    headers: { 'content-type': 'multipart/form-data; boundary=b1' },
    payload: '--b1\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b1--\r\n',
  });
  assert.equal(multipart.statusCode, 200);
});

test('the unsubscribe link: GET shows one button (keeping the token across languages); the button unsubscribes', async () => {
  const res = await post('/subscribe', base('fr', { channel: 'email', email: 'button@example.ma' }), ip());
  assert.equal(res.statusCode, 200);
  const row = await t.store.db.selectFrom('subscriptions').select('id').where('address', '=', 'button@example.ma').executeTakeFirstOrThrow();
  const url = new URL(unsubscribeUrl(t, row.id));
  const token = url.searchParams.get('t') ?? '';
  const page = await get(`/unsubscribe?t=${token}&lang=zgh`);
  assert.equal(page.statusCode, 200);
  htmlOk(page, 'zgh-Tfng');
  assert.equal(page.headers['cache-control'], 'no-store');
  assert.ok(page.body.includes(`action="/unsubscribe?t=${token}&amp;lang=zgh"`));
  assert.ok(page.body.includes(`href="/unsubscribe?lang=fr&amp;t=${token}"`));
  assert.ok(page.body.includes('<meta name="robots" content="noindex">'));
  assert.ok(!page.body.includes(`canonical" href="http://tifli.test/unsubscribe?lang=zgh&amp;t=`), 'the token is not in the canonical URL');
  assert.equal((await findSubscriptionById(t.store.db, row.id))?.status, 'pending', 'the GET changes nothing');

  const done = await app.inject({ method: 'POST', url: `/unsubscribe?t=${token}&lang=zgh`, headers: { 'content-type': FORM }, payload: '' });
  assert.equal(done.statusCode, 200);
  assert.ok(done.body.includes('<h1>ⵜⵙⴱⴷⴷⴷ</h1>'));
  assert.equal((await findSubscriptionById(t.store.db, row.id))?.status, 'unsubscribed');
});

test('a forged or damaged unsubscribe token: a clear error page (400), nothing changes', async () => {
  const res = await app.inject({ method: 'POST', url: '/subscribe/push', headers: { 'content-type': 'application/json' }, payload: { ...base('fr'), subscription: pushSubscription(45) }, remoteAddress: ip() });
  const token = new URL(res.json<{ unsubscribeUrl: string }>().unsubscribeUrl).searchParams.get('t') ?? '';
  const forged = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
  for (const bad of [forged, token.slice(0, 30), '', '%00', 'a'.repeat(300)]) {
    const page = await get(`/unsubscribe?t=${encodeURIComponent(bad)}&lang=fr`);
    assert.equal(page.statusCode, 400, bad);
    assert.ok(page.body.includes('<h1>Lien non valide</h1>'));
    const oneClick = await app.inject({ method: 'POST', url: `/unsubscribe?t=${encodeURIComponent(bad)}`, headers: { 'content-type': FORM, 'accept-language': 'ar' }, payload: 'List-Unsubscribe=One-Click' });
    assert.equal(oneClick.statusCode, 400);
    assert.ok(oneClick.body.includes('<h1>الرابط غير صالح</h1>'));
  }
  assert.equal((await get('/unsubscribe?lang=fr')).statusCode, 400);
  const row = await t.store.db.selectFrom('subscriptions').select('status').where('address', '=', pushSubscription(45).endpoint).executeTakeFirstOrThrow();
  assert.equal(row.status, 'active');
});

test('the browser scripts: JavaScript content type, the service worker at the root, both compile; the worker shows and opens alerts', async () => {
  const sw = await get('/sw.js');
  assert.equal(sw.statusCode, 200);
  assert.equal(sw.headers['content-type'], 'application/javascript; charset=utf-8');
  assert.equal(sw.headers['cache-control'], 'no-cache');
  const script = await get('/assets/subscribe.js');
  assert.equal(script.statusCode, 200);
  assert.equal(script.headers['content-type'], 'application/javascript; charset=utf-8');
  assert.doesNotThrow(() => new vm.Script(script.body));

  // The service worker's own handlers, run against the ServiceWorkerGlobalScope calls they make.
  const handlers = new Map<string, (event: unknown) => void>();
  const shown: { title: string; options: Record<string, unknown> }[] = [];
  const opened: string[] = [];
  const waits: Promise<unknown>[] = [];
  const self = {
    location: { origin: 'http://tifli.test' },
    addEventListener: (type: string, fn: (event: unknown) => void) => handlers.set(type, fn),
    skipWaiting: () => undefined,
    registration: { showNotification: async (title: string, options: Record<string, unknown>) => void shown.push({ title, options }) },
    clients: { claim: async () => undefined, matchAll: async () => [], openWindow: async (url: string) => void opened.push(url) },
  };
  vm.runInNewContext(sw.body, { self, URL });
  const push = (payload: unknown) => handlers.get('push')?.({ data: { json: () => payload }, waitUntil: (p: Promise<unknown>) => waits.push(p) });
  push({ title: 'Alerte enlèvement', body: 'Yasmine, 8 ans', url: 'http://tifli.test/alerts/K7QX2M?lang=fr', lang: 'fr-MA', dir: 'ltr', tag: 'K7QX2M', kind: 'alert' });
  push({ title: 'x', url: 'https://evil.example/phish', dir: 'sideways' });
  await Promise.all(waits);
  assert.deepEqual(JSON.parse(JSON.stringify(shown[0])), { title: 'Alerte enlèvement', options: { body: 'Yasmine, 8 ans', lang: 'fr-MA', dir: 'ltr', data: { url: 'http://tifli.test/alerts/K7QX2M?lang=fr' }, requireInteraction: true, tag: 'K7QX2M', renotify: true } });
  assert.deepEqual(JSON.parse(JSON.stringify(shown[1]?.options.data)), { url: 'http://tifli.test/' }, 'another origin opens the home page');
  assert.equal(shown[1]?.options.dir, 'auto');
  let closed = false;
  handlers.get('notificationclick')?.({ notification: { close: () => (closed = true), data: shown[0]?.options.data }, waitUntil: (p: Promise<unknown>) => waits.push(p) });
  await Promise.all(waits);
  assert.ok(closed);
  assert.deepEqual(opened, ['http://tifli.test/alerts/K7QX2M?lang=fr']);
});

test('these pages are not in the OpenAPI document', async () => {
  const doc = (await get('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
  for (const path of ['/subscribe', '/subscribe/push', '/subscribe/confirm', '/subscriptions/confirm', '/unsubscribe', '/sw.js']) assert.equal(doc.paths[path], undefined, path);
});

test('rate limit: past 20 sign-ups a minute from one address, a localized 429 page with Retry-After', async () => {
  const from = '203.0.113.77';
  let last = await post('/subscribe?lang=fr', base('fr', { channel: 'fax' }), from);
  for (let i = 1; i < 21; i++) last = await post('/subscribe?lang=fr', base('fr', { channel: 'fax' }), from);
  assert.equal(last.statusCode, 429);
  htmlOk(last, 'fr-MA');
  assert.ok(last.body.includes('<h1>Trop de demandes</h1>'));
  assert.match(String(last.headers['retry-after']), /^[0-9]+$/);
  assert.equal((await post('/subscribe', base('fr', { channel: 'fax' }), '203.0.113.78')).statusCode, 400, 'another address is not limited');
});

test('no address, number or token reached the log', () => {
  const log = t.logLines.join('\n');
  for (const secret of ['Nadia', 'example.ma', '612000001', '712000002', 'push.example.test', 'unsubscribe?t=', 'confirm?t=']) assert.ok(!log.includes(secret), secret);
});
