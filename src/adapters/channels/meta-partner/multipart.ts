/**
 * A multipart/form-data body (RFC 7578) built in memory, so its exact size is known before anything is
 * sent and a too-large hand-off can be refused without opening a connection. Parts are files with a
 * name, a filename and a content type; their bytes are carried untouched (binary-safe). The boundary is
 * random and checked against every part, so no content can end a part early.
 *
 * @example
 *   const { body, contentType } = multipartBody([{ name: 'cap', filename: 'alert.xml', contentType: 'application/cap+xml', data }]);
 */
import { randomBytes } from 'node:crypto';

export interface FilePart {
  /** Form field name: letters, digits, '-', '_' and '.' only (no quoting needed). */
  readonly name: string;
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
}

const SAFE_TOKEN = /^[A-Za-z0-9._-]{1,100}$/;
const CRLF = '\r\n';

/** Bytes the framing adds around the parts' data for a given boundary (exact, for size checks). */
function frame(part: FilePart, boundary: string): Buffer {
  if (!SAFE_TOKEN.test(part.name) || !SAFE_TOKEN.test(part.filename)) throw new Error('multipart part names must be plain tokens');
  return Buffer.from(`--${boundary}${CRLF}Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"${CRLF}Content-Type: ${part.contentType}${CRLF}${CRLF}`, 'utf8');
}

export function multipartBody(parts: readonly FilePart[]): { body: Buffer; contentType: string } {
  let boundary = `tifli-${randomBytes(18).toString('hex')}`;
  while (parts.some((p) => p.data.includes(boundary))) boundary = `tifli-${randomBytes(18).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) chunks.push(frame(part, boundary), part.data, Buffer.from(CRLF));
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
