import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multipartBoundary, readJsonObject, readMultipart, readUrlEncoded, TipBodyError } from './tip-body.ts';

const KNOWN = new Set(['seen', 'place', 'lang', 'photo', 'website']);
const CT = 'multipart/form-data; boundary=----b0undary';
const part = (name: string, value: string | Buffer, extra = '') => Buffer.concat([Buffer.from(`------b0undary\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n`), Buffer.from(value), Buffer.from('\r\n')]);
const multipart = (...parts: Buffer[]) => Buffer.concat([...parts, Buffer.from('------b0undary--\r\n')]);
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof TipBodyError) return err.code;
    throw err;
  }
  return 'ok';
};

test('a browser\'s form body is read as UTF-8 text, + and %XX decoded', () => {
  const body = readUrlEncoded(Buffer.from('seen=Une+fille+%C3%A0+la+gare%2C+%D8%A8%D9%86%D8%AA&place=&lang=fr'), KNOWN);
  assert.deepEqual([...body.fields], [['seen', 'Une fille à la gare, بنت'], ['place', ''], ['lang', 'fr']]);
  assert.deepEqual([...readUrlEncoded(Buffer.alloc(0), KNOWN).fields], []);
  assert.deepEqual([...readUrlEncoded(Buffer.from('seen&&lang=ar&'), KNOWN).fields], [['seen', ''], ['lang', 'ar']]);
});

test('invalid, overlong or truncated UTF-8, broken escapes, unknown and repeated fields are refused', () => {
  assert.equal(code(() => readUrlEncoded(Buffer.from('seen=%FF'), KNOWN)), 'not_utf8');
  assert.equal(code(() => readUrlEncoded(Buffer.from('seen=%C0%AF'), KNOWN)), 'not_utf8', 'overlong "/"');
  assert.equal(code(() => readUrlEncoded(Buffer.from('seen=%E2%82'), KNOWN)), 'not_utf8', 'truncated');
  assert.equal(code(() => readUrlEncoded(Buffer.from('seen=%ED%A0%80'), KNOWN)), 'not_utf8', 'encoded surrogate');
  assert.equal(code(() => readUrlEncoded(Buffer.from([0x73, 0x65, 0x65, 0x6e, 0x3d, 0xff]), KNOWN)), 'not_utf8', 'raw byte');
  assert.equal(code(() => readUrlEncoded(Buffer.from('seen=%G1'), KNOWN)), 'malformed');
  assert.equal(code(() => readUrlEncoded(Buffer.from('seen=100%'), KNOWN)), 'malformed');
  assert.equal(code(() => readUrlEncoded(Buffer.from('seen=a&seen=b'), KNOWN)), 'repeated_field');
  assert.equal(code(() => readUrlEncoded(Buffer.from('seen=a&__proto__=x'), KNOWN)), 'unknown_field');
  const many = new Set(Array.from({ length: 40 }, (_, i) => `f${i}`));
  assert.equal(code(() => readUrlEncoded(Buffer.from([...many].map((f) => `${f}=`).join('&')), many)), 'too_many_parts');
});

