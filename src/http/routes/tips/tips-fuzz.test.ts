/**
 * Bad input on the tip routes (issue #6, "Bad input"): malformed, huge, binary, script-laden and
 * mis-encoded tips, wrong content types, multipart bombs, decompression-bomb photos, and a few hundred
 * generated requests from a seeded PRNG, on the public form route (as a script and as a browser) and
 * on the partners' API. Every refusal is a 4xx: problem+json with a catalogued code for scripts, the
 * form's page for browsers; never a 5xx. The server stays healthy, nothing typed reaches the log, and
 * every tip that got a receipt is found afterwards by its reference, with exactly what was sent.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { createApiToken } from '../../../../test/support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';
import { seedDemo } from '../../../app/demo/seed-demo.ts';
import { ERROR_CATALOGUE } from '../../../domain/errors.ts';
import { findTipByReference } from '../../../store/repositories/tips.repository.ts';

let t: TestContext;
let app: HttpApp;
let publicId: string;
let token: { authorization: string };
let seq = 0;
/** Receipts given, with the text that was sent: each must be found afterwards. */
const receipts: { reference: string; seen: string }[] = [];
const MARK = 'FUZZ-MARKER-7f3a';

const ip = () => `10.${(++seq >> 8) & 255}.${seq & 255}.9`;

interface Sent {
  readonly status: number;
  readonly body: string;
  readonly type: string;
}

async function send(opts: { url?: string; headers?: Record<string, string>; payload?: string | Buffer; method?: 'POST' | 'GET' }): Promise<Sent> {
  const res = await app.inject({ method: opts.method ?? 'POST', url: opts.url ?? `/alerts/${publicId}/tips`, headers: opts.headers ?? {}, remoteAddress: ip(), ...(opts.payload === undefined ? {} : { payload: opts.payload }) });
  return { status: res.statusCode, body: res.body, type: String(res.headers['content-type'] ?? '') };
}

