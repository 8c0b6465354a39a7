import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import sharp from 'sharp';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import type { UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { fieldKey, keyOwner } from '../../platform/crypto/field-cipher.ts';
import { addPhoto } from './add-photo.ts';
import { deletePhoto } from './delete-photo.ts';
import { type PhotoBytesCipher, photoCipher } from './photo-cipher.ts';
import { listPhotos, readPhoto } from './read-photo.ts';
import { setPublishable } from './set-publishable.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(() => t.close());

const officer: UserActor = {
  kind: 'user',
  id: randomUUID(),
  username: 'officer.test',
  role: 'officer',
  jurisdiction: 'MA-CAS',
  jurisdictionPath: ['MA', 'MA-06', 'MA-CAS'],
  ip: '127.0.0.1',
};

const caseCipher = (caseId: string): PhotoBytesCipher => photoCipher(fieldKey(keyOwner('case', caseId), randomBytes(32)));

async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 30, g: 90, b: 160 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'SecretMakerCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 35/1 0/1', GPSMapDatum: 'TIFLI-GPS-SECRET' } })
    .toBuffer();
}

const isJpeg = (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

async function count(table: 'photos' | 'audit_log'): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.store.db);
  return r.rows[0]?.n ?? -1;
}

async function auditEntries(photoId: string) {
  return t.store.db.selectFrom('audit_log').select(['action', 'actor_id', 'purpose', 'details']).where('object_type', '=', 'photo').where('object_id', '=', photoId).orderBy('seq').execute();
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  return assert.fail('expected a rejection');
}

test('a publishable photo is stored in clear, stripped, and its addition audited', async () => {
  const caseId = randomUUID();
  const photo = await addPhoto(t, officer, { caseId, upload: await jpegWithGps(), filename: 'Amina Benali.jpg', declaredType: 'image/jpeg', publishable: true });
  assert.equal(photo.caseId, caseId);
  assert.equal(photo.publishable, true);
  assert.equal(photo.encrypted, false);
  assert.equal(photo.uploadedBy, officer.id);
  assert.deepEqual([photo.width, photo.height], [640, 480]);
  assert.equal(photo.createdAt.toISOString(), t.clock.now().toISOString());

  const full = await readPhoto(t, officer, photo.id, 'full', { caseId });
  assert.ok(isJpeg(full.bytes));
  assert.equal(full.mime, 'image/jpeg');
  assert.equal(createHash('sha256').update(full.bytes).digest('hex'), photo.sha256);
  assert.equal(full.bytes.length, photo.byteSize);
  for (const s of ['SecretMakerCo', 'TIFLI-GPS-SECRET', 'Exif']) assert.equal(full.bytes.includes(s), false, s);
  const thumb = await readPhoto(t, officer, photo.id, 'thumb', { caseId, publishableOnly: true });
  assert.equal((await sharp(thumb.bytes).metadata()).width, 480);

  const entries = await auditEntries(photo.id);
  assert.deepEqual(entries, [{ action: 'photo.add', actor_id: officer.id, purpose: null, details: { caseId, photoId: photo.id, publishable: true } }]);
  // The client's file name (a person's name here) is stored nowhere.
  const leak = await sql<{ n: number }>`select count(*)::int as n from audit_log where details::text like '%Benali%'`.execute(t.store.db);
  assert.equal(leak.rows[0]?.n, 0);
  assert.deepEqual((await listPhotos(t, caseId)).map((p) => p.id), [photo.id]);
});

