/**
 * The Atom (RFC 4287) index of published alerts served at `GET /feeds/alerts.atom`, laid out as the
 * OASIS "Example Practices: CAP Feeds v1.0" note and Google Public Alerts expect: one entry per alert,
 * for its latest version, linking to the full CAP document with `type="application/cap+xml"`.
 *
 * Entry mapping: id = the version's CAP identifier (an IRI, see cap-versions.ts), so an Update replaces
 * the alert's entry with a new one; title = headline; updated = sent; summary = description (cut);
 * link rel="alternate" to the `.cap` document and, optionally, rel="related" to the public page.
 *
 * Size: Google targets 100 KB (900 KB at most). The feed holds at most CAP_FEED_MAX_ENTRIES entries,
 * newest first, and stops adding entries before the UTF-8 document would pass CAP_FEED_MAX_BYTES; titles
 * and summaries are cut so one entry stays small. The result says how many entries were left out.
 *
 * @example
 *   const { xml, omitted } = capAtomFeed({ id: selfUrl, selfUrl, title, authorName, updated: now,
 *     entries: latest.map((v) => capFeedEntry(v, { capUrl: `${base}/alerts/${id}.cap` })) });
 */
import type { FieldError } from '../errors.ts';
import { capDateTime, isCapDate } from './cap-date.ts';
import type { CapAlertVersion } from './cap-document.ts';
import { CapDocumentError } from './cap-validation.ts';
import { CAP_LANGUAGES, CAP_MEDIA_TYPE, type CapLanguage } from './cap-vocabulary.ts';
import { truncateText, xmlText } from './xml-text.ts';

export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';
export const ATOM_MEDIA_TYPE = 'application/atom+xml';
export const CAP_FEED_MAX_ENTRIES = 50;
export const CAP_FEED_MAX_BYTES = 100_000;
export const CAP_FEED_TITLE_MAX_CHARS = 200;
export const CAP_FEED_SUMMARY_MAX_CHARS = 500;

export interface CapFeedEntry {
  /** An IRI that names this version: its CAP identifier. */
  readonly id: string;
  readonly title: string;
  readonly updated: Date;
  /** Absolute URL of the CAP document, e.g. https://…/alerts/TM-2026-000123.cap */
  readonly capUrl: string;
  /** Absolute URL of the public alert page. */
  readonly pageUrl?: string;
  readonly summary?: string;
  /** Language of title and summary (xml:lang). */
  readonly language?: string;
}

export interface CapFeed {
  /** A permanent IRI for the feed, e.g. its URL. */
  readonly id: string;
  readonly title: string;
  readonly subtitle?: string;
  /** The last change (ctx.clock when rendered); raised to the newest entry if older. */
  readonly updated: Date;
  readonly authorName: string;
  readonly authorUri?: string;
  /** Absolute URL the feed is served at. */
  readonly selfUrl: string;
  readonly language?: string;
  readonly entries: readonly CapFeedEntry[];
}

export interface CapFeedDocument {
  readonly xml: string;
  readonly included: number;
  /** Entries left out by the entry or byte cap (the oldest). */
  readonly omitted: number;
}

// RFC 3987 IRI: a scheme, a colon and something after it; no whitespace.
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

const isHttpUrl = (v: unknown) => typeof v === 'string' && v.length <= 2000 && URL.canParse(v) && ['http:', 'https:'].includes(new URL(v).protocol);

function feedProblems(feed: CapFeed): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const lang = (field: string, v: string | undefined) => {
    if (v !== undefined && !LANGUAGE_TAG.test(v)) add(field, 'must be a language tag such as fr-MA');
  };
  if (!IRI.test(feed.id)) add('/id', 'must be an IRI');
  if (feed.title.trim() === '') add('/title', 'is required');
  if (!isCapDate(feed.updated)) add('/updated', 'must be a valid date');
  if (feed.authorName.trim() === '') add('/authorName', 'is required');
  if (feed.authorUri !== undefined && !isHttpUrl(feed.authorUri)) add('/authorUri', 'must be an absolute http(s) URL');
  if (!isHttpUrl(feed.selfUrl)) add('/selfUrl', 'must be an absolute http(s) URL');
  lang('/language', feed.language);
  feed.entries.forEach((e, k) => {
    const at = `/entries/${k}`;
    if (!IRI.test(e.id)) add(`${at}/id`, 'must be an IRI');
    if (e.title.trim() === '') add(`${at}/title`, 'is required');
    if (!isCapDate(e.updated)) add(`${at}/updated`, 'must be a valid date');
    if (!isHttpUrl(e.capUrl)) add(`${at}/capUrl`, 'must be an absolute http(s) URL');
    if (e.pageUrl !== undefined && !isHttpUrl(e.pageUrl)) add(`${at}/pageUrl`, 'must be an absolute http(s) URL');
    lang(`${at}/language`, e.language);
  });
  return problems;
}