test('multipart: text fields and one photo, the empty file part of "no photo" ignored', () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0xd9]);
  const body = readMultipart(
    multipart(part('seen', 'Vu à la gare\r\nvers 14 h'), part('lang', 'fr'), part('photo', jpeg, '; filename="IMG_0001.jpg"\r\nContent-Type: image/jpeg')),
    CT,
    KNOWN,
    { maxFileBytes: 1000 },
  );
  assert.deepEqual([...body.fields], [['seen', 'Vu à la gare\r\nvers 14 h'], ['lang', 'fr']]);
  assert.deepEqual(body.file, { name: 'photo', contentType: 'image/jpeg', bytes: jpeg });
  const none = readMultipart(multipart(part('seen', 'x'), part('photo', '', '; filename=""\r\nContent-Type: application/octet-stream')), CT, KNOWN, { maxFileBytes: 1000 });
  assert.equal(none.file, undefined);
  assert.equal(multipartBoundary('multipart/form-data; boundary="a b:c"'), 'a b:c');
  assert.equal(multipartBoundary('multipart/form-data; charset=utf-8; boundary=xyz'), 'xyz');
  assert.equal(multipartBoundary('multipart/form-data'), undefined);
  assert.equal(multipartBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`), undefined);
});

test('multipart bombs and broken bodies are refused within their budgets', () => {
  const limits = { maxFileBytes: 100 };
  assert.equal(code(() => readMultipart(multipart(part('seen', 'x')), 'multipart/form-data', KNOWN, limits)), 'malformed', 'no boundary');
  assert.equal(code(() => readMultipart(Buffer.from('garbage'), CT, KNOWN, limits)), 'malformed');
  assert.equal(code(() => readMultipart(part('seen', 'x'), CT, KNOWN, limits)), 'malformed', 'no closing boundary');
  const many = new Set(Array.from({ length: 30 }, (_, i) => `f${i}`));
  assert.equal(code(() => readMultipart(multipart(...[...many].map((f) => part(f, 'x'))), CT, many, limits)), 'too_many_parts');
  assert.equal(code(() => readMultipart(multipart(part('seen', 'a'), part('seen', 'b')), CT, KNOWN, limits)), 'repeated_field');
  assert.equal(code(() => readMultipart(multipart(part('photo', 'a'), part('photo', 'b')), CT, KNOWN, limits)), 'repeated_field');
  assert.equal(code(() => readMultipart(multipart(part('photo', Buffer.alloc(101, 1))), CT, KNOWN, limits)), 'photo_too_large');
  assert.equal(code(() => readMultipart(multipart(part('seen', Buffer.alloc(17 * 1024, 0x61))), CT, KNOWN, limits)), 'field_too_large');
  assert.equal(code(() => readMultipart(multipart(part('seen', Buffer.from([0xc3, 0x28]))), CT, KNOWN, limits)), 'not_utf8');
  assert.equal(code(() => readMultipart(multipart(part('evil', 'x')), CT, KNOWN, limits)), 'unknown_field');
  assert.equal(code(() => readMultipart(multipart(part('seen', 'x', '; filename="a.txt"')), CT, KNOWN, limits)), 'malformed', 'a file in a text field');
  assert.equal(code(() => readMultipart(multipart(part('seen', 'x', '\r\nContent-Type: multipart/mixed; boundary=zz')), CT, KNOWN, limits)), 'malformed', 'nested multipart');
  const longHeader = Buffer.from(`------b0undary\r\nContent-Disposition: form-data; name="seen"; x="${'y'.repeat(2000)}"\r\n\r\nx\r\n------b0undary--`);
  assert.equal(code(() => readMultipart(longHeader, CT, KNOWN, limits)), 'malformed');
  const noName = Buffer.from('------b0undary\r\nContent-Disposition: form-data\r\n\r\nx\r\n------b0undary--');
  assert.equal(code(() => readMultipart(noName, CT, KNOWN, limits)), 'malformed');
  const attachment = Buffer.from('------b0undary\r\nContent-Disposition: attachment; name="seen"\r\n\r\nx\r\n------b0undary--');
  assert.equal(code(() => readMultipart(attachment, CT, KNOWN, limits)), 'malformed');
});

test('JSON bodies: strict UTF-8, an object', () => {
  assert.deepEqual(readJsonObject(Buffer.from('{"seen":"vu"}')), { seen: 'vu' });
  assert.equal(code(() => readJsonObject(Buffer.from('{"seen":"\xff"}', 'latin1'))), 'not_utf8');
  assert.equal(code(() => readJsonObject(Buffer.from('[1]'))), 'not_an_object');
  assert.equal(code(() => readJsonObject(Buffer.from('null'))), 'not_an_object');
  assert.equal(code(() => readJsonObject(Buffer.from('{"seen":'))), 'malformed');
});
