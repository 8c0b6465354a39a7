/**
 * Reads an SMPP delivery receipt (a deliver_sm with esm_class bit 0x04). The TLVs receipted_message_id
 * and message_state are preferred; SMSCs that omit them only write the vendor-specific text
 * "id:… sub:001 dlvrd:001 submit date:… done date:… stat:DELIVRD err:000 text:…", whose fields are read
 * instead, field by field. Only final states become a receipt: DELIVERED → delivered; EXPIRED, DELETED,
 * UNDELIVERABLE, REJECTED → failed with a stable code (the receipt's err value appended when non-zero).
 * ENROUTE, ACCEPTED, UNKNOWN and the like are intermediate and change nothing.
 *
 * @example
 *   readDeliveryReceipt({ receiptedMessageId: '1A2B', messageState: 5, text: 'id:6699 … stat:UNDELIV err:012' }, 'opaque');
 *   // { kind: 'final', providerRef: '1a2b', status: 'failed', errorCode: 'smpp_undeliv_012' }
 */
import { baseOf, normaliseMessageId, type MessageIdFormat } from './message-id.ts';

export interface ReceiptFields {
  readonly receiptedMessageId: string | null;
  readonly messageState: number | null;
  /** The short_message (or message_payload) text, '' when absent. */
  readonly text: string;
}

export type ReceiptReading =
  | { readonly kind: 'final'; readonly providerRef: string; readonly status: 'delivered' | 'failed'; readonly errorCode?: string }
  | { readonly kind: 'intermediate' }
  | { readonly kind: 'unreadable' };

type Outcome = { readonly status: 'delivered' } | { readonly status: 'failed'; readonly code: string } | null;

/** message_state TLV values (SMPP 3.4 §5.2.28). */
const BY_STATE: ReadonlyMap<number, Outcome> = new Map<number, Outcome>([
  [2, { status: 'delivered' }],
  [3, { status: 'failed', code: 'smpp_expired' }],
  [4, { status: 'failed', code: 'smpp_deleted' }],
  [5, { status: 'failed', code: 'smpp_undeliv' }],
  [8, { status: 'failed', code: 'smpp_rejectd' }],
]);

/** The receipt text's stat: values (SMPP 3.4 Appendix B). */
const BY_STAT: ReadonlyMap<string, Outcome> = new Map<string, Outcome>([
  ['DELIVRD', { status: 'delivered' }],
  ['EXPIRED', { status: 'failed', code: 'smpp_expired' }],
  ['DELETED', { status: 'failed', code: 'smpp_deleted' }],
  ['UNDELIV', { status: 'failed', code: 'smpp_undeliv' }],
  ['REJECTD', { status: 'failed', code: 'smpp_rejectd' }],
]);

const field = (text: string, name: string): string | null => new RegExp(`(?:^|\\s)${name}:\\s*(\\S+)`, 'i').exec(text)?.[1] ?? null;

export function readDeliveryReceipt(fields: ReceiptFields, format: MessageIdFormat): ReceiptReading {
  const tlvId = fields.receiptedMessageId?.replace(/\0/g, '').trim() || null;
  const textId = field(fields.text, 'id');
  const ref = tlvId ? normaliseMessageId(tlvId, baseOf(format, 'submit')) : textId ? normaliseMessageId(textId, baseOf(format, 'receipt')) : '';
  if (!ref) return { kind: 'unreadable' };

  const stat = field(fields.text, 'stat')?.toUpperCase() ?? null;
  let outcome: Outcome | undefined;
  if (fields.messageState !== null) outcome = BY_STATE.get(fields.messageState) ?? null;
  else if (stat !== null) outcome = BY_STAT.get(stat) ?? null;
  else return { kind: 'unreadable' };
  if (!outcome) return { kind: 'intermediate' };
  if (outcome.status === 'delivered') return { kind: 'final', providerRef: ref, status: 'delivered' };

  const err = field(fields.text, 'err')?.toLowerCase() ?? '';
  const detail = /^[0-9a-z]{1,8}$/.test(err) && !/^0+$/.test(err) ? `_${err}` : '';
  return { kind: 'final', providerRef: ref, status: 'failed', errorCode: `${outcome.code}${detail}` };
}