const langAttr = (language: string | undefined) => (language === undefined ? '' : ` xml:lang="${xmlText(language)}"`);

function entryXml(e: CapFeedEntry): string {
  const lang = langAttr(e.language);
  return (
    '  <entry>\n' +
    `    <id>${xmlText(e.id)}</id>\n` +
    `    <title type="text"${lang}>${xmlText(truncateText(e.title, CAP_FEED_TITLE_MAX_CHARS))}</title>\n` +
    `    <updated>${capDateTime(e.updated)}</updated>\n` +
    `    <link rel="alternate" type="${CAP_MEDIA_TYPE}" href="${xmlText(e.capUrl)}"/>\n` +
    (e.pageUrl === undefined ? '' : `    <link rel="related" type="text/html" href="${xmlText(e.pageUrl)}"/>\n`) +
    (e.summary === undefined || e.summary.trim() === '' ? '' : `    <summary type="text"${lang}>${xmlText(truncateText(e.summary, CAP_FEED_SUMMARY_MAX_CHARS))}</summary>\n`) +
    '  </entry>\n'
  );
}

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/** The Atom document; throws CapDocumentError (naming fields, not values) when a field is unusable. */
export function capAtomFeed(feed: CapFeed): CapFeedDocument {
  const problems = feedProblems(feed);
  if (problems.length > 0) throw new CapDocumentError(problems, 'CAP feed');

  const newestFirst = [...feed.entries].sort((a, b) => b.updated.getTime() - a.updated.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const newest = newestFirst[0]?.updated.getTime() ?? feed.updated.getTime();
  const updated = new Date(Math.max(feed.updated.getTime(), newest));
  const head =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<feed xmlns="${ATOM_NAMESPACE}"${langAttr(feed.language)}>\n` +
    `  <id>${xmlText(feed.id)}</id>\n` +
    `  <title type="text">${xmlText(feed.title)}</title>\n` +
    (feed.subtitle === undefined ? '' : `  <subtitle type="text">${xmlText(feed.subtitle)}</subtitle>\n`) +
    `  <updated>${capDateTime(updated)}</updated>\n` +
    `  <author>\n    <name>${xmlText(feed.authorName)}</name>\n${feed.authorUri === undefined ? '' : `    <uri>${xmlText(feed.authorUri)}</uri>\n`}  </author>\n` +
    `  <link rel="self" type="${ATOM_MEDIA_TYPE}" href="${xmlText(feed.selfUrl)}"/>\n`;
  const tail = '</feed>\n';

  const entries: string[] = [];
  let bytes = utf8Bytes(head) + utf8Bytes(tail);
  for (const e of newestFirst) {
    if (entries.length >= CAP_FEED_MAX_ENTRIES) break;
    const xml = entryXml(e);
    const size = utf8Bytes(xml);
    if (bytes + size > CAP_FEED_MAX_BYTES) break;
    entries.push(xml);
    bytes += size;
  }
  return { xml: head + entries.join('') + tail, included: entries.length, omitted: newestFirst.length - entries.length };
}

/**
 * The feed entry for an alert's latest version, in the first of `languages` the version has (Arabic,
 * then French, then Tamazight by default).
 */
export function capFeedEntry(version: CapAlertVersion, urls: { readonly capUrl: string; readonly pageUrl?: string }, languages: readonly CapLanguage[] = CAP_LANGUAGES): CapFeedEntry {
  const info = languages.map((l) => version.infos.find((i) => i.language === l)).find((i) => i !== undefined) ?? version.infos[0];
  if (info === undefined) throw new CapDocumentError([{ field: '/infos', message: 'needs at least one info' }]);
  return {
    id: version.identifier,
    title: info.headline,
    updated: version.sent,
    capUrl: urls.capUrl,
    ...(urls.pageUrl === undefined ? {} : { pageUrl: urls.pageUrl }),
    summary: info.description,
    language: info.language,
  };
}
