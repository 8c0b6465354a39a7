/**
 * Posters and share cards of an alert, per language: square (1080×1080, feeds), story (1080×1920) and
 * og (1200×630, the Open Graph / WhatsApp preview). An active alert's poster shows the photo, the name as
 * consented, the age, the description, when and where the child was last seen, the number to call and
 * the reference; an ended alert gets the "found — thank you" card (or a neutral notice), with no photo
 * and no name. All text is drawn as glyph outlines (text-layout.ts); the result is a JPEG kept under
 * 300 KB, the safe size for WhatsApp previews (shared/specs/channels.md §7).
 *
 * @example
 *   const jpeg = await renderPoster(view, 'ar-MA', 'og', photoBytes);   // photoBytes: the stored alert photo or null
 *   const card = await renderFoundCard(ended, 'fr-MA', 'square');
 */
import type { OverlayOptions, Sharp } from 'sharp';
import sharp from '../images/sharp.ts';
import type { AlertLanguage } from '../../domain/alert-text/alert-languages.ts';
import type { ActivePublicAlert, EndedPublicAlert } from '../../domain/alert/public-alert.ts';
import { EXERCISE_BANNER, HEADER, localDateTime, POSTER_LABELS } from './poster-labels.ts';
import { textBlock, type TextDirection, type TextStyle } from './text-layout.ts';

export type PosterFormat = 'square' | 'story' | 'og';
export const POSTER_FORMATS: readonly PosterFormat[] = ['square', 'story', 'og'];

/** WhatsApp's most conservative preview limit; every format is kept under it. */
export const MAX_POSTER_BYTES = 300 * 1024;

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

interface Frame {
  readonly width: number;
  readonly height: number;
  readonly headerH: number;
  readonly headerSize: number;
  readonly bannerH: number;
  /** Where the photo goes (mirrored for Arabic). */
  readonly photo: Rect;
  /** The text column beside or under the photo, and the one used when there is no photo. */
  readonly column: Rect;
  readonly columnNoPhoto: Rect;
  readonly sizes: { readonly name: number; readonly second: number; readonly meta: number; readonly body: number };
  readonly callH: number;
  readonly callSizes: { readonly label: number; readonly number: number; readonly ref: number };
}

const FRAMES: { readonly [F in PosterFormat]: Frame } = {
  square: {
    width: 1080,
    height: 1080,
    headerH: 130,
    headerSize: 54,
    bannerH: 56,
    photo: { x: 40, y: 160, w: 420, h: 540 },
    column: { x: 490, y: 160, w: 550, h: 710 },
    columnNoPhoto: { x: 40, y: 160, w: 1000, h: 710 },
    sizes: { name: 52, second: 34, meta: 31, body: 29 },
    callH: 190,
    callSizes: { label: 40, number: 150, ref: 30 },
  },
  story: {
    width: 1080,
    height: 1920,
    headerH: 200,
    headerSize: 64,
    bannerH: 70,
    photo: { x: 230, y: 240, w: 620, h: 740 },
    column: { x: 60, y: 1010, w: 960, h: 580 },
    columnNoPhoto: { x: 60, y: 240, w: 960, h: 1350 },
    sizes: { name: 70, second: 44, meta: 40, body: 36 },
    callH: 300,
    callSizes: { label: 56, number: 220, ref: 40 },
  },
  og: {
    width: 1200,
    height: 630,
    headerH: 90,
    headerSize: 44,
    bannerH: 40,
    photo: { x: 30, y: 110, w: 310, h: 380 },
    column: { x: 370, y: 108, w: 800, h: 400 },
    columnNoPhoto: { x: 30, y: 108, w: 1140, h: 400 },
    sizes: { name: 44, second: 28, meta: 26, body: 22 },
    callH: 115,
    callSizes: { label: 32, number: 92, ref: 24 },
  },
};

const RED = '#B3121F';
const INK = '#111111';
const GREY = '#444444';
const NAVY = '#0B2545';
const YELLOW = '#FFD166';
const WHITE = '#FFFFFF';
const GREEN = '#1B6E3A';

const directionOf = (lang: AlertLanguage): TextDirection => (lang === 'ar-MA' ? 'rtl' : 'ltr');

