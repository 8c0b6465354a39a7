/**
 * Reading a tip's body, strictly, from the three content types the tip routes accept:
 * - application/x-www-form-urlencoded (the form without a photo, and scripts): percent-decoded to
 *   bytes, then decoded as UTF-8 with no tolerance: an invalid or overlong sequence is refused, never
 *   turned into replacement characters;
 * - multipart/form-data (the form as browsers send it, with an optional photo): RFC 7578 parts within
 *   a budget (parts, header bytes, field bytes, one file at most, the photo's own cap), same UTF-8 rule
 *   for the text fields; nested or repeated parts are refused;
 * - application/json: strict UTF-8, then JSON.
 * Every field name must be one the route knows, and appear once. Failures are TipBodyError with a
 * problem code; the route turns them into a 400 (or 413 for an oversized photo).
 *
 * @example
 *   const body = readUrlEncoded(Buffer.from('seen=A+girl&lang=fr'), KNOWN);
 *   body.fields.get('seen'); // 'A girl'
 *   const mp = readMultipart(raw, 'multipart/form-data; boundary=xyz', KNOWN, { maxFileBytes: 10 << 20 });
 *   mp.file?.bytes; // the photo's bytes, as sent
 */

export class TipBodyError extends Error {
  readonly code: 'malformed' | 'not_utf8' | 'unknown_field' | 'repeated_field' | 'too_many_parts' | 'field_too_large' | 'photo_too_large' | 'not_an_object';
  constructor(code: TipBodyError['code'], message: string) {
    super(message);
    this.name = 'TipBodyError';
    this.code = code;
  }
}

export interface TipFile {
  readonly name: string;
  /** The part's declared Content-Type, if any (the bytes decide; only a non-image declaration is refused). */
  readonly contentType: string | undefined;
  readonly bytes: Buffer;
}

export interface TipBody {
  readonly fields: ReadonlyMap<string, string>;
  readonly file?: TipFile;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new TipBodyError('not_utf8', 'The body is not valid UTF-8 text.');
  }
}

function put(fields: Map<string, string>, known: ReadonlySet<string>, name: string, value: string): void {
  if (!known.has(name)) throw new TipBodyError('unknown_field', 'The body has a field this form does not have.');
  if (fields.has(name)) throw new TipBodyError('repeated_field', 'A field appears more than once.');
  fields.set(name, value);
}

const HEX = /^[0-9A-Fa-f]{2}$/;

/** Percent-decoding to bytes ('+' is a space); a stray '%' is malformed. */
function percentDecode(part: Buffer): Buffer {
  const out = Buffer.allocUnsafe(part.length);
  let n = 0;
  for (let i = 0; i < part.length; i++) {
    const b = part[i] ?? 0;
    if (b === 0x2b) out[n++] = 0x20;
    else if (b === 0x25) {
      const hex = part.subarray(i + 1, i + 3).toString('latin1');
      if (!HEX.test(hex)) throw new TipBodyError('malformed', 'The form body has a broken percent escape.');
      out[n++] = Number.parseInt(hex, 16);
      i += 2;
    } else out[n++] = b;
  }
  return out.subarray(0, n);
}

export function readUrlEncoded(body: Buffer, known: ReadonlySet<string>, maxFields = 32): TipBody {
  const fields = new Map<string, string>();
  if (body.length === 0) return { fields };
  let start = 0;
  let count = 0;
  while (start <= body.length) {
    let end = body.indexOf(0x26, start);
    if (end < 0) end = body.length;
    const pair = body.subarray(start, end);
    start = end + 1;
    if (pair.length === 0) continue;
    if (++count > maxFields) throw new TipBodyError('too_many_parts', 'The form body has too many fields.');
    const eq = pair.indexOf(0x3d);
    const name = decodeUtf8(percentDecode(eq < 0 ? pair : pair.subarray(0, eq)));
    const value = decodeUtf8(percentDecode(eq < 0 ? Buffer.alloc(0) : pair.subarray(eq + 1)));
    put(fields, known, name, value);
  }
  return { fields };
}

export interface MultipartLimits {
  readonly maxFileBytes: number;
  readonly maxParts?: number;
  readonly maxHeaderBytes?: number;
  readonly maxFieldBytes?: number;
  /** The one field that may carry a file. */
  readonly fileField?: string;
}

