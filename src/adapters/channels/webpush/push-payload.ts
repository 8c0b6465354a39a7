/**
 * What a Web Push notification carries: the JSON our service worker turns into a notification, built
 * from the public view in the subscriber's language.
 *
 *   { title, body, url, lang, dir, tag, kind }
 *
 * - title: the headline (found / ended title for a closing message), "[تمرين/EXERCICE]" first for drills;
 * - body: the description, then the instruction (do not intervene, call 19, quote the reference);
 * - url: the public page in that language; tag: the alert's topic, so the browser replaces the
 *   notification of an earlier version instead of stacking them; kind: alert | update | ended.
 *
 * The JSON is kept under MAX_PAYLOAD_BYTES (3,000 bytes of UTF-8, well inside the 4,096-byte record push
 * services must accept once encryption overhead is added). Tifinagh takes 3 bytes a character, so a long
 * description does not fit: it is cut at a grapheme boundary, preferably at a word, and ends with "…",
 * while the instruction is kept whole.
 *
 * @example
 *   const json = encodePushPayload(pushPayload(message, 'ar-MA'));  // ≤ 3,000 bytes
 */
import type { OutboundAlert } from '../../../app/distribution/channel-port.ts';
import { LANGUAGE_KEYS, type AlertLanguage } from '../../../domain/alert-text/alert-languages.ts';
import { SITE_TEXTS } from '../../../http/public/site-texts.ts';

export const MAX_PAYLOAD_BYTES = 3000;

export type PushKind = 'alert' | 'update' | 'ended';

export interface PushPayload {
  readonly title: string;
  readonly body: string;
  readonly url: string;
  readonly lang: AlertLanguage;
  readonly dir: 'rtl' | 'ltr';
  readonly tag: string;
  readonly kind: PushKind;
}

const EXERCISE_PREFIX = '[تمرين/EXERCICE]';
const ELLIPSIS = '…';
const SEPARATOR = '\n\n';

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');
/** Bytes a piece of text adds inside a JSON string (escapes included). */
const textBytes = (text: string): number => jsonBytes(text) - 2;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest start of `text` that fits in `room` bytes of JSON string, cut cleanly, with "…". */
export function truncateText(text: string, room: number): string {
  if (textBytes(text) <= room) return text;
  const budget = room - textBytes(ELLIPSIS);
  let used = 0;
  let cut = '';
  for (const { segment } of graphemes.segment(text)) {
    const size = textBytes(segment);
    if (used + size > budget) break;
    used += size;
    cut += segment;
  }
  // Back up to the last word boundary when it is close, so no word is left in halves.
  const lastSpace = cut.search(/\s\S*$/u);
  if (lastSpace > cut.length * 0.8) cut = cut.slice(0, lastSpace);
  cut = cut.replace(/[\s.,;:!?،؛\-–—(]+$/u, '');
  return cut === '' ? '' : `${cut}${ELLIPSIS}`;
}

function pageUrlIn(pageUrl: string, lang: AlertLanguage): string {
  const url = new URL(pageUrl);
  url.searchParams.set('lang', LANGUAGE_KEYS[lang]);
  return url.href;
}

const joinParagraphs = (text: string): string =>
  text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n');

export function pushPayload(message: OutboundAlert, lang: AlertLanguage): PushPayload {
  const view = message.view;
  const s = SITE_TEXTS[LANGUAGE_KEYS[lang]];
  const prefix = message.exercise ? `${EXERCISE_PREFIX} ` : '';
  const base = { url: pageUrlIn(message.pageUrl, lang), lang, dir: lang === 'ar-MA' ? ('rtl' as const) : ('ltr' as const), tag: message.topic };
  if (message.action === 'retract' || view.state === 'ended') {
    const found = view.state === 'ended' && view.outcome === 'found';
    return { ...base, title: `${prefix}${found ? s.foundTitle : s.endedTitle}`, body: found ? s.foundBody : s.endedBody, kind: 'ended' };
  }
  const t = view.texts[lang];
  const description = joinParagraphs(t.description);
  const instruction = joinParagraphs(t.instruction);
  const payload = (desc: string): PushPayload => ({
    ...base,
    title: `${prefix}${t.headline}`,
    body: desc === '' ? instruction : `${desc}${SEPARATOR}${instruction}`,
    kind: message.msgType === 'Update' ? 'update' : 'alert',
  });
  // Room left for the description once everything else is in place; the instruction is never cut.
  const room = MAX_PAYLOAD_BYTES - jsonBytes(payload('')) - textBytes(SEPARATOR);
  if (room > 0) return payload(truncateText(description, room));
  const whole = payload(description);
  return { ...whole, body: truncateText(whole.body, MAX_PAYLOAD_BYTES - jsonBytes({ ...whole, body: '' })) };
}

/** The payload as sent: JSON in UTF-8, never over MAX_PAYLOAD_BYTES. */
export function encodePushPayload(payload: PushPayload): string {
  const json = JSON.stringify(payload);
  if (Buffer.byteLength(json, 'utf8') > MAX_PAYLOAD_BYTES) throw new RangeError('push payload over its size limit');
  return json;
}
