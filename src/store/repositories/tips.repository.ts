/**
 * Tip intake's SQL. Tips are inserted only while their alert is active, in one statement
 * (INSERT … SELECT … JOIN alerts … state = 'active'), so an alert that ends at the same moment never
 * gets a tip after its end; the alert's case id and the version bound come from the same row. A batch
 * of concurrent submissions goes in as one statement (app/tips/tip-writer.ts).
 * Finding a tip again: by its receipt reference, by an API client's idempotency key, by a WhatsApp
 * message id (each unique in the database). The WhatsApp reply lookups read the outbox's deliveries:
 * the alert a replied-to message carried, else the latest active alert sent to the sender.
 *
 * Byte columns (tip_photos) come back as Buffers in both database modes.
 *
 * @example
 *   const stored = await insertTipsForActiveAlerts(trx, [{ alert: { publicId: 'K7QX2M' }, tip }]); // empty: not active
 *   const again = await findTipByReference(db, 'K7QX2M9D');
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DB, TipSource, TipsTable } from '../schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type TipRow = Selectable<TipsTable>;

export interface NewTip {
  readonly id: string;
  readonly reference: string;
  /** The version the tipster saw; stored only when the alert has reached it. */
  readonly alertVersion: number | null;
  readonly source: TipSource;
  readonly sourceDetail: string | null;
  readonly idempotencyKey: string | null;
  readonly requestHash: string | null;
  readonly language: 'ar' | 'fr' | 'zgh' | null;
  readonly seen: string;
  readonly seenAt: Date | null;
  readonly place: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
  /** Field-cipher value under the case's data key, or null. */
  readonly contact: string | null;
  readonly hasPhoto: boolean;
  readonly receivedAt: Date;
}

export type AlertKey = { readonly publicId: string } | { readonly alertId: string };

