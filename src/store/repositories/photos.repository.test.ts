import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { findPhoto, findPhotoBytes, insertPhoto, listCasePhotos, lockPhotoWithBytes, type NewPhotoRow, replacePhotoBytes, softDeletePhoto } from './photos.repository.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(() => t.close());

const allByteValues = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));

function row(overrides: Partial<NewPhotoRow> = {}): NewPhotoRow {
  return {
    id: randomUUID(),
    caseId: randomUUID(),
    publishable: true,
    encrypted: false,
    width: 640,
    height: 480,
    bytes: Buffer.concat([allByteValues, randomBytes(2 * 1024 * 1024)]),
    thumb: Buffer.concat([Buffer.alloc(16), allByteValues, Buffer.alloc(16)]),
    sha256: 'a'.repeat(64),
    byteSize: 1234,
    uploadedBy: randomUUID(),
    createdAt: new Date('2026-11-22T10:00:00.000Z'),
    ...overrides,
  };
}

test('bytea round trip: every byte value, 2 MB, Buffers in and out', async () => {
  const r = row();
  await t.store.db.transaction().execute((trx) => insertPhoto(trx, r));
  const full = await findPhotoBytes(t.store.db, r.id, 'full');
  const thumb = await findPhotoBytes(t.store.db, r.id, 'thumb');
  assert.ok(full && thumb);
  assert.ok(Buffer.isBuffer(full.stored) && Buffer.isBuffer(thumb.stored));
  assert.equal(full.stored.length, r.bytes.length);
  assert.ok(full.stored.equals(r.bytes));
  assert.ok(thumb.stored.equals(r.thumb));
  assert.deepEqual(full.photo, {
    id: r.id,
    caseId: r.caseId,
    publishable: true,
    encrypted: false,
    mime: 'image/jpeg',
    width: 640,
    height: 480,
    sha256: r.sha256,
    byteSize: 1234,
    uploadedBy: r.uploadedBy,
    createdAt: r.createdAt,
    deletedAt: null,
  });
  // The database holds the same bytes (not, say, a hex or JSON rendering of them).
  const len = await sql<{ n: number; first: number; last: number }>`select octet_length(bytes) as n, get_byte(bytes, 1) as first, get_byte(bytes, 255) as last from photos where id = ${r.id}`.execute(t.store.db);
  assert.deepEqual(len.rows[0], { n: r.bytes.length, first: 1, last: 255 });

  const locked = await t.store.db.transaction().execute((trx) => lockPhotoWithBytes(trx, r.id));
  assert.ok(locked?.bytes.equals(r.bytes) && locked.thumb.equals(r.thumb));
});

test('replacing bytes and soft deletion; deleted photos have no bytes and leave the case list', async () => {
  const caseId = randomUUID();
  const a = row({ caseId, createdAt: new Date('2026-11-22T10:00:00.000Z') });
  const b = row({ caseId, createdAt: new Date('2026-11-22T11:00:00.000Z') });
  await t.store.db.transaction().execute(async (trx) => {
    await insertPhoto(trx, b);
    await insertPhoto(trx, a);
  });
  assert.deepEqual((await listCasePhotos(t.store.db, caseId)).map((p) => p.id), [a.id, b.id]);

  const sealed = randomBytes(300);
  await t.store.db.transaction().execute((trx) => replacePhotoBytes(trx, a.id, { publishable: false, encrypted: true, bytes: sealed, thumb: sealed.subarray(0, 100) }));
  const after1 = await findPhotoBytes(t.store.db, a.id, 'thumb');
  assert.equal(after1?.photo.encrypted, true);
  assert.ok(after1?.stored.equals(sealed.subarray(0, 100)));

  const deleted = await t.store.db.transaction().execute((trx) => softDeletePhoto(trx, a.id, new Date('2026-11-23T00:00:00.000Z')));
  assert.equal(deleted?.deletedAt?.toISOString(), '2026-11-23T00:00:00.000Z');
  assert.equal(await t.store.db.transaction().execute((trx) => softDeletePhoto(trx, a.id, new Date())), undefined);
  assert.equal(await findPhotoBytes(t.store.db, a.id, 'full'), undefined);
  assert.equal((await findPhoto(t.store.db, a.id))?.deletedAt?.toISOString(), '2026-11-23T00:00:00.000Z');
  const raw = await sql<{ bytes: unknown; thumb: unknown }>`select bytes, thumb from photos where id = ${a.id}`.execute(t.store.db);
  assert.deepEqual(raw.rows[0], { bytes: null, thumb: null });
  assert.deepEqual((await listCasePhotos(t.store.db, caseId)).map((p) => p.id), [b.id]);
});

test('the database refuses to hold a photo that is not publishable in clear', async () => {
  const r = row({ publishable: false, encrypted: false });
  await assert.rejects(t.store.db.transaction().execute((trx) => insertPhoto(trx, r)), /check constraint/i);
  assert.equal(await findPhoto(t.store.db, r.id), undefined);
});
