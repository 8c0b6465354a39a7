/**
 * Tip intake: stores one tip and, in the same transaction, the `tips.triage` job that scores it (the
 * outbox: the job exists if and only if the tip does). Concurrent tips share transactions (group
 * commit, tip-writer.ts). The caller acknowledges the tip (the receipt reference) only after this
 * returns, that is after the commit.
 *
 * - The alert must be active at the moment of the insert (one statement checks and inserts); an
 *   unknown or unpublished alert is `not_found`, an ended one `alert_ended` (410).
 * - The tipster's contact is sealed under the case's data key (field path `tip:<id>:contact`) and the
 *   photo (re-encoded first, outside the transaction: no metadata survives) with the case's photo
 *   cipher, so crypto-shredding the case erases both. A tip without either needs no key at all,
 *   which keeps the common path to one INSERT and one job.
 * - Idempotency: a WhatsApp message id becomes at most one tip; an API client's Idempotency-Key (per
 *   token or user) returns the first tip again (`replayed`), or `conflict` when the key is reused for
 *   a different tip (compared by a hash of the non-restricted fields and the upload's bytes).
 * - API submissions are audited (who sent what, by id); the public's and WhatsApp's are not: the tip
 *   row is their record, and an audit append per tip would serialise a surge on the chain's lock.
 *
 * @example
 *   const receipt = await submitTip(ctx, { alert: { publicId: 'K7QX2M' }, origin: { kind: 'web' }, draft });
 *   receipt.reference; // 'K7QX2M9D', shown only now that it is committed
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { TokenActor, UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import type { TipDraft } from '../../domain/tips/intake-validation.ts';
import { tipContactField, tipContactJson } from '../../domain/tips/tip-contact.ts';
import { TIP_REFERENCE_BYTES, tipReferenceFrom } from '../../domain/tips/tip-reference.ts';
import { apiTipSource, type TipSourceKind } from '../../domain/tips/tip-source.ts';
import { processPhoto, type ProcessedPhoto } from '../../adapters/images/photo-processor.ts';
import { encryptField, type FieldKey, keyOwner } from '../../platform/crypto/field-cipher.ts';
import {
  type AlertKey,
  findTipAlert,
  findTipByIdempotencyKey,
  findTipByWhatsAppMessage,
  type StoredTipKey,
  uniqueViolationOf,
} from '../../store/repositories/tips.repository.ts';
import type { AppContext } from '../context.ts';
import { getDataKey } from '../crypto/data-keys.ts';
import { photoCipher } from '../photos/photo-cipher.ts';
import { tipWriter } from './tip-writer.ts';

export type TipOrigin =
  | { readonly kind: 'web' }
  | { readonly kind: 'whatsapp'; readonly messageId: string }
  | { readonly kind: 'api'; readonly actor: TokenActor | UserActor; readonly idempotencyKey: string | null };

export interface TipUpload {
  readonly bytes: Buffer;
  /** The client's declared content type (only a non-image declaration is refused). */
  readonly declaredType?: string;
}

export interface TipSubmission {
  readonly alert: AlertKey;
  readonly origin: TipOrigin;
  readonly draft: TipDraft;
  readonly photo?: TipUpload;
}

export interface TipReceipt {
  readonly tipId: string;
  /** 8 Crockford base32 characters; shown as formatTipReference(reference). */
  readonly reference: string;
  readonly receivedAt: Date;
  /** True when this is an earlier tip returned again (same WhatsApp message or idempotency key). */
  readonly replayed: boolean;
}

/** Longest Idempotency-Key accepted (the column allows 200). */
export const IDEMPOTENCY_KEY_MAX = 128;
const REFERENCE_ATTEMPTS = 4;

const sourceOf = (origin: TipOrigin): TipSourceKind => (origin.kind === 'api' ? apiTipSource(origin.actor) : origin.kind);
const sourceDetailOf = (origin: TipOrigin): string | null => (origin.kind === 'web' ? null : origin.kind === 'whatsapp' ? origin.messageId : origin.actor.id);