export interface TipAlert {
  readonly id: string;
  readonly publicId: string;
  readonly caseId: string;
  readonly state: string;
  readonly currentVersion: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The alert a tip is about, whatever its state (callers decide what a state means to the tipster). */
export async function findTipAlert(db: Db, key: AlertKey): Promise<TipAlert | undefined> {
  let q = db.selectFrom('alerts').select(['id', 'public_id', 'case_id', 'state', 'current_version']);
  if ('alertId' in key) {
    if (!UUID.test(key.alertId)) return undefined;
    q = q.where('id', '=', key.alertId);
  } else q = q.where('public_id', '=', key.publicId);
  const r = await q.executeTakeFirst();
  return r && { id: r.id, publicId: r.public_id, caseId: r.case_id, state: r.state, currentVersion: r.current_version };
}

export interface TipToInsert {
  readonly alert: AlertKey;
  readonly tip: NewTip;
}

const isUuid = (v: string): boolean => UUID.test(v);

/**
 * Inserts the tips whose alert is active, all in one statement (a batch commits together: tip intake
 * groups concurrent submissions). Returns, per inserted tip id, its alert and case; a tip missing from
 * the answer was not inserted because its alert is not active (or unknown).
 */
export async function insertTipsForActiveAlerts(trx: Db, items: readonly TipToInsert[]): Promise<Map<string, { readonly alertId: string; readonly caseId: string }>> {
  const rows = items.flatMap(({ alert, tip: t }) => {
    if ('alertId' in alert && !isUuid(alert.alertId)) return [];
    return [
      {
        id: t.id,
        reference: t.reference,
        alert_id: 'alertId' in alert ? alert.alertId : null,
        public_id: 'publicId' in alert ? alert.publicId : null,
        alert_version: t.alertVersion,
        source: t.source,
        source_detail: t.sourceDetail,
        idempotency_key: t.idempotencyKey,
        request_hash: t.requestHash,
        language: t.language,
        seen: t.seen,
        seen_at: t.seenAt?.toISOString() ?? null,
        place: t.place,
        lat: t.lat,
        lon: t.lon,
        contact: t.contact,
        has_photo: t.hasPhoto,
        received_at: t.receivedAt.toISOString(),
      },
    ];
  });
  const out = new Map<string, { alertId: string; caseId: string }>();
  if (rows.length === 0) return out;
  const r = await sql<{ id: string; alert_id: string; case_id: string }>`
    INSERT INTO tips (id, reference, alert_id, case_id, alert_version, source, source_detail, idempotency_key, request_hash,
                      language, seen, seen_at, place, lat, lon, contact, has_photo, received_at)
    SELECT v.id, v.reference, a.id, a.case_id, CASE WHEN v.alert_version <= a.current_version THEN v.alert_version END,
           v.source, v.source_detail, v.idempotency_key, v.request_hash, v.language, v.seen, v.seen_at, v.place, v.lat, v.lon,
           v.contact, v.has_photo, v.received_at
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(
      id uuid, reference text, alert_id uuid, public_id text, alert_version int, source text, source_detail text,
      idempotency_key text, request_hash text, language text, seen text, seen_at timestamptz, place text,
      lat float8, lon float8, contact text, has_photo boolean, received_at timestamptz)
    JOIN alerts a ON a.id = COALESCE(v.alert_id, (SELECT x.id FROM alerts x WHERE x.public_id = v.public_id)) AND a.state = 'active'
    RETURNING id, alert_id, case_id`.execute(trx);
  for (const row of r.rows) out.set(row.id, { alertId: row.alert_id, caseId: row.case_id });
  return out;
}

export interface StoredTipKey {
  readonly id: string;
  readonly reference: string;
  readonly receivedAt: Date;
  readonly requestHash: string | null;
}

const keyOf = (r: { id: string; reference: string; received_at: Date; request_hash: string | null }): StoredTipKey => ({ id: r.id, reference: r.reference, receivedAt: r.received_at, requestHash: r.request_hash });

/** A tip sent earlier under the same API idempotency key by the same token or user. */
export async function findTipByIdempotencyKey(db: Db, source: TipSource, sourceDetail: string, idempotencyKey: string): Promise<StoredTipKey | undefined> {
  const r = await db
    .selectFrom('tips')
    .select(['id', 'reference', 'received_at', 'request_hash'])
    .where('source', '=', source)
    .where('source_detail', '=', sourceDetail)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return r && keyOf(r);
}

/** The tip a WhatsApp message already became. */
export async function findTipByWhatsAppMessage(db: Db, messageId: string): Promise<StoredTipKey | undefined> {
  const r = await db.selectFrom('tips').select(['id', 'reference', 'received_at', 'request_hash']).where('source', '=', 'whatsapp').where('source_detail', '=', messageId).executeTakeFirst();
  return r && keyOf(r);
}

export async function findTipByReference(db: Db, reference: string): Promise<TipRow | undefined> {
  return db.selectFrom('tips').selectAll().where('reference', '=', reference).executeTakeFirst();
}

export async function findTip(db: Db, id: string): Promise<TipRow | undefined> {
  if (!UUID.test(id)) return undefined;
  return db.selectFrom('tips').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewTipPhoto {
  readonly tipId: string;
  readonly caseId: string;
  readonly width: number;
  readonly height: number;
  /** Sealed with the case's photo cipher. */
  readonly bytes: Buffer;
  readonly thumb: Buffer;
  readonly sha256: string;
  readonly byteSize: number;
  readonly createdAt: Date;
}

export async function insertTipPhoto(trx: Db, p: NewTipPhoto): Promise<void> {
  await trx
    .insertInto('tip_photos')
    .values({ tip_id: p.tipId, case_id: p.caseId, mime: 'image/jpeg', width: p.width, height: p.height, bytes: p.bytes, thumb: p.thumb, sha256: p.sha256, byte_size: p.byteSize, created_at: p.createdAt, deleted_at: null })
    .execute();
}

export interface StoredTipPhoto {
  readonly tipId: string;
  readonly caseId: string;
  readonly width: number;
  readonly height: number;
  readonly sha256: string;
  /** Sealed bytes (null once deleted). */
  readonly bytes: Buffer | null;
  readonly thumb: Buffer | null;
}

const buffer = (b: Uint8Array | null): Buffer | null => (b === null ? null : Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

export async function findTipPhoto(db: Db, tipId: string): Promise<StoredTipPhoto | undefined> {
  if (!UUID.test(tipId)) return undefined;
  const r = await db.selectFrom('tip_photos').select(['tip_id', 'case_id', 'width', 'height', 'sha256', 'bytes', 'thumb']).where('tip_id', '=', tipId).executeTakeFirst();
  return r && { tipId: r.tip_id, caseId: r.case_id, width: r.width, height: r.height, sha256: r.sha256, bytes: buffer(r.bytes), thumb: buffer(r.thumb) };
}

/** The alert version a WhatsApp message of ours carried, found by its wamid (deliveries.provider_ref). */
export async function findAlertOfWhatsAppMessage(db: Db, wamid: string): Promise<{ readonly alertId: string; readonly version: number } | undefined> {
  const r = await db
    .selectFrom('deliveries as d')
    .innerJoin('dispatches as p', 'p.id', 'd.dispatch_id')
    .select(['p.alert_id', 'p.version'])
    .where('d.provider_ref', '=', wamid)
    .where('p.channel', '=', 'whatsapp')
    .orderBy('p.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && { alertId: r.alert_id, version: r.version };
}

/** The active alert most recently sent over WhatsApp to any of these subscriptions, with the version sent. */
export async function findLatestActiveAlertSentTo(db: Db, subscriptionIds: readonly string[]): Promise<{ readonly alertId: string; readonly version: number } | undefined> {
  if (subscriptionIds.length === 0) return undefined;
  const r = await db
    .selectFrom('deliveries as d')
    .innerJoin('dispatches as p', 'p.id', 'd.dispatch_id')
    .innerJoin('alerts as a', 'a.id', 'p.alert_id')
    .select(['p.alert_id', 'p.version'])
    .where('d.recipient', 'in', [...subscriptionIds])
    .where('d.status', '=', 'sent')
    .where('p.channel', '=', 'whatsapp')
    .where('p.action', '=', 'publish')
    .where('a.state', '=', 'active')
    .orderBy('d.sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && { alertId: r.alert_id, version: r.version };
}

/** Which unique constraint a database error broke, if it was a unique violation. */
export function uniqueViolationOf(err: unknown): 'reference' | 'idempotency' | 'whatsapp_message' | 'other' | undefined {
  if (typeof err !== 'object' || err === null || (err as { code?: unknown }).code !== '23505') return undefined;
  const e = err as { constraint?: unknown; detail?: unknown; message?: unknown };
  const text = [e.constraint, e.detail, e.message].filter((x) => typeof x === 'string').join(' ');
  if (text.includes('tips_reference_key') || text.includes('(reference)')) return 'reference';
  if (text.includes('tips_idempotency')) return 'idempotency';
  if (text.includes('tips_one_per_whatsapp_message')) return 'whatsapp_message';
  return 'other';
}