/** Mirrors a rectangle horizontally for right-to-left pages. */
const mirror = (r: Rect, width: number, rtl: boolean): Rect => (rtl ? { ...r, x: width - r.x - r.w } : r);

function svgDocument(frame: Frame, background: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${frame.width}" height="${frame.height}" viewBox="0 0 ${frame.width} ${frame.height}"><rect width="100%" height="100%" fill="${background}"/>${body}</svg>`;
}

/** Red band with "طفلي مختفي" on the right and "Enfant disparu" on the left, and the exercise band if any. */
function header(frame: Frame, exercise: boolean, colour: string): { svg: string; bottom: number } {
  const pad = Math.round(frame.headerSize * 0.6);
  const half = frame.width / 2 - pad;
  const top = (frame.headerH - frame.headerSize * 1.45) / 2;
  const style = (direction: TextDirection): TextStyle => ({ size: frame.headerSize, weight: 'bold', fill: WHITE, direction, lineHeight: 1.45 });
  let svg = `<rect x="0" y="0" width="${frame.width}" height="${frame.headerH}" fill="${colour}"/>`;
  svg += textBlock(HEADER.ar, style('rtl'), { x: frame.width / 2, y: top, width: half, maxLines: 1 }).svg;
  svg += textBlock(HEADER.fr, style('ltr'), { x: pad, y: top, width: half, maxLines: 1 }).svg;
  let bottom = frame.headerH;
  if (exercise) {
    const size = Math.round(frame.bannerH * 0.42);
    const y = bottom + (frame.bannerH - size * 1.45) / 2;
    svg += `<rect x="0" y="${bottom}" width="${frame.width}" height="${frame.bannerH}" fill="${YELLOW}"/>`;
    svg += textBlock(EXERCISE_BANNER.ar, { size, weight: 'bold', fill: INK, direction: 'rtl' }, { x: frame.width / 2, y, width: half, maxLines: 1 }).svg;
    svg += textBlock(EXERCISE_BANNER.fr, { size, weight: 'bold', fill: INK, direction: 'ltr' }, { x: pad, y, width: half, maxLines: 1 }).svg;
    bottom += frame.bannerH;
  }
  return { svg, bottom };
}

/** Dark band at the bottom: "Appelez le" and the reference on the reading side, the big number on the other. */
function callBand(frame: Frame, lang: AlertLanguage, callNumber: string, reference: string): string {
  const rtl = lang === 'ar-MA';
  const dir = directionOf(lang);
  const labels = POSTER_LABELS[lang];
  const top = frame.height - frame.callH;
  const pad = 40;
  const numberW = frame.callSizes.number * 1.6;
  const numberBox = mirror({ x: frame.width - pad - numberW, y: 0, w: numberW, h: 0 }, frame.width, rtl);
  const textBox = mirror({ x: pad, y: 0, w: frame.width - 3 * pad - numberW, h: 0 }, frame.width, rtl);
  const { label, number, ref } = frame.callSizes;
  const textH = label * 1.45 + ref * 1.45;
  const textTop = top + (frame.callH - textH) / 2;
  let svg = `<rect x="0" y="${top}" width="${frame.width}" height="${frame.callH}" fill="${NAVY}"/>`;
  svg += textBlock(labels.call, { size: label, weight: 'bold', fill: WHITE, direction: dir }, { x: textBox.x, y: textTop, width: textBox.w, maxLines: 1 }).svg;
  svg += textBlock(`${labels.reference} ${reference}`, { size: ref, weight: 'regular', fill: WHITE, direction: dir }, { x: textBox.x, y: textTop + label * 1.45, width: textBox.w, maxLines: 1 }).svg;
  // The number is drawn with a tight line box so its digits sit in the middle of the band.
  const numberTop = top + (frame.callH - number * 1.2) / 2 - number * 0.05;
  svg += textBlock(callNumber, { size: number, weight: 'bold', fill: YELLOW, direction: 'ltr', align: 'center', lineHeight: 1.2 }, { x: numberBox.x, y: numberTop, width: numberBox.w, maxLines: 1 }).svg;
  return svg;
}