/** What a retry under the same idempotency key must repeat: the tip's non-restricted fields and the upload. */
function requestHash(s: TipSubmission): string {
  const d = s.draft;
  const canonical = JSON.stringify([
    'alertId' in s.alert ? ['id', s.alert.alertId] : ['public', s.alert.publicId],
    d.seen,
    d.seenAt?.toISOString() ?? null,
    d.place,
    d.point ? [d.point.lat, d.point.lon] : null,
    d.language,
    d.alertVersion,
    s.photo ? createHash('sha256').update(s.photo.bytes).digest('hex') : null,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

async function earlierTip(ctx: AppContext, origin: TipOrigin, hash: string | null): Promise<StoredTipKey | undefined> {
  switch (origin.kind) {
    case 'web':
      return undefined;
    case 'whatsapp':
      return findTipByWhatsAppMessage(ctx.store.db, origin.messageId);
    case 'api': {
      if (origin.idempotencyKey === null) return undefined;
      const earlier = await findTipByIdempotencyKey(ctx.store.db, apiTipSource(origin.actor), origin.actor.id, origin.idempotencyKey);
      if (earlier && earlier.requestHash !== hash) throw new AppError('conflict', 'This Idempotency-Key was already used for a different tip.');
      return earlier;
    }
  }
}

const replay = (t: StoredTipKey): TipReceipt => ({ tipId: t.id, reference: t.reference, receivedAt: t.receivedAt, replayed: true });

/** Why no tip could be stored for this alert: unknown (or not yet public) → 404, ended → 410. */
async function notActive(ctx: AppContext, key: AlertKey): Promise<AppError> {
  const alert = await findTipAlert(ctx.store.db, key);
  if (alert?.state === 'ended') return new AppError('alert_ended', 'This alert has ended: the child was found or the alert was withdrawn. Thank you.');
  // A draft or an alert awaiting decisions must look exactly like one that does not exist.
  if (alert?.state === 'active') return new AppError('conflict', 'The alert changed while the tip was stored. Send it again.');
  return new AppError('not_found', 'No active alert has this reference.');
}

export async function submitTip(ctx: AppContext, s: TipSubmission): Promise<TipReceipt> {
  const hash = s.origin.kind === 'api' && s.origin.idempotencyKey !== null ? requestHash(s) : null;
  const earlier = await earlierTip(ctx, s.origin, hash);
  if (earlier) return replay(earlier);

  // CPU-heavy and fallible: before any transaction, so a refused photo leaves nothing behind.
  if (s.photo && s.photo.bytes.length > ctx.config.tips.photoMaxBytes) {
    const message = `The photo is larger than ${Math.floor(ctx.config.tips.photoMaxBytes / (1024 * 1024))} MB.`;
    throw new AppError('payload_too_large', message, { errors: [{ field: 'photo', message }] });
  }
  let photo: ProcessedPhoto | undefined;
  if (s.photo) photo = await processPhoto(s.photo.bytes, { field: 'photo', ...(s.photo.declaredType ? { declaredType: s.photo.declaredType } : {}) });

  // Sealing needs the case's data key, so the case first (the insert still re-checks the alert is active).
  let alertKey = s.alert;
  let key: FieldKey | undefined;
  if (s.draft.contact !== null || photo !== undefined) {
    const alert = await findTipAlert(ctx.store.db, s.alert);
    if (alert?.state !== 'active') throw await notActive(ctx, s.alert);
    alertKey = { alertId: alert.id };
    key = await getDataKey(ctx.store.db, ctx, keyOwner('case', alert.caseId));
  }

  const source = sourceOf(s.origin);
  const sourceDetail = sourceDetailOf(s.origin);
  const d = s.draft;
  for (let attempt = 1; ; attempt++) {
    const id = randomUUID();
    const reference = tipReferenceFrom(randomBytes(TIP_REFERENCE_BYTES));
    const receivedAt = ctx.clock.now();
    const cipher = photo && key ? photoCipher(key) : undefined;
    try {
      const stored = await tipWriter(ctx).write({
        alert: alertKey,
        tip: {
          id,
          reference,
          alertVersion: d.alertVersion,
          source,
          sourceDetail,
          idempotencyKey: s.origin.kind === 'api' ? s.origin.idempotencyKey : null,
          requestHash: hash,
          language: d.language,
          seen: d.seen,
          seenAt: d.seenAt,
          place: d.place,
          lat: d.point?.lat ?? null,
          lon: d.point?.lon ?? null,
          contact: d.contact && key ? encryptField(key, tipContactField(id), tipContactJson(d.contact)) : null,
          hasPhoto: photo !== undefined,
          receivedAt,
        },
        ...(photo && cipher
          ? {
              photo: {
                tipId: id,
                width: photo.width,
                height: photo.height,
                bytes: cipher.seal(photo.jpeg, id),
                thumb: cipher.seal(photo.thumbnail, id),
                sha256: photo.sha256,
                byteSize: photo.jpeg.length,
                createdAt: receivedAt,
              },
            }
          : {}),
        ...(s.origin.kind === 'api' ? { audit: { actor: s.origin.actor, details: { reference, source, photo: photo !== undefined } } } : {}),
      });
      if (!stored) throw await notActive(ctx, s.alert);
      ctx.metrics?.tipReceived(source);
      return { tipId: id, reference, receivedAt, replayed: false };
    } catch (err) {
      switch (uniqueViolationOf(err)) {
        case 'reference':
          if (attempt < REFERENCE_ATTEMPTS) continue;
          throw err;
        case 'idempotency':
        case 'whatsapp_message': {
          // The same message or key committed concurrently: that tip is the answer.
          const again = await earlierTip(ctx, s.origin, hash);
          if (again) return replay(again);
          throw err;
        }
        case 'other':
        case undefined:
          throw err;
      }
    }
  }
}
