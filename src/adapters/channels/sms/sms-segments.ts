/**
 * Turns a text into the short_message octets of one or more submit_sm PDUs. The encoding is the one
 * smsEncoding() picks (domain/alert-text/sms-encoding.ts): GSM-7 when every character is in the GSM 03.38
 * alphabet (data_coding 0, one septet per octet as SMPP carries it, extension characters escaped with
 * 0x1B), otherwise UCS-2 (data_coding 0x08, UTF-16BE). A text longer than one SMS (160 septets, 70 UTF-16
 * units) is concatenated by us: each segment starts with the 6-octet UDH 05 00 03 ref total seq (the
 * submit_sm then needs esm_class 0x40) and carries 153 septets or 67 UTF-16 units, never splitting an
 * escape pair or a surrogate pair, so the segment count always equals smsEncoding(text).segments.
 *
 * @example
 *   const { dataCoding, parts } = smsSegments('اتصلوا بالرقم 19 …', 0x2a);
 *   // dataCoding 8; parts[i] = 05 00 03 2a <total> <i+1> + UTF-16BE
 */
import { GSM7_SEGMENT, GSM7_SINGLE, smsEncoding, UCS2_SEGMENT, UCS2_SINGLE, type SmsEncodingName } from '../../../domain/alert-text/sms-encoding.ts';

/** GSM 03.38 default alphabet by septet value; 0x1B (escape) is a placeholder. */
const GSM_TABLE =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_ESCAPE = 0x1b;
/** Extension table: character → septet after the escape. */
const GSM_EXTENSION: ReadonlyMap<string, number> = new Map([
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
]);
const GSM_BASIC: ReadonlyMap<string, number> = new Map([...GSM_TABLE].map((ch, i) => [ch, i] as const).filter(([, i]) => i !== GSM_ESCAPE));

export const DATA_CODING_GSM7 = 0x00;
export const DATA_CODING_UCS2 = 0x08;
export const ESM_CLASS_UDHI = 0x40;
/** A concatenated message has at most 255 segments (one octet counts them). */
export const MAX_SEGMENTS = 255;

export interface SmsParts {
  readonly encoding: SmsEncodingName;
  readonly dataCoding: typeof DATA_CODING_GSM7 | typeof DATA_CODING_UCS2;
  /** True when the parts start with a UDH (esm_class 0x40). */
  readonly concatenated: boolean;
  readonly parts: readonly Buffer[];
}

/** The septets of one character (two for an extension character). Throws for a non-GSM character. */
function gsmSeptets(ch: string): number[] {
  const basic = GSM_BASIC.get(ch);
  if (basic !== undefined) return [basic];
  const ext = GSM_EXTENSION.get(ch);
  if (ext !== undefined) return [GSM_ESCAPE, ext];
  throw new RangeError('character outside the GSM 7-bit alphabet');
}

/** UTF-16BE octets of a string (Node has only the little-endian codec). */
export function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** Groups per-character octet runs into chunks of at most `size` units, never splitting a character. */
function chunk(units: readonly Buffer[], size: number, unitBytes: number): Buffer[] {
  const chunks: Buffer[][] = [[]];
  let used = 0;
  for (const run of units) {
    const cost = run.length / unitBytes;
    if (used + cost > size) {
      chunks.push([]);
      used = 0;
    }
    chunks[chunks.length - 1]?.push(run);
    used += cost;
  }
  return chunks.map((c) => Buffer.concat(c));
}

/** The parts of `text`, concatenated with reference `ref` (0–255) when it needs more than one SMS. */
export function smsSegments(text: string, ref: number): SmsParts {
  const { encoding } = smsEncoding(text);
  const chars = [...text];
  const runs = encoding === 'GSM-7' ? chars.map((ch) => Buffer.from(gsmSeptets(ch))) : chars.map(utf16be);
  const unitBytes = encoding === 'GSM-7' ? 1 : 2;
  const single = encoding === 'GSM-7' ? GSM7_SINGLE : UCS2_SINGLE;
  const segment = encoding === 'GSM-7' ? GSM7_SEGMENT : UCS2_SEGMENT;
  const dataCoding = encoding === 'GSM-7' ? DATA_CODING_GSM7 : DATA_CODING_UCS2;
  const body = Buffer.concat(runs);
  if (body.length / unitBytes <= single) return { encoding, dataCoding, concatenated: false, parts: [body] };

  const chunks = chunk(runs, segment, unitBytes);
  if (chunks.length > MAX_SEGMENTS) throw new RangeError('text needs more than 255 SMS segments');
  const parts = chunks.map((c, i) => Buffer.concat([Buffer.from([0x05, 0x00, 0x03, ref & 0xff, chunks.length, i + 1]), c]));
  return { encoding, dataCoding, concatenated: true, parts };
}