test('a photo that is not publishable is stored sealed, opens only with its case cipher, and each read is audited', async () => {
  const caseId = randomUUID();
  const cipher = caseCipher(caseId);
  const photo = await addPhoto(t, officer, { caseId, upload: await jpegWithGps(), publishable: false, cipher });
  assert.equal(photo.encrypted, true);

  const stored = await t.store.db.selectFrom('photos').select(['bytes', 'thumb', 'encrypted']).where('id', '=', photo.id).executeTakeFirstOrThrow();
  assert.equal(stored.encrypted, true);
  assert.ok(stored.bytes && stored.thumb);
  assert.equal(isJpeg(Buffer.from(stored.bytes)), false, 'no JPEG in clear at rest');
  assert.equal(isJpeg(Buffer.from(stored.thumb)), false, 'no thumbnail in clear at rest');

  const full = await readPhoto(t, officer, photo.id, 'full', { caseId, cipher, purpose: 'investigation review' });
  assert.ok(isJpeg(full.bytes));
  assert.equal(createHash('sha256').update(full.bytes).digest('hex'), photo.sha256);
  const entries = await auditEntries(photo.id);
  assert.deepEqual(
    entries.map((e) => [e.action, e.purpose, e.details]),
    [
      ['photo.add', null, { caseId, photoId: photo.id, publishable: false }],
      ['photo.read', 'investigation review', { caseId, photoId: photo.id, variant: 'full' }],
    ],
  );

  // Public surfaces never get it; another case's key does not open it; another case id does not find it.
  const hidden = await rejection(readPhoto(t, { kind: 'public', ip: null }, photo.id, 'thumb', { caseId, publishableOnly: true }));
  assert.ok(hidden instanceof AppError && hidden.code === 'not_found');
  await assert.rejects(readPhoto(t, officer, photo.id, 'full', { caseId, cipher: caseCipher(caseId) }), /could not be decrypted/);
  const elsewhere = await rejection(readPhoto(t, officer, photo.id, 'full', { caseId: randomUUID(), cipher }));
  assert.ok(elsewhere instanceof AppError && elsewhere.code === 'not_found');
  await assert.rejects(readPhoto(t, officer, photo.id, 'full', { caseId }), /cipher is required/);
  // Failed reads left no audit entry behind.
  assert.equal((await auditEntries(photo.id)).length, 2);
});

test('refused uploads leave no row and no audit entry', async () => {
  const photosBefore = await count('photos');
  const auditBefore = await count('audit_log');
  const caseId = randomUUID();
  const bomb = Buffer.from(
    '89504e470d0a1a0a0000000d494844520000753000007530080000000036a8bb220000000c49444154789c63600000000200015e2b2d1b0000000049454e44ae426082',
    'hex',
  );
  const uploads: [Buffer, string][] = [
    [Buffer.from('#!/bin/sh\nrm -rf /\n'), 'unsupported_media_type'],
    [Buffer.from('<html><script>alert(1)</script></html>'), 'unsupported_media_type'],
    [bomb, 'validation_failed'],
    [(await jpegWithGps()).subarray(0, 200), 'validation_failed'],
  ];
  for (const [upload, code] of uploads) {
    const err = await rejection(addPhoto(t, officer, { caseId, upload, filename: 'photo.jpg', declaredType: 'image/jpeg', publishable: true }));
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code);
    assert.deepEqual(err.errors.map((e) => e.field), ['photo']);
  }
  // A sensitive photo without the case cipher is a programming error, caught before any work.
  await assert.rejects(addPhoto(t, officer, { caseId, upload: await jpegWithGps(), publishable: false }), /cipher is required/);
  const badCase = await rejection(addPhoto(t, officer, { caseId: 'not-a-uuid', upload: await jpegWithGps(), publishable: true }));
  assert.ok(badCase instanceof AppError && badCase.errors[0]?.field === 'caseId');

  assert.equal(await count('photos'), photosBefore);
  assert.equal(await count('audit_log'), auditBefore);
  assert.deepEqual(await listPhotos(t, caseId), []);
});

test('when the audit entry cannot be written, the photo row is rolled back with it', async () => {
  const caseId = randomUUID();
  // Make the audit append fail for this case only, after the photo row was inserted.
  await sql`
    create function test_refuse_photo_audit() returns trigger language plpgsql as $$
    begin
      if new.details->>'caseId' = ${sql.lit(caseId)} then raise exception 'audit refused for the test'; end if;
      return new;
    end $$;
    create trigger test_refuse_photo_audit before insert on audit_log for each row execute function test_refuse_photo_audit();
  `.execute(t.store.db);
  try {
    const photosBefore = await count('photos');
    await assert.rejects(addPhoto(t, officer, { caseId, upload: await jpegWithGps(), publishable: true }), /audit refused/);
    assert.equal(await count('photos'), photosBefore);
    assert.deepEqual(await listPhotos(t, caseId), []);
  } finally {
    await sql`drop trigger test_refuse_photo_audit on audit_log; drop function test_refuse_photo_audit();`.execute(t.store.db);
  }
});