/** A refusal a script can act on: 4xx problem+json with a catalogued code, no stack trace. */
function assertProblem(res: Sent, what: string, codes?: readonly string[]): void {
  assert.ok(res.status >= 400 && res.status < 500, `${what}: got ${res.status} ${res.body.slice(0, 300)}`);
  assert.match(res.type, /^application\/problem\+json/, `${what}: ${res.status} ${res.body.slice(0, 200)}`);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  assert.ok(typeof body.code === 'string' && Object.hasOwn(ERROR_CATALOGUE, body.code), `${what}: code ${String(body.code)}`);
  assert.equal(body.status, res.status, what);
  assert.doesNotMatch(res.body, /\bat [\w.<>]+ \(|node_modules|\.ts:\d+/, `${what}: no stack trace`);
  if (codes) assert.ok(codes.includes(body.code), `${what}: ${body.code} not in ${codes.join(',')}`);
}

/** A refusal a person can read: the page with a 4xx status, and nothing sent back as markup. */
function assertPage(res: Sent, what: string): void {
  assert.ok(res.status >= 400 && res.status < 500, `${what}: got ${res.status} ${res.body.slice(0, 300)}`);
  assert.match(res.type, /^text\/html/, what);
  assert.ok(!/<script(?! src="\/assets\/tip\.js" defer><\/script>)/i.test(res.body), `${what}: a script came back`);
}

/** Any answer: a receipt (remembered) or a refusal in the right form, never a 5xx. */
function assertAnswered(res: Sent, seen: string | undefined, html: boolean, what: string): void {
  if (res.status === 201) {
    const reference = html ? /<strong class="reference" dir="ltr">([0-9A-Z]{4})-([0-9A-Z]{4})<\/strong>/.exec(res.body)?.slice(1, 3).join('') : (JSON.parse(res.body) as { reference?: string }).reference;
    assert.ok(reference, `${what}: a receipt without a reference`);
    assert.ok(seen !== undefined, `${what}: a receipt for a tip without text`);
    receipts.push({ reference, seen });
    return;
  }
  if (html && !res.type.startsWith('application/problem+json')) assertPage(res, what);
  else assertProblem(res, what);
}

/** A PRNG with a seed, so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

before(async () => {
  t = await createTestContext({ env: { TIP_FREE_PER_ADDRESS: '100000', TIP_FREE_PER_NETWORK: '100000', TIP_PHOTO_MAX_BYTES: String(256 * 1024), RATE_LIMIT_PUBLIC_PER_MINUTE: '100000' } });
  await seedDemo(t);
  publicId = (await t.store.db.selectFrom('alerts').select('public_id').where('state', '=', 'active').executeTakeFirstOrThrow()).public_id;
  app = await buildHttpApp(t);
  token = await createApiToken(t, { scopes: ['tips:write'] });
});
after(async () => {
  await app?.close();
  await t?.close();
});

const JSON_H = { 'content-type': 'application/json' };
const FORM_H = { 'content-type': 'application/x-www-form-urlencoded' };
const HTML = { accept: 'text/html' };

test('malformed JSON, on the form route and the API', async () => {
  const bodies = ['{', '{"seen":', '{"seen":"x"}}', 'nul', "{'seen':'x'}", '{"seen":"x",}', '\u0000', '"text"', '123', 'null', '[]', '[{"seen":"x"}]', '{"__proto__":{"seen":"x"}}', '{"constructor":{"prototype":{"x":1}}}', '{"seen":{"$gt":""}}', '{"seen":["a","b"]}', '{"seen":"x","lat":"NaN","lon":1e400}'];
  for (const payload of bodies) {
    assertProblem(await send({ headers: JSON_H, payload }), `form ${payload}`);
    assertProblem(await send({ url: `/api/alerts/${publicId}/tips`, headers: { ...JSON_H, ...token }, payload }), `api ${payload}`);
  }
});

test('huge bodies and fields are refused by size, before or while reading, never stored', async () => {
  assertProblem(await send({ headers: JSON_H, payload: JSON.stringify({ seen: 'x'.repeat(70 * 1024) }) }), 'json > 64 KiB', ['payload_too_large']);
  assertProblem(await send({ headers: FORM_H, payload: `seen=${'x'.repeat(70 * 1024)}` }), 'form > 64 KiB', ['payload_too_large']);
  assertPage(await send({ headers: { ...FORM_H, ...HTML }, payload: `seen=${'x'.repeat(70 * 1024)}` }), 'browser form > 64 KiB');
  assertProblem(await send({ headers: JSON_H, payload: JSON.stringify({ seen: 'x'.repeat(2001) }) }), 'seen > 2000', ['validation_failed']);
  assertProblem(await send({ headers: JSON_H, payload: JSON.stringify({ seen: 'x', place: 'p'.repeat(201) }) }), 'place > 200', ['validation_failed']);
  assertProblem(await send({ headers: JSON_H, payload: JSON.stringify({ seen: 'x', phone: '6'.repeat(21), contactConsent: true }) }), 'phone > 20', ['validation_failed']);
  const boundary = 'xXx';
  const bigPhoto = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="seen"\r\n\r\nx\r\n--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), Buffer.alloc(400 * 1024, 0xff), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  assertProblem(await send({ headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: bigPhoto }), 'photo over the cap', ['payload_too_large']);
  assertPage(await send({ headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...HTML }, payload: bigPhoto }), 'browser photo over the cap');
  const api = await send({ url: `/api/alerts/${publicId}/tips`, headers: { ...JSON_H, ...token }, payload: JSON.stringify({ seen: 'x', photo: { base64: Buffer.alloc(300 * 1024, 1).toString('base64') } }) });
  assertProblem(api, 'api photo over the cap', ['payload_too_large']);
});

test('binary bodies and wrong content types', async () => {
  const random = prng(7);
  const garbage = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256)));
  for (const type of ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz', 'text/plain', 'application/xml', 'image/jpeg', 'application/octet-stream', 'text/html', 'application/json; charset=utf-16', 'multipart/form-data', 'multipart/mixed; boundary=zz', 'application/merge-patch+json']) {
    assertProblem(await send({ headers: { 'content-type': type }, payload: garbage }), `garbage as ${type}`);
    assertProblem(await send({ url: `/api/alerts/${publicId}/tips`, headers: { 'content-type': type, ...token }, payload: garbage }), `api garbage as ${type}`);
    if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www')) assertPage(await send({ headers: { 'content-type': type, ...HTML }, payload: garbage }), `browser garbage as ${type}`);
  }
  assertProblem(await send({ payload: 'seen=x' }), 'no content type');
  assertProblem(await send({ headers: JSON_H }), 'empty JSON body');
  assertProblem(await send({ headers: FORM_H, payload: '' }), 'empty form body', ['validation_failed']);
  assertProblem(await send({ headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: deflateSync('{"seen":"x"}') }), 'compressed body');
});

test('mis-encoded text: invalid, overlong and truncated UTF-8, encoded surrogates, lone surrogates in JSON, control characters', async () => {
  for (const bytes of ['%FF', '%C0%AF', '%E0%80%AF', '%E2%82', '%ED%A0%80', '%F4%90%80%80', '%F8%88%80%80%80', 'a%00b', 'a%1Bb', '%C2%85']) {
    assertProblem(await send({ headers: FORM_H, payload: `seen=${bytes}` }), `form ${bytes}`);
    assertPage(await send({ headers: { ...FORM_H, ...HTML }, payload: `seen=${bytes}&lang=fr` }), `browser form ${bytes}`);
  }
  for (const raw of [Buffer.from([0x7b, 0x22, 0x73, 0x65, 0x65, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), Buffer.from('{"seen":"\\ud800"}'), Buffer.from('{"seen":"a\\u0000b"}'), Buffer.from('\xef\xbb\xbf{"seen":"bom"}', 'latin1')]) {
    const res = await send({ headers: JSON_H, payload: raw });
    assertProblem(res, `json ${raw.toString('latin1')}`);
  }
  const boundary = 'b';
  const mp = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="seen"\r\n\r\n`), Buffer.from([0xe2, 0x28, 0xa1]), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  assertProblem(await send({ headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: mp }), 'multipart invalid UTF-8', ['malformed_body']);
});

test('multipart bombs: thousands of parts, giant headers, nesting, no closing boundary, decompression-bomb photos', async () => {
  const b = 'BoMb';
  const ct = { 'content-type': `multipart/form-data; boundary=${b}` };
  const manyParts = Array.from({ length: 5000 }, (_, i) => `--${b}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`).join('') + `--${b}--\r\n`;
  assertProblem(await send({ headers: ct, payload: manyParts }), 'many parts');
  assertProblem(await send({ headers: ct, payload: `--${b}\r\nContent-Disposition: form-data; name="seen"; ${'x'.repeat(50_000)}\r\n\r\nx\r\n--${b}--\r\n` }), 'giant header');
  assertProblem(await send({ headers: ct, payload: `--${b}\r\nContent-Disposition: form-data; name="seen"\r\nContent-Type: multipart/mixed; boundary=in\r\n\r\n--in\r\n\r\nx\r\n--in--\r\n--${b}--\r\n` }), 'nested');
  assertProblem(await send({ headers: ct, payload: `--${b}\r\nContent-Disposition: form-data; name="seen"\r\n\r\n${'x'.repeat(30_000)}` }), 'no closing boundary');
  assertProblem(await send({ headers: ct, payload: `${'preamble '.repeat(3000)}` }), 'only a preamble');
  assertProblem(await send({ headers: ct, payload: `--${b}\r\nContent-Disposition: form-data; name="photo"; filename="a"\r\n\r\nA\r\n--${b}\r\nContent-Disposition: form-data; name="photo"; filename="b"\r\n\r\nB\r\n--${b}--\r\n` }), 'two photos');
  // A PNG that declares 50,000 × 50,000 pixels in a few bytes: refused from its header, never decoded.
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0);
  ihdr.writeUInt32BE(50_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const bomb = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(100_000))), chunk('IEND', Buffer.alloc(0))]);
  const photoPart = (bytes: Buffer, type: string) => Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="seen"\r\n\r\nbombe\r\n--${b}\r\nContent-Disposition: form-data; name="photo"; filename="p.png"\r\nContent-Type: ${type}\r\n\r\n`), bytes, Buffer.from(`\r\n--${b}--\r\n`)]);
  assertProblem(await send({ headers: ct, payload: photoPart(bomb, 'image/png') }), 'decompression bomb', ['validation_failed']);
  assertPage(await send({ headers: { ...ct, ...HTML }, payload: photoPart(bomb, 'image/png') }), 'browser decompression bomb');
  assertProblem(await send({ headers: ct, payload: photoPart(Buffer.from('<svg onload="alert(1)"/>'), 'image/svg+xml') }), 'svg "photo"', ['unsupported_media_type']);
  assertProblem(await send({ headers: ct, payload: photoPart(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<script>alert(1)</script>')]), 'image/jpeg') }), 'polyglot', ['validation_failed']);
});

test('script-laden tips are taken as text: a receipt, stored verbatim, never sent back as markup', async () => {
  const evil = `<script>alert('${MARK}')</script><img src=x onerror=alert(1)>"'&`;
  const res = await send({ headers: { ...FORM_H, ...HTML }, payload: new URLSearchParams({ seen: evil, place: evil, lang: 'fr' }).toString() });
  assertAnswered(res, evil, true, 'script-laden form');
  assert.equal(res.status, 201);
  assert.ok(!res.body.includes(MARK), 'the receipt does not echo the tip');
  const refused = await send({ headers: { ...FORM_H, ...HTML }, payload: new URLSearchParams({ seen: evil, seenAt: 'soon', lang: 'fr' }).toString() });
  assertPage(refused, 'script-laden refused form');
  assert.ok(refused.body.includes('&lt;script&gt;alert(&#39;'), 'typed text comes back escaped');
  const api = await send({ url: `/api/alerts/${publicId}/tips`, headers: { ...JSON_H, ...token }, payload: JSON.stringify({ seen: evil }) });
  assertAnswered(api, evil, false, 'script-laden api');
});

test('a few hundred generated requests: a receipt or a clear refusal, never a 5xx', async () => {
  const random = prng(20261123);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const pieces = ['', 'x', ' ', 'Vu à la gare', 'رأيت الطفلة', 'ⵥⵕⵉⵖ', '😀', '\u202e', '\ufeff', '\r\n', '%', '&', '=', '+', '"', '<b>', '{}', '\\', '\u00a0', 'é', 'e\u0301', 'null', '0', '-1', '1e309', '2026-11-22T09:00', '2099-01-01T00:00', '0612345678', 'yes', 'ar', 'fr', 'zgh', 'en'];
  const fields = ['seen', 'seenAt', 'place', 'lat', 'lon', 'name', 'phone', 'contactConsent', 'lang', 'version', 'website', 'photo', 'evil', '__proto__', 'seen[]'];
  const text = () => Array.from({ length: Math.floor(random() * 6) }, () => pick(pieces)).join('') + (random() < 0.05 ? 'y'.repeat(Math.floor(random() * 3000)) : '');
  for (let i = 0; i < 300; i++) {
    const values: Record<string, string> = {};
    const n = Math.floor(random() * 5);
    for (let k = 0; k < n; k++) values[pick(fields)] = text();
    if (random() < 0.7) values.seen = `${MARK} ${i} ${text()}`;
    const html = random() < 0.4;
    const kind = pick(['json', 'form', 'multipart', 'api'] as const);
    let res: Sent;
    switch (kind) {
      case 'json':
      case 'api':
        res = await send({ ...(kind === 'api' ? { url: `/api/alerts/${publicId}/tips` } : {}), headers: { ...JSON_H, ...(kind === 'api' ? token : {}), ...(html ? HTML : {}) }, payload: JSON.stringify(values) });
        break;
      case 'form':
        res = await send({ headers: { ...FORM_H, ...(html ? HTML : {}) }, payload: new URLSearchParams(values).toString() });
        break;
      case 'multipart': {
        const b = `gen${i}`;
        const body = Object.entries(values).map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${b}--\r\n`;
        res = await send({ headers: { 'content-type': `multipart/form-data; boundary=${b}`, ...(html ? HTML : {}) }, payload: body });
        break;
      }
    }
    assertAnswered(res, values.seen, html && kind !== 'json' && kind !== 'api', `#${i} ${kind}${html ? ' (browser)' : ''} ${JSON.stringify(values).slice(0, 200)}`);
  }
  assert.ok(receipts.length > 30, `${receipts.length} receipts`);
});

test('afterwards: healthy, every receipt found with exactly what was sent, nothing typed in the log', async () => {
  const health = await send({ method: 'GET', url: '/healthz' });
  assert.equal(health.status, 200);
  for (const r of receipts) {
    const row = await findTipByReference(t.store.db, r.reference);
    assert.ok(row, `receipt ${r.reference} has its tip`);
    assert.equal(row.seen, r.seen.normalize('NFC').replace(/\r\n?/g, '\n').trim(), r.reference);
  }
  for (const line of t.logLines) assert.ok(!line.includes(MARK), `a log line carries tip text: ${line.slice(0, 200)}`);
  // The server still takes an ordinary tip.
  const ok = await send({ headers: JSON_H, payload: JSON.stringify({ seen: 'Une information ordinaire' }) });
  assert.equal(ok.status, 201, ok.body);
});