/** The boundary parameter of a multipart/form-data content type (RFC 2046: 1 to 70 characters). */
export function multipartBoundary(contentType: string): string | undefined {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([0-9A-Za-z'()+_,\-./:=?]{1,70}))\s*(?:;|$)/i.exec(contentType);
  const b = m?.[1] ?? m?.[2];
  return b !== undefined && /^[0-9A-Za-z'()+_,\-./:=? ]*[0-9A-Za-z'()+_,\-./:=?]$/.test(b) ? b : undefined;
}

interface PartHeaders {
  readonly name: string;
  readonly filename: boolean;
  readonly contentType: string | undefined;
}

function partHeaders(raw: Buffer): PartHeaders {
  const text = decodeUtf8(raw);
  let name: string | undefined;
  let filename = false;
  let contentType: string | undefined;
  let disposition = false;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new TipBodyError('malformed', 'A part of the multipart body has a broken header.');
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === 'content-disposition') {
      if (disposition) throw new TipBodyError('malformed', 'A part has two Content-Disposition headers.');
      disposition = true;
      if (!/^form-data\s*(;|$)/i.test(value)) throw new TipBodyError('malformed', 'A part is not form-data.');
      const n = /;\s*name="([^"]*)"/i.exec(value) ?? /;\s*name=([^;\s"]+)/i.exec(value);
      name = n?.[1];
      filename = /;\s*filename\*?=/i.test(value);
    } else if (header === 'content-type') {
      contentType = value.toLowerCase();
      if (contentType.startsWith('multipart/')) throw new TipBodyError('malformed', 'Nested multipart bodies are not accepted.');
    }
    // Other part headers (Content-Transfer-Encoding and the like) are ignored, as RFC 7578 allows.
  }
  if (name === undefined || name === '') throw new TipBodyError('malformed', 'A part of the multipart body has no field name.');
  return { name, filename, contentType };
}

export function readMultipart(body: Buffer, contentType: string, known: ReadonlySet<string>, limits: MultipartLimits): TipBody {
  const boundary = multipartBoundary(contentType);
  if (boundary === undefined) throw new TipBodyError('malformed', 'The multipart body has no valid boundary.');
  const maxParts = limits.maxParts ?? 24;
  const maxHeaderBytes = limits.maxHeaderBytes ?? 1024;
  const maxFieldBytes = limits.maxFieldBytes ?? 16 * 1024;
  const fileField = limits.fileField ?? 'photo';
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');

  // The first delimiter opens the body (a preamble before it is tolerated, as RFC 2046 allows).
  let pos: number;
  if (body.subarray(0, delimiter.length).equals(delimiter)) pos = delimiter.length;
  else {
    const at = body.indexOf(nextDelimiter);
    if (at < 0) throw new TipBodyError('malformed', 'The multipart body does not start with its boundary.');
    pos = at + nextDelimiter.length;
  }
  const fields = new Map<string, string>();
  let file: TipFile | undefined;
  for (let parts = 0; ; parts++) {
    // After a delimiter: "--" ends the body; otherwise CRLF and a part.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return file ? { fields, file } : { fields };
    // Transport padding (spaces, tabs) is allowed before the line break.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw new TipBodyError('malformed', 'The multipart body is broken after a boundary.');
    pos += 2;
    if (parts >= maxParts) throw new TipBodyError('too_many_parts', 'The multipart body has too many parts.');
    const headerEnd = body.indexOf('\r\n\r\n', pos, 'latin1');
    if (headerEnd < 0 || headerEnd - pos > maxHeaderBytes) throw new TipBodyError('malformed', 'A part of the multipart body has missing or oversized headers.');
    const headers = partHeaders(body.subarray(pos, headerEnd));
    const contentStart = headerEnd + 4;
    const contentEnd = body.indexOf(nextDelimiter, contentStart);
    if (contentEnd < 0) throw new TipBodyError('malformed', 'The multipart body ends before its closing boundary.');
    const content = body.subarray(contentStart, contentEnd);
    pos = contentEnd + nextDelimiter.length;

    if (!known.has(headers.name)) throw new TipBodyError('unknown_field', 'The body has a field this form does not have.');
    if (headers.name === fileField) {
      if (file !== undefined) throw new TipBodyError('repeated_field', 'Only one photo may be sent.');
      // A browser sends an empty file part when no photo was chosen.
      if (content.length === 0) continue;
      if (content.length > limits.maxFileBytes) throw new TipBodyError('photo_too_large', 'The photo is too large.');
      file = { name: headers.name, contentType: headers.contentType, bytes: content };
      continue;
    }
    if (headers.filename) throw new TipBodyError('malformed', 'Only the photo field may carry a file.');
    if (content.length > maxFieldBytes) throw new TipBodyError('field_too_large', 'A field of the multipart body is too large.');
    put(fields, known, headers.name, decodeUtf8(content));
  }
}

/** A JSON body: strict UTF-8, then a plain object (the route's schema checks the rest). */
export function readJsonObject(body: Buffer): Record<string, unknown> {
  const text = decodeUtf8(body);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TipBodyError('malformed', 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TipBodyError('not_an_object', 'The body must be a JSON object.');
  return value as Record<string, unknown>;
}