/** The name in the page's script first, the other script under it when both may be published. */
function names(view: ActivePublicAlert, lang: AlertLanguage): { primary: string | null; secondary: string | null } {
  const { ar, latin } = view.displayName;
  return lang === 'ar-MA' ? { primary: ar ?? latin, secondary: ar ? latin : null } : { primary: latin ?? ar, secondary: latin ? ar : null };
}

/** Stacks the text blocks of an active alert in the column; the description takes whatever room is left. */
function column(view: ActivePublicAlert, lang: AlertLanguage, frame: Frame, box: Rect): string {
  const dir = directionOf(lang);
  const labels = POSTER_LABELS[lang];
  const { sizes } = frame;
  const bottom = box.y + box.h;
  let y = box.y;
  let svg = '';
  const add = (text: string, style: TextStyle, maxLines: number, gapAfter: number) => {
    if (text.trim() === '') return;
    const lineH = style.size * (style.lineHeight ?? 1.45);
    const room = Math.floor((bottom - y) / lineH);
    const block = textBlock(text, style, { x: box.x, y, width: box.w, maxLines: Math.min(maxLines, room) });
    svg += block.svg;
    if (block.lines > 0) y += block.height + gapAfter;
  };
  const { primary, secondary } = names(view, lang);
  if (primary) add(primary, { size: sizes.name, weight: 'bold', fill: RED, direction: dir, lineHeight: 1.35 }, 2, 0);
  if (secondary) {
    // The other script keeps its own direction but lines up with the page's reading side.
    const own: TextDirection = secondary === view.displayName.ar ? 'rtl' : 'ltr';
    add(secondary, { size: sizes.second, weight: 'bold', fill: GREY, direction: own, align: own === dir ? 'start' : 'end' }, 1, 0);
  }
  y += sizes.meta * 0.3;
  if (view.ageYears !== null) add(labels.age(view.ageYears), { size: sizes.meta, weight: 'bold', fill: INK, direction: dir }, 1, 0);
  add(`${labels.lastSeen(view.sex)} ${localDateTime(view.lastSeenAt)}`, { size: sizes.meta, weight: 'regular', fill: INK, direction: dir }, 2, 0);
  add(`${labels.place} ${view.zone.areaDesc[lang]}`, { size: sizes.meta, weight: 'regular', fill: INK, direction: dir }, 2, sizes.body * 0.5);
  add(view.texts[lang].description, { size: sizes.body, weight: 'regular', fill: INK, direction: dir, lineHeight: 1.5 }, 40, 0);
  return svg;
}

/** Encodes as JPEG, lowering the quality until the file is under MAX_POSTER_BYTES. */
async function toJpeg(image: Sharp): Promise<Buffer> {
  // Rendered once to raw pixels (no lossless intermediate to compress and decode again), then encoded
  // at falling qualities until it fits.
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  const pixels = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  let last: Buffer | null = null;
  for (const quality of [86, 78, 70, 60, 50, 40]) {
    // libjpeg-turbo with optimised Huffman tables, not mozjpeg: mozjpeg's trellis search made each story
    // poster about 200 ms of CPU (against 25 ms), on the path from a decision to the first posts, for
    // files only a few percent smaller (267 KB against 279 KB with a noisy photo); the cap still holds.
    last = await pixels().jpeg({ quality, optimiseCoding: true }).toBuffer();
    if (last.length <= MAX_POSTER_BYTES) return last;
  }
  // At quality 40 a flat poster is far below the limit; a pathological photo still gets a usable file.
  return last ?? pixels().jpeg({ quality: 40 }).toBuffer();
}

/** The photo cropped to fill its box (faces tend to be where the attention strategy looks). */
async function photoOverlay(photo: Buffer, box: Rect): Promise<OverlayOptions> {
  const input = await sharp(photo, { failOn: 'error' })
    .rotate()
    .resize(box.w, box.h, { fit: 'cover', position: sharp.strategy.attention })
    .flatten({ background: WHITE })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { input: input.data, raw: { width: input.info.width, height: input.info.height, channels: input.info.channels }, left: box.x, top: box.y };
}

