/**
 * SMSC message ids, normalised so that the id returned by submit_sm_resp (stored as the delivery's
 * providerRef) and the id a delivery receipt names compare equal. SMSCs differ: most repeat the same
 * string (possibly zero-padded or in another letter case), some return hex in submit_sm_resp and write
 * decimal in the receipt text ("id:…"), or the reverse. Which base each side uses cannot be told from
 * one id ("500" is valid in both), so it is configured per SMSC, as in Kannel's msg-id-type:
 *
 * - 'opaque' (default): the id is a string; trimmed, lower-cased, leading zeros dropped.
 * - { submit, receipt }: each side's base; ids become the decimal string of their value. The TLV
 *   receipted_message_id is in the submit base (SMPP 3.4 §5.3.2.12: the id submit_sm_resp returned),
 *   the receipt text's id in the receipt base.
 *
 * @example
 *   normaliseMessageId('00A1F', 'opaque');  // 'a1f'
 *   normaliseMessageId('A1F', 'hex');       // '2591'
 *   normaliseMessageId('2591', 'decimal');  // '2591'
 */
export type MessageIdBase = 'hex' | 'decimal';
export type MessageIdFormat = 'opaque' | { readonly submit: MessageIdBase; readonly receipt: MessageIdBase };

const opaque = (raw: string): string =>
  raw
    .replace(/\0/g, '')
    .trim()
    .toLowerCase()
    .replace(/^0+(?=.)/, '');

/** The canonical form of one id read in the given base; an id that is not a number there stays opaque. */
export function normaliseMessageId(raw: string, base: MessageIdBase | 'opaque'): string {
  const text = opaque(raw);
  if (base === 'hex' && /^[0-9a-f]{1,32}$/.test(text)) return BigInt(`0x${text}`).toString(10);
  if (base === 'decimal' && /^\d{1,40}$/.test(text)) return BigInt(text).toString(10);
  return text;
}

/** Which base an id from this source is in, under the configured format. */
export function baseOf(format: MessageIdFormat, source: 'submit' | 'receipt'): MessageIdBase | 'opaque' {
  return format === 'opaque' ? 'opaque' : format[source];
}
