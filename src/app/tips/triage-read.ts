/**
 * One tip in full for the officers: its content, score breakdown, status history, near-duplicate group
 * and, when asked for by someone who reads the case in full, the tipster's contact (opened from the
 * case's data key). Every read states its purpose and is audited in the reading transaction as
 * `tip.read_restricted` with the names of the fields returned (`contact` only when it was opened).
 * The photo is read the same way (`photo`).
 *
 * @example
 *   const detail = await readTip(ctx, actor, tipId, { purpose: 'call the tipster back', contact: true });
 *   detail.contact; // { state: 'shown', name, phone, callbackConsent, whatsappSender } | { state: 'none' | 'withheld' | 'not_requested' | 'erased' }
 */
import type { UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import type { TipContact } from '../../domain/tips/tip-contact.ts';
import { tipContactField, tipContactFromJson } from '../../domain/tips/tip-contact.ts';
import type { TipStatus } from '../../domain/tips/tip-status.ts';
import { decryptField, keyOwner } from '../../platform/crypto/field-cipher.ts';
import { findTipPhoto } from '../../store/repositories/tips.repository.ts';
import { groupSizes, listGroupMembers, listTipHistory, type GroupMemberRow } from '../../store/repositories/tip-triage.repository.ts';
import { auditRead } from '../audit/audit-read.ts';
import type { AppContext } from '../context.ts';
import { DataKeyDestroyedError, getDataKey } from '../crypto/data-keys.ts';
import { photoCipher } from '../photos/photo-cipher.ts';
import { loadTipFor, readsCaseInFull } from './triage-access.ts';
import { TIP_VIEW_FIELDS, type TipTriageView, tipTriageView } from './triage-views.ts';

/** Most group members listed with a tip (the group's size is always given). */
export const GROUP_MEMBERS_MAX = 50;

export type TipContactView =
  | ({ readonly state: 'shown' } & TipContact)
  /** The tipster left no contact. */
  | { readonly state: 'none' }
  /** Not asked for (`contact=true` opens it). */
  | { readonly state: 'not_requested' }
  /** The reader does not read this case in full. */
  | { readonly state: 'withheld' }
  /** The case's data key was destroyed: the contact is gone for good. */
  | { readonly state: 'erased' };

export interface TipHistoryEntry {
  readonly at: Date;
  readonly actorId: string;
  readonly from: TipStatus;
  readonly to: TipStatus;
  readonly reason: string | null;
  readonly duplicateOf: string | null;
}

export interface TipGroupMember {
  readonly id: string;
  readonly reference: string;
  readonly status: TipStatus;
  readonly score: number | null;
  readonly seenAt: Date | null;
  readonly receivedAt: Date;
  readonly source: GroupMemberRow['source'];
  readonly lead: boolean;
}

export interface TipDetail {
  readonly tip: TipTriageView;
  readonly history: readonly TipHistoryEntry[];
  /** The near-duplicate group (null until triaged): its lead's id, size and first members. */
  readonly group: { readonly id: string; readonly size: number; readonly members: readonly TipGroupMember[] } | null;
  readonly contact: TipContactView;
}

export async function readTip(ctx: Pick<AppContext, 'store' | 'clock' | 'keys'>, actor: UserActor, tipId: string, q: { purpose: string | undefined; contact: boolean }): Promise<TipDetail> {
  const { tip, caseRow } = await loadTipFor(ctx.store.db, actor, tipId, 'tip.read');
  return ctx.store.db.transaction().execute(async (trx) => {
    let contact: TipContactView;
    if (tip.contact === null) contact = { state: 'none' };
    else if (!q.contact) contact = { state: 'not_requested' };
    else if (!readsCaseInFull(actor, caseRow)) contact = { state: 'withheld' };
    else {
      try {
        const opened = tipContactFromJson(decryptField(await getDataKey(trx, ctx, keyOwner('case', caseRow.id)), tipContactField(tip.id), tip.contact));
        if (!opened) throw new Error('a stored tip contact does not read as one');
        contact = { state: 'shown', ...opened };
      } catch (err) {
        if (!(err instanceof DataKeyDestroyedError)) throw err;
        contact = { state: 'erased' };
      }
    }
    await auditRead(trx, ctx.clock, actor, {
      objectType: 'tip',
      objectId: tip.id,
      fields: [...TIP_VIEW_FIELDS, 'history.reason', ...(contact.state === 'shown' ? ['contact'] : [])],
      purpose: q.purpose,
    });
    const history = (await listTipHistory(trx, tip.id)).map((h) => ({ at: h.at, actorId: h.actor_id, from: h.from_status as TipStatus, to: h.to_status as TipStatus, reason: h.reason, duplicateOf: h.duplicate_of }));
    let group: TipDetail['group'] = null;
    let size = 1;
    if (tip.group_id !== null) {
      const groupId = tip.group_id;
      size = (await groupSizes(trx, [groupId])).get(groupId) ?? 1;
      const members = (await listGroupMembers(trx, groupId, GROUP_MEMBERS_MAX)).map((m) => ({
        id: m.id,
        reference: m.reference,
        status: m.status,
        score: m.score,
        seenAt: m.seen_at,
        receivedAt: m.received_at,
        source: m.source,
        lead: m.id === groupId,
      }));
      group = { id: groupId, size, members };
    }
    return { tip: tipTriageView(tip, size), history, group, contact };
  });
}

export interface TipPhotoContent {
  readonly mime: 'image/jpeg';
  readonly bytes: Buffer;
}

/** The tip's photo (re-encoded JPEG, no metadata) or its thumbnail, opened with the case's key; audited. */
export async function readTipPhoto(ctx: Pick<AppContext, 'store' | 'clock' | 'keys'>, actor: UserActor, tipId: string, q: { variant: 'full' | 'thumb'; purpose: string | undefined }): Promise<TipPhotoContent> {
  const { tip, caseRow } = await loadTipFor(ctx.store.db, actor, tipId, 'tip.read');
  return ctx.store.db.transaction().execute(async (trx) => {
    const photo = tip.has_photo ? await findTipPhoto(trx, tip.id) : undefined;
    const sealed = photo && (q.variant === 'thumb' ? photo.thumb : photo.bytes);
    if (!sealed) throw new AppError('not_found', 'This tip has no photo.');
    await auditRead(trx, ctx.clock, actor, { objectType: 'tip', objectId: tip.id, fields: ['photo'], purpose: q.purpose });
    // A destroyed case key throws data_erased (410): the photo went with the case's data.
    const key = await getDataKey(trx, ctx, keyOwner('case', caseRow.id));
    return { mime: 'image/jpeg', bytes: photoCipher(key).open(sealed, tip.id) };
  });
}