/**
 * The poster of an active alert as a JPEG. `photo` is the stored alert photo (already cleaned by
 * photo-processor) or null, in which case the texts take the full width.
 */
export async function renderPoster(view: ActivePublicAlert, lang: AlertLanguage, format: PosterFormat, photo: Buffer | null): Promise<Buffer> {
  const frame = FRAMES[format];
  const rtl = lang === 'ar-MA';
  const head = header(frame, view.exercise, RED);
  const shift = head.bottom - frame.headerH;
  const photoBox = mirror({ ...frame.photo, y: frame.photo.y + shift }, frame.width, rtl);
  const base = photo ? frame.column : frame.columnNoPhoto;
  // The story's column sits under the photo; elsewhere it sits beside it and only moves down with the band.
  const colBox = mirror({ ...base, y: base.y + shift, h: base.h - shift }, frame.width, rtl);
  let body = head.svg;
  if (photo) body += `<rect x="${photoBox.x - 4}" y="${photoBox.y - 4}" width="${photoBox.w + 8}" height="${photoBox.h + 8}" fill="${RED}"/>`;
  body += column(view, lang, frame, colBox);
  body += callBand(frame, lang, view.callNumber, view.reference);
  const overlays = photo ? [await photoOverlay(photo, photoBox)] : [];
  return toJpeg(sharp(Buffer.from(svgDocument(frame, WHITE, body))).composite(overlays));
}

/**
 * The card that replaces the poster once an alert has ended: "found — thank you" (outcome 'found') or a
 * neutral "this alert has ended". It carries only the reference and the end date: no photo, no name.
 */
export async function renderFoundCard(view: EndedPublicAlert, lang: AlertLanguage, format: PosterFormat): Promise<Buffer> {
  const frame = FRAMES[format];
  const dir = directionOf(lang);
  const labels = POSTER_LABELS[lang];
  const found = view.outcome === 'found';
  const background = found ? GREEN : NAVY;
  const head = header(frame, view.exercise, found ? '#0F4D27' : '#06172C');
  const pad = frame.sizes.name;
  const box = { x: pad, width: frame.width - 2 * pad };
  const title = found ? labels.foundTitle : labels.endedTitle;
  const lines: { text: string; style: TextStyle }[] = [{ text: title, style: { size: frame.sizes.name * 1.6, weight: 'bold', fill: WHITE, direction: dir, align: 'center' } }];
  if (found && labels.thanks !== '') lines.push({ text: labels.thanks, style: { size: frame.sizes.name, weight: 'bold', fill: YELLOW, direction: dir, align: 'center' } });
  if (labels.thanks === '') {
    // No reviewed wording in this language: say it in Arabic and French too.
    const ar = POSTER_LABELS['ar-MA'];
    const fr = POSTER_LABELS['fr-MA'];
    lines.push({ text: found ? `${ar.foundTitle} — ${ar.thanks}` : ar.endedTitle, style: { size: frame.sizes.second, weight: 'bold', fill: YELLOW, direction: 'rtl', align: 'center' } });
    lines.push({ text: found ? `${fr.foundTitle} — ${fr.thanks}` : fr.endedTitle, style: { size: frame.sizes.second, weight: 'bold', fill: YELLOW, direction: 'ltr', align: 'center' } });
  }
  lines.push({ text: `${labels.reference} ${view.reference} — ${localDateTime(view.endedAt)}`, style: { size: frame.sizes.meta, weight: 'regular', fill: WHITE, direction: dir, align: 'center' } });
  const heights = lines.map((l) => l.style.size * 1.45 * (l === lines[0] ? 2 : 1));
  const total = heights.reduce((a, b) => a + b, 0) + (lines.length - 1) * frame.sizes.meta;
  let y = head.bottom + (frame.height - head.bottom - total) / 2;
  let body = head.svg;
  for (const [i, line] of lines.entries()) {
    const block = textBlock(line.text, line.style, { ...box, y, maxLines: i === 0 ? 2 : 3 });
    body += block.svg;
    y += block.height + frame.sizes.meta;
  }
  return toJpeg(sharp(Buffer.from(svgDocument(frame, background, body))));
}
