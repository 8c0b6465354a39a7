import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { isPlausiblePhotoDeclaration, looksLikePolyglot, sniffImageType } from './image-type.ts';

const ftyp = (major: string, ...compatible: string[]): Buffer => {
  const body = Buffer.from(`ftyp${major}\0\0\0\0${compatible.join('')}`, 'latin1');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(body.length + 4);
  return Buffer.concat([size, body, Buffer.alloc(64)]);
};

const riff = (form: string, chunk: string): Buffer => Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x40, 0, 0, 0]), Buffer.from(form + chunk, 'latin1'), Buffer.alloc(32)]);

test('the four accepted types are recognised from their signatures', () => {
  assert.equal(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0])), 'image/jpeg');
  assert.equal(sniffImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), 'image/png');
  for (const chunk of ['VP8 ', 'VP8L', 'VP8X']) assert.equal(sniffImageType(riff('WEBP', chunk)), 'image/webp', chunk);
  for (const brand of ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1']) assert.equal(sniffImageType(ftyp(brand, 'mif1', 'heic')), 'image/heic', brand);
});

test('look-alikes and other formats are not taken for photos', () => {
  const cases: [string, Buffer][] = [
    ['PNG signature cut short', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
    ['JPEG start without a marker', Buffer.from([0xff, 0xd8, 0x00, 0x00])],
    ['WAV (RIFF, not WEBP)', riff('WAVE', 'fmt ')],
    ['RIFF WEBP without a WebP chunk', riff('WEBP', 'JUNK')],
    ['AVIF', ftyp('avif', 'mif1', 'miaf')],
    ['MP4', ftyp('isom', 'iso2', 'mp41')],
    ['ftyp box larger than the file', Buffer.concat([Buffer.from([0, 0, 0x10, 0]), Buffer.from('ftypheic\0\0\0\0mif1', 'latin1')])],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['PDF', Buffer.from('%PDF-1.4\n')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['shell', Buffer.from('#!/bin/sh\necho hi\n')],
    ['empty', Buffer.alloc(0)],
  ];
  for (const [what, bytes] of cases) assert.equal(sniffImageType(bytes), null, what);
});

test('markup or script at either end of an image is a polyglot; random image data is not', () => {
  const jpegStart = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
  assert.equal(looksLikePolyglot(Buffer.concat([jpegStart, Buffer.from('<SCRIPT>alert(1)</SCRIPT>')])), true);
  assert.equal(looksLikePolyglot(Buffer.concat([jpegStart, Buffer.from('<?php system($_GET["c"]); ?>')])), true);
  assert.equal(looksLikePolyglot(Buffer.concat([jpegStart, Buffer.from('<!DOCTYPE html><p>x')])), true);
  // A payload appended after a long image is found at the tail.
  assert.equal(looksLikePolyglot(Buffer.concat([jpegStart, randomBytes(300_000), Buffer.from('<html><body onload=x()>')])), true);
  // XMP metadata, as cameras and editors write it, is not markup a browser would run.
  const xmp = '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF></rdf:RDF></x:xmpmeta>';
  assert.equal(looksLikePolyglot(Buffer.concat([jpegStart, Buffer.from(xmp), randomBytes(1_000_000)])), false);
});

test('declared types: images and generic binary pass, anything else is refused', () => {
  for (const t of [undefined, '', 'image/jpeg', 'IMAGE/HEIC', 'image/jpg', 'application/octet-stream', 'image/png; foo=bar']) assert.equal(isPlausiblePhotoDeclaration(t), true, String(t));
  for (const t of ['text/html', 'image/svg+xml', 'application/pdf', 'application/x-sh', 'text/plain; charset=utf-8']) assert.equal(isPlausiblePhotoDeclaration(t), false, t);
});
