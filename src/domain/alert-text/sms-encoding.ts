/**
 * How many SMS segments and cell broadcast pages a text takes (3GPP TS 23.038 / GSM 03.38, TS 23.041).
 *
 * A text made only of characters of the GSM 7-bit default alphabet and its extension table is sent as
 * GSM-7: 160 septets in one SMS, 153 per segment of a concatenated one, each extension character (€, [,
 * ], {, }, ~, ^, \, |, form feed) costing 2 septets (escape + character). Any other character (â, ê, î,
 * ô, û, ç, Arabic, Tifinagh, typographic quotes …) makes the whole text UCS-2: 70 UTF-16 units in one
 * SMS, 67 per segment. A segment boundary never splits an escape pair or a surrogate pair.
 *
 * A cell broadcast page carries 82 octets: 93 GSM-7 characters or 41 UCS-2 characters; a message has at
 * most 15 pages.
 *
 * @example
 *   smsEncoding('Appelez le 19');      // { encoding: 'GSM-7', units: 13, segments: 1 }
 *   smsEncoding('اتصلوا بالرقم 19');   // { encoding: 'UCS-2', units: 16, segments: 1 }
 *   fitsCellBroadcast(text, 4);       // true when the text fits in 4 pages
 */

export type SmsEncodingName = 'GSM-7' | 'UCS-2';

export interface SmsEncoding {
  readonly encoding: SmsEncodingName;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 units for UCS-2. */
  readonly units: number;
  /** SMS segments needed (1 for an empty text). */
  readonly segments: number;
}

/** The GSM 03.38 default alphabet, in table order (0x1B, the escape to the extension table, left out). */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table reached through the escape: each costs 2 septets. */
const GSM_EXTENSION = '\f^{}\\[~]|€';

const BASIC: ReadonlySet<string> = new Set(GSM_BASIC);
const EXTENSION: ReadonlySet<string> = new Set(GSM_EXTENSION);

export const GSM7_SINGLE = 160;
export const GSM7_SEGMENT = 153;
export const UCS2_SINGLE = 70;
export const UCS2_SEGMENT = 67;
export const CELL_BROADCAST_MAX_PAGES = 15;
export const CELL_BROADCAST_GSM7_PER_PAGE = 93;
export const CELL_BROADCAST_UCS2_PER_PAGE = 41;

/** True when every character is in the GSM 7-bit default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false;
  return true;
}

/** The cost of each character in the text's encoding: septets for GSM-7, UTF-16 units for UCS-2. */
function costs(text: string, encoding: SmsEncodingName): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(encoding === 'GSM-7' ? (EXTENSION.has(ch) ? 2 : 1) : ch.length);
  return out;
}

/** How many containers of `size` units the characters fill, never splitting one character. */
function packInto(charCosts: readonly number[], size: number): number {
  let containers = 1;
  let used = 0;
  for (const cost of charCosts) {
    if (used + cost > size) {
      containers++;
      used = 0;
    }
    used += cost;
  }
  return containers;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export function smsEncoding(text: string): SmsEncoding {
  const encoding: SmsEncodingName = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  const charCosts = costs(text, encoding);
  const units = sum(charCosts);
  const single = encoding === 'GSM-7' ? GSM7_SINGLE : UCS2_SINGLE;
  const segment = encoding === 'GSM-7' ? GSM7_SEGMENT : UCS2_SEGMENT;
  return { encoding, units, segments: units <= single ? 1 : packInto(charCosts, segment) };
}

/** UTF-16 units: the length of the text if it is sent as UCS-2 (e.g. in a batch that forces UCS-2). */
export const ucs2Units = (text: string): number => text.length;

/** True when the text is one SMS even if the operator sends it as UCS-2: the sms70 rule. */
export function fitsOneUcs2Segment(text: string): boolean {
  return smsEncoding(text).segments === 1 && ucs2Units(text) <= UCS2_SINGLE;
}

/** Cell broadcast pages the text needs (1 for an empty text). */
export function cellBroadcastPages(text: string): number {
  const encoding: SmsEncodingName = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  return packInto(costs(text, encoding), encoding === 'GSM-7' ? CELL_BROADCAST_GSM7_PER_PAGE : CELL_BROADCAST_UCS2_PER_PAGE);
}

/** True when the text fits in `pages` cell broadcast pages; pages is an integer from 1 to 15. */
export function fitsCellBroadcast(text: string, pages: number): boolean {
  if (!Number.isInteger(pages) || pages < 1 || pages > CELL_BROADCAST_MAX_PAGES) {
    throw new RangeError(`Cell broadcast pages must be an integer from 1 to ${CELL_BROADCAST_MAX_PAGES}.`);
  }
  return cellBroadcastPages(text) <= pages;
}
