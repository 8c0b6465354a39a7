/**
 * What an uploaded photo really is, decided from its bytes, never from its name or declared type.
 * Written here rather than taken from the `file-type` package, which is not installed: the four
 * formats we accept have short, well-defined signatures, and everything else is refused.
 *
 * @example
 *   sniffImageType(bytes); // 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | null
 */

export const ACCEPTED_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export type PhotoSourceType = (typeof ACCEPTED_PHOTO_TYPES)[number];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/**
 * ISO-BMFF major brands of HEIF files holding HEVC images (phones' HEIC photos). AVIF ('avif',
 * 'avis') shares the container but not the codec, and is not listed.
 */
const HEIF_BRANDS: ReadonlySet<string> = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

const ascii = (bytes: Uint8Array, from: number, to: number): string => (bytes.length >= to ? String.fromCharCode(...bytes.subarray(from, to)) : '');

function isHeif(bytes: Uint8Array): boolean {
  // [box size: u32 BE]['ftyp'][major brand][minor version][compatible brands…]
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  const boxSize = ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  if (boxSize < 16 || boxSize > bytes.length) return false;
  return HEIF_BRANDS.has(ascii(bytes, 8, 12));
}

function isWebp(bytes: Uint8Array): boolean {
  // RIFF container whose form type is WEBP and whose first chunk is one of the three WebP bitstreams.
  return ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP' && ['VP8 ', 'VP8L', 'VP8X'].includes(ascii(bytes, 12, 16));
}

/** The accepted type the bytes carry, or null for anything else (scripts, SVG, GIF, PDF, AVIF, …). */
export function sniffImageType(bytes: Uint8Array): PhotoSourceType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (isWebp(bytes)) return 'image/webp';
  if (isHeif(bytes)) return 'image/heic';
  return null;
}

/**
 * Markup or script that a browser or interpreter would act on. Each pattern fixes at least six
 * bytes, so compressed image data matches one by chance far less than once in a million photos over
 * the windows scanned. (A bare SVG never gets this far: it cannot start with an image signature.)
 */
const ACTIVE_CONTENT = /<(?:script|html|iframe|object|embed|body)[\s>/]|<\?php\s|<!doctype|<\?xml-stylesheet/i;

/** Bytes scanned at each end: where browsers sniff for HTML, and where appended payloads sit. */
const POLYGLOT_WINDOW = 64 * 1024;

/**
 * True when an image also carries HTML, SVG or PHP at its start or end (a polyglot). We never serve
 * the uploaded bytes, only our re-encoding, so this is defence in depth and a clear refusal of a
 * file that was built to be two things at once.
 */
export function looksLikePolyglot(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = buf.subarray(0, POLYGLOT_WINDOW).toString('latin1');
  if (ACTIVE_CONTENT.test(head)) return true;
  if (buf.length <= POLYGLOT_WINDOW) return false;
  return ACTIVE_CONTENT.test(buf.subarray(Math.max(POLYGLOT_WINDOW, buf.length - POLYGLOT_WINDOW)).toString('latin1'));
}

/**
 * Whether a client-declared content type could describe a photo at all. The bytes decide the
 * type; this only refuses uploads the client itself labelled as something else (text/html, …).
 */
export function isPlausiblePhotoDeclaration(declaredType: string | undefined): boolean {
  if (declaredType === undefined) return true;
  const base = (declaredType.split(';')[0] ?? '').trim().toLowerCase();
  if (base === '' || base === 'application/octet-stream') return true;
  return base.startsWith('image/') && base !== 'image/svg+xml';
}