test('publishing unseals a photo; withdrawing publication seals it again; same value changes nothing', async () => {
  const caseId = randomUUID();
  const cipher = caseCipher(caseId);
  const photo = await addPhoto(t, officer, { caseId, upload: await jpegWithGps(), publishable: false, cipher });

  const published = await setPublishable(t, officer, { caseId, photoId: photo.id, publishable: true, cipher });
  assert.deepEqual([published.publishable, published.encrypted], [true, false]);
  const clear = await t.store.db.selectFrom('photos').select(['bytes', 'publishable', 'encrypted']).where('id', '=', photo.id).executeTakeFirstOrThrow();
  assert.ok(clear.bytes && isJpeg(Buffer.from(clear.bytes)));
  assert.equal(createHash('sha256').update(clear.bytes).digest('hex'), photo.sha256);
  // Publishable photos read without a cipher and without an audit entry.
  assert.ok(isJpeg((await readPhoto(t, officer, photo.id, 'thumb', { caseId, publishableOnly: true })).bytes));

  const again = await setPublishable(t, officer, { caseId, photoId: photo.id, publishable: true });
  assert.equal(again.publishable, true);

  const withdrawn = await setPublishable(t, officer, { caseId, photoId: photo.id, publishable: false, cipher });
  assert.deepEqual([withdrawn.publishable, withdrawn.encrypted], [false, true]);
  const sealed = await t.store.db.selectFrom('photos').select(['bytes']).where('id', '=', photo.id).executeTakeFirstOrThrow();
  assert.ok(sealed.bytes && !isJpeg(Buffer.from(sealed.bytes)));
  assert.ok(isJpeg((await readPhoto(t, officer, photo.id, 'full', { caseId, cipher })).bytes));

  await assert.rejects(setPublishable(t, officer, { caseId, photoId: photo.id, publishable: true }), /cipher is required/);
  const other = await rejection(setPublishable(t, officer, { caseId: randomUUID(), photoId: photo.id, publishable: true, cipher }));
  assert.ok(other instanceof AppError && other.code === 'not_found');

  assert.deepEqual(
    (await auditEntries(photo.id)).map((e) => [e.action, e.details]),
    [
      ['photo.add', { caseId, photoId: photo.id, publishable: false }],
      ['photo.publishable_set', { caseId, photoId: photo.id, publishable: true }],
      ['photo.publishable_set', { caseId, photoId: photo.id, publishable: false }],
      ['photo.read', { caseId, photoId: photo.id, variant: 'full' }],
    ],
  );
});

test('deleting a photo wipes its bytes, keeps a tombstone and is audited', async () => {
  const caseId = randomUUID();
  const photo = await addPhoto(t, officer, { caseId, upload: await jpegWithGps(), publishable: true });
  const wrongCase = await rejection(deletePhoto(t, officer, { caseId: randomUUID(), photoId: photo.id }));
  assert.ok(wrongCase instanceof AppError && wrongCase.code === 'not_found');

  const deleted = await deletePhoto(t, officer, { caseId, photoId: photo.id });
  assert.ok(deleted.deletedAt);
  const row = await t.store.db.selectFrom('photos').select(['bytes', 'thumb', 'deleted_at']).where('id', '=', photo.id).executeTakeFirstOrThrow();
  assert.deepEqual([row.bytes, row.thumb], [null, null]);
  assert.ok(row.deleted_at);

  const afterwards = [
    () => readPhoto(t, officer, photo.id, 'full', { caseId }),
    () => deletePhoto(t, officer, { caseId, photoId: photo.id }),
    () => setPublishable(t, officer, { caseId, photoId: photo.id, publishable: false }),
  ];
  for (const attempt of afterwards) {
    const err = await rejection(attempt());
    assert.ok(err instanceof AppError && err.code === 'not_found');
  }
  assert.deepEqual(await listPhotos(t, caseId), []);
  assert.deepEqual(
    (await auditEntries(photo.id)).map((e) => [e.action, e.details]),
    [
      ['photo.add', { caseId, photoId: photo.id, publishable: true }],
      ['photo.delete', { caseId, photoId: photo.id }],
    ],
  );
});

test('a HEIC photo goes through end to end', async () => {
  const caseId = randomUUID();
  const upload = await readFile(new URL('../../../test/fixtures/photo.heic', import.meta.url));
  const photo = await addPhoto(t, officer, { caseId, upload, filename: 'IMG_0001.HEIC', declaredType: 'image/heic', publishable: false, cipher: caseCipher(caseId) });
  assert.deepEqual([photo.width, photo.height, photo.encrypted], [96, 64, true]);
});

test('ids that are not UUIDs find nothing instead of reaching SQL', async () => {
  const err = await rejection(readPhoto(t, officer, "1' or '1'='1", 'full', { caseId: randomUUID() }));
  assert.ok(err instanceof AppError && err.code === 'not_found');
  assert.deepEqual(await listPhotos(t, 'nope'), []);
});
