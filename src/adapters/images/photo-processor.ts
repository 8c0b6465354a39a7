/**
 * Turns an uploaded photo of a child into the only bytes we keep: a fresh JPEG (long side at most
 * 2048 px) and a 480-px thumbnail, upright, flattened on white, in sRGB, with no metadata at all (no
 * EXIF, GPS, XMP, IPTC, ICC, comments). The upload itself is never stored or served.
 *
 * Order of checks, cheapest first, so hostile input costs little: size cap → type by content (the
 * file name is not looked at; a declared type only counts against the upload) → polyglot scan → declared dimensions from the header
 * → decode under a pixel limit → re-encode. Every refusal is an AppError naming the field.
 *
 * @example
 *   const photo = await processPhoto(upload);           // throws AppError on bad input
 *   photo.jpeg; photo.thumbnail; photo.width; photo.height; photo.sha256; photo.sourceType;
 */
import { createHash } from 'node:crypto';
import type { Metadata, OutputInfo, Sharp, SharpOptions } from 'sharp';
import sharp from './sharp.ts';
import { AppError, type ErrorCode } from '../../domain/errors.ts';
import { decodeHeic } from './heic-decoder.ts';
import { isPlausiblePhotoDeclaration, looksLikePolyglot, type PhotoSourceType, sniffImageType } from './image-type.ts';

export type { PhotoSourceType } from './image-type.ts';

/** 15 MB: a phone's full-resolution photo fits; anything larger is refused before decoding. */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
/** 40 megapixels: above any phone camera, far below a decompression bomb's gigapixels. */
export const MAX_PHOTO_PIXELS = 40_000_000;
export const PHOTO_LONG_SIDE = 2048;
export const THUMBNAIL_LONG_SIDE = 480;
const JPEG_QUALITY = 85;
const THUMBNAIL_QUALITY = 80;
const DECODE_TIMEOUT_SECONDS = 30;

export interface ProcessedPhoto {
  /** Progressive JPEG (mozjpeg), sRGB, no metadata; what is stored and served. */
  readonly jpeg: Buffer;
  readonly thumbnail: Buffer;
  readonly width: number;
  readonly height: number;
  /** SHA-256 of `jpeg`, lowercase hex. */
  readonly sha256: string;
  /** What the upload really was, from its bytes. */
  readonly sourceType: PhotoSourceType;
}

export interface ProcessPhotoOptions {
  /** Content type the client declared; only used to refuse uploads labelled as non-images. */
  readonly declaredType?: string;
  /** Field name for error reports (default "photo"). */
  readonly field?: string;
}

const refuse = (code: ErrorCode, field: string, message: string): AppError => new AppError(code, message, { errors: [{ field, message }] });

/** A sharp pipeline over the upload whose declared size has been checked; pixels not yet decoded. */
async function openRasterSource(bytes: Buffer, field: string): Promise<Sharp> {
  const options: SharpOptions = { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error', sequentialRead: true };
  let meta: Metadata;
  try {
    // Reads the header only (no pixel is decoded), so the declared size can be judged here, with
    // our own message, before the decoder's own pixel limit ever comes into play.
    meta = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw refuse('validation_failed', field, 'The photo could not be read as an image; it may be damaged or incomplete.');
  }
  const { width, height } = meta;
  if (!width || !height) throw refuse('validation_failed', field, 'The photo could not be read as an image; it may be damaged or incomplete.');
  if (width * height > MAX_PHOTO_PIXELS) throw tooManyPixels(field);
  // autoOrient applies the EXIF orientation; any embedded ICC profile is used to convert to sRGB.
  return sharp(bytes, { ...options, autoOrient: true });
}

/** A sharp pipeline over the HEIC's decoded RGBA pixels (decoded in a worker, under the pixel limit). */
async function openHeicSource(bytes: Buffer, field: string): Promise<Sharp> {
  let result: Awaited<ReturnType<typeof decodeHeic>>;
  try {
    result = await decodeHeic(bytes, MAX_PHOTO_PIXELS);
  } catch {
    throw refuse('validation_failed', field, 'The HEIC photo could not be decoded.');
  }
  switch (result.kind) {
    case 'unreadable':
      throw refuse('validation_failed', field, 'The HEIC photo could not be decoded; it may be damaged or use an unsupported variant.');
    case 'too_large':
      throw tooManyPixels(field);
    case 'decoded':
      // libheif has already applied the container's rotation and mirroring.
      return sharp(result.rgba, { raw: { width: result.width, height: result.height, channels: 4 }, limitInputPixels: MAX_PHOTO_PIXELS });
  }
}

const tooManyPixels = (field: string): AppError =>
  refuse('validation_failed', field, `The photo's dimensions are too large (at most ${MAX_PHOTO_PIXELS / 1_000_000} megapixels).`);

const encodeJpeg = (pixels: Buffer, info: OutputInfo, longSide: number, quality: number): Promise<Buffer> =>
  sharp(pixels, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
    // mozjpeg is built into sharp's prebuilt libvips: smaller files at the same quality.
    .jpeg({ quality, mozjpeg: true, chromaSubsampling: '4:2:0' })
    .toBuffer();

/**
 * Validates and re-encodes one upload. Throws AppError: payload_too_large (over 15 MB),
 * unsupported_media_type (not JPEG, PNG, WebP or HEIC by content, or declared as a non-image),
 * validation_failed (polyglot, damaged, truncated, or over 40 megapixels).
 */
export async function processPhoto(upload: Buffer, options: ProcessPhotoOptions = {}): Promise<ProcessedPhoto> {
  const field = options.field ?? 'photo';
  if (upload.length === 0) throw refuse('validation_failed', field, 'The photo is empty.');
  if (upload.length > MAX_PHOTO_BYTES) throw refuse('payload_too_large', field, `The photo is larger than ${MAX_PHOTO_BYTES / (1024 * 1024)} MB.`);
  const sourceType = sniffImageType(upload);
  if (!sourceType) throw refuse('unsupported_media_type', field, 'The file is not a JPEG, PNG, WebP or HEIC photo.');
  if (!isPlausiblePhotoDeclaration(options.declaredType)) {
    throw refuse('unsupported_media_type', field, 'The file was sent as something other than an image; send a JPEG, PNG, WebP or HEIC photo.');
  }
  if (looksLikePolyglot(upload)) throw refuse('validation_failed', field, 'The photo contains embedded markup or script and was refused.');

  const image = sourceType === 'image/heic' ? await openHeicSource(upload, field) : await openRasterSource(upload, field);

  let pixels: { data: Buffer; info: OutputInfo };
  try {
    pixels = await image
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .resize({ width: PHOTO_LONG_SIDE, height: PHOTO_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message)) throw tooManyPixels(field);
    throw refuse('validation_failed', field, 'The photo could not be decoded; it may be damaged or incomplete.');
  }

  // Encoding from bare pixels guarantees nothing of the upload but its picture survives.
  const [jpeg, thumbnail] = await Promise.all([
    encodeJpeg(pixels.data, pixels.info, PHOTO_LONG_SIDE, JPEG_QUALITY),
    encodeJpeg(pixels.data, pixels.info, THUMBNAIL_LONG_SIDE, THUMBNAIL_QUALITY),
  ]);
  return {
    jpeg,
    thumbnail,
    width: pixels.info.width,
    height: pixels.info.height,
    sha256: createHash('sha256').update(jpeg).digest('hex'),
    sourceType,
  };
}
