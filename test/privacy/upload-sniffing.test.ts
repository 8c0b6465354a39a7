/**
 * Content sniffing on uploads (issue #8, point 6), over HTTP. The bytes decide what an upload is; the
 * declared type only counts against it; what is kept and served is always our own re-encoding.
 * - an HTML page, an SVG with a script, a GIF, a shell script, whatever type they are declared as: refused;
 * - an image that is also an HTML page (a JPEG or PNG signature in front of markup): refused;
 * - a real photo declared as HTML: refused;
 * - a PNG sent as "image/jpeg" (a PNG named .jpg): its bytes say PNG, so it is decoded as a PNG and
 *   stored as a fresh JPEG; not one byte of the upload is stored or served as it came.
 * Refusals leave nothing behind: no photo row, no audit entry.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { createTestContext, type TestContext } from '../support/test-store.ts';
import { signIn } from '../support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { validRecord } from '../../src/domain/case/case-fixtures.test-support.ts';
import { ManualClock } from '../../src/platform/clock.ts';

let t: TestContext;
let app: HttpApp;
let officer: { cookie: string; 'x-csrf-token': string };
let caseId: string;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

before(async () => {
  t = await createTestContext({ clock: new ManualClock('2026-03-11T14:00:00Z') });
  app = await buildHttpApp(t);
  officer = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' })).headers;
  const c = await app.inject({ method: 'POST', url: '/api/cases', headers: officer, payload: { record: validRecord() } });
  assert.equal(c.statusCode, 201, c.body);
  caseId = c.json<{ case: { id: string } }>().case.id;
});
after(async () => {
  await app.close();
  await t.close();
});

const upload = (bytes: Buffer, contentType: string, publishable = true) =>
  app.inject({ method: 'POST', url: `/api/cases/${caseId}/photos?publishable=${publishable}`, headers: { ...officer, 'content-type': contentType }, payload: bytes });

async function photoCount(): Promise<number> {
  return (await t.store.db.selectFrom('photos').select('id').where('case_id', '=', caseId).execute()).length;
}

test('files that are not photos, or are photos and pages at once, are refused whatever they are declared as; nothing is kept', async () => {
  const page = Buffer.from('<!doctype html><html><body><script>fetch("/api/users")</script></body></html>');
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
  const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64, 1)]);
  const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#884422' } }).jpeg().toBuffer();
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#224488' } }).png().toBuffer();
  const jpegPolyglot = Buffer.concat([jpeg, Buffer.from('<html><script>alert(document.cookie)</script></html>')]);
  const pngPolyglot = Buffer.concat([PNG_SIGNATURE, Buffer.from('<html><body onload="x()"><script>1</script>')]);
  const before = await photoCount();
  const auditBefore = (await t.store.db.selectFrom('audit_log').select('seq').where('action', '=', 'photo.add').execute()).length;
  const attempts: [string, Buffer, string][] = [
    ['an HTML page as image/jpeg', page, 'image/jpeg'],
    ['an HTML page as image/png', page, 'image/png'],
    ['an HTML page as application/octet-stream', page, 'application/octet-stream'],
    ['an SVG with scripts as image/png', svg, 'image/png'],
    ['a GIF as image/jpeg', gif, 'image/jpeg'],
    ['a JPEG that is also an HTML page', jpegPolyglot, 'image/jpeg'],
    ['PNG signature then markup', pngPolyglot, 'image/png'],
    ['a real JPEG declared as text/html', jpeg, 'text/html'],
    ['a real PNG declared as image/svg+xml', png, 'image/svg+xml'],
  ];
  for (const [label, bytes, type] of attempts) {
    const res = await upload(bytes, type);
    assert.ok(res.statusCode === 400 || res.statusCode === 415, `${label}: ${res.statusCode} ${res.body}`);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/, label);
  }
  assert.equal(await photoCount(), before, 'no refused upload left a row');
  assert.equal((await t.store.db.selectFrom('audit_log').select('seq').where('action', '=', 'photo.add').execute()).length, auditBefore, 'nor an audit entry');
});

test('a PNG sent as image/jpeg is taken for what its bytes are and stored as a fresh JPEG; the upload itself is never kept or served', async () => {
  const png = await sharp({ create: { width: 120, height: 90, channels: 4, background: { r: 10, g: 200, b: 30, alpha: 0.5 } } })
    .png()
    .withMetadata({ exif: { IFD0: { Artist: 'marqueur-upload-99' } } })
    .toBuffer();
  assert.ok(png.subarray(0, 8).equals(PNG_SIGNATURE));
  const res = await upload(png, 'image/jpeg');
  assert.equal(res.statusCode, 201, res.body);
  const photoId = res.json<{ id: string }>().id;
  const read = await app.inject({ method: 'GET', url: `/api/cases/${caseId}/photos/${photoId}`, headers: officer });
  assert.equal(read.statusCode, 200, read.body);
  assert.equal(read.headers['content-type'], 'image/jpeg');
  assert.equal(read.headers['x-content-type-options'], 'nosniff');
  const bytes = read.rawPayload;
  assert.ok(bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])), 'served as a JPEG');
  assert.ok(!bytes.includes(PNG_SIGNATURE), 'none of the PNG is served');
  assert.ok(!bytes.includes(Buffer.from('marqueur-upload-99')), 'nor its metadata');
  const meta = await sharp(bytes).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height, meta.hasAlpha], ['jpeg', 120, 90, false]);
  const stored = await t.store.db.selectFrom('photos').select(['bytes', 'mime']).where('id', '=', photoId).executeTakeFirstOrThrow();
  assert.equal(stored.mime, 'image/jpeg');
  assert.ok(stored.bytes && !Buffer.from(stored.bytes).equals(png), 'the stored bytes are not the upload');
});
