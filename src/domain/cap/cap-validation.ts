/**
 * The rules a CAP version must meet before it is written: what the OASIS schema cannot check on its own
 * (identifiers usable in `references`, closed polygons, coordinates in range, Alert vs Update/Cancel
 * references) and what Google Public Alerts requires (expires, description, at least one area with an
 * areaDesc under 50 characters, polygons of at least 4 pairs), and the platform's own: no photo in a
 * Cancel. Every problem is reported at once, by field path (JSON pointer into the version), never with
 * the offending value.
 *
 * @example
 *   capVersionProblems(version); // [{ field: '/infos/0/areas/0/areaDesc', message: 'must be under 50 characters (at most 49)' }]
 *   assertValidCapVersion(version); // throws CapDocumentError when the list is not empty
 */
import { AppError, type FieldError } from '../errors.ts';
import { capSecond, isCapDate } from './cap-date.ts';
import type { CapAlertVersion, CapArea, CapInfo, CapPoint, CapResource } from './cap-document.ts';
import {
  AREA_DESC_MAX_CHARS,
  CAP_CERTAINTIES,
  CAP_LANGUAGES,
  CAP_MSG_TYPES,
  CAP_RESPONSE_TYPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
} from './cap-vocabulary.ts';
import { codePoints, xmlClean } from './xml-text.ts';

/** A CAP version (or feed) that breaks a rule; `errors` name each field (no values), so it may be shown or logged. */
export class CapDocumentError extends AppError {
  constructor(errors: readonly FieldError[], subject: 'CAP document' | 'CAP feed' = 'CAP document') {
    super('unprocessable', `The ${subject} is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, { errors });
    this.name = 'CapDocumentError';
  }
}

/** Limits on free text, generous: they catch a wrong field, not a long alert. */
const MAX = { token: 256, short: 200, event: 100, headline: 200, text: 5000, url: 2000 } as const;

// CAP forbids spaces, commas and the restricted characters "<" and "&" in identifier and sender (the
// `references` triples are comma- and space-separated); printable ASCII keeps them byte-stable.
const TOKEN = /^[\x21-\x7E]+$/;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;
const SHA1_HEX = /^[0-9a-f]{40}$/i;
const ISO_3166_2 = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
const MAX_RADIUS_KM = 20_000;

class Problems {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
}

const includes = (vocabulary: readonly string[], v: unknown) => typeof v === 'string' && vocabulary.includes(v);

function token(p: Problems, field: string, v: unknown): void {
  if (typeof v !== 'string' || v === '') p.add(field, 'is required');
  else if (v.length > MAX.token) p.add(field, `must be at most ${MAX.token} characters`);
  else if (!TOKEN.test(v) || v.includes(',') || v.includes('<') || v.includes('&')) p.add(field, 'must be printable ASCII without spaces, commas, "<" or "&"');
}

function text(p: Problems, field: string, v: unknown, max: number): void {
  if (typeof v !== 'string' || xmlClean(v).trim() === '') p.add(field, 'is required');
  else if (codePoints(v) > max) p.add(field, `must be at most ${max} characters`);
}

function date(p: Problems, field: string, v: unknown): v is Date {
  if (isCapDate(v)) return true;
  p.add(field, 'must be a valid date between the years 1000 and 9999');
  return false;
}

function httpUrl(p: Problems, field: string, v: unknown): void {
  if (typeof v !== 'string' || v.length > MAX.url || !URL.canParse(v) || !['http:', 'https:'].includes(new URL(v).protocol)) {
    p.add(field, `must be an absolute http(s) URL of at most ${MAX.url} characters`);
  }
}

function coordinates(p: Problems, field: string, pt: CapPoint): boolean {
  const ok = Number.isFinite(pt.lat) && Number.isFinite(pt.lon) && Math.abs(pt.lat) <= 90 && Math.abs(pt.lon) <= 180;
  if (!ok) p.add(field, 'must be a WGS 84 latitude (-90..90) and longitude (-180..180)');
  return ok;
}

function area(p: Problems, at: string, a: CapArea): void {
  if (typeof a.areaDesc !== 'string' || xmlClean(a.areaDesc).trim() === '') p.add(`${at}/areaDesc`, 'is required');
  else if (codePoints(xmlClean(a.areaDesc)) > AREA_DESC_MAX_CHARS) p.add(`${at}/areaDesc`, `must be under 50 characters (at most ${AREA_DESC_MAX_CHARS})`);
  if (a.polygons.length + a.circles.length + a.geocodes.length === 0) p.add(at, 'needs at least one polygon, circle or geocode');
  a.polygons.forEach((ring, r) => {
    const f = `${at}/polygons/${r}`;
    if (ring.length < 4) p.add(f, 'must have at least 4 points');
    const valid = ring.map((pt, k) => coordinates(p, `${f}/${k}`, pt)).every(Boolean);
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (valid && first && last && (first.lat !== last.lat || first.lon !== last.lon)) p.add(f, 'must be closed (first point = last point)');
  });
  a.circles.forEach((c, k) => {
    const f = `${at}/circles/${k}`;
    coordinates(p, `${f}/center`, c.center);
    if (!Number.isFinite(c.radiusKm) || c.radiusKm <= 0 || c.radiusKm > MAX_RADIUS_KM) p.add(`${f}/radiusKm`, `must be more than 0 and at most ${MAX_RADIUS_KM}`);
  });
  a.geocodes.forEach((g, k) => {
    if (g.valueName !== 'ISO3166-2') p.add(`${at}/geocodes/${k}/valueName`, 'must be ISO3166-2');
    if (typeof g.value !== 'string' || !ISO_3166_2.test(g.value)) p.add(`${at}/geocodes/${k}/value`, 'must be an ISO 3166-2 code such as MA-CAS');
  });
}

function resource(p: Problems, at: string, r: CapResource): void {
  text(p, `${at}/resourceDesc`, r.resourceDesc, MAX.short);
  if (typeof r.mimeType !== 'string' || !MIME_TYPE.test(r.mimeType)) p.add(`${at}/mimeType`, 'must be a media type such as image/jpeg');
  if (!Number.isSafeInteger(r.size) || r.size < 1) p.add(`${at}/size`, 'must be a positive whole number of bytes');
  httpUrl(p, `${at}/uri`, r.uri);
  if (typeof r.digest !== 'string' || !SHA1_HEX.test(r.digest)) p.add(`${at}/digest`, 'must be a SHA-1 digest (40 hexadecimal digits)');
}

function info(p: Problems, at: string, f: CapInfo, sent: Date | null): void {
  if (!includes(CAP_LANGUAGES, f.language)) p.add(`${at}/language`, `must be one of ${CAP_LANGUAGES.join(', ')}`);
  text(p, `${at}/event`, f.event, MAX.event);
  (f.responseTypes ?? []).forEach((t, k) => {
    if (!includes(CAP_RESPONSE_TYPES, t)) p.add(`${at}/responseTypes/${k}`, 'is not a CAP response type');
  });
  if (!includes(CAP_URGENCIES, f.urgency)) p.add(`${at}/urgency`, 'is not a CAP urgency');
  if (!includes(CAP_SEVERITIES, f.severity)) p.add(`${at}/severity`, 'is not a CAP severity');
  if (!includes(CAP_CERTAINTIES, f.certainty)) p.add(`${at}/certainty`, 'is not a CAP certainty');
  const effective = f.effective === undefined || date(p, `${at}/effective`, f.effective) ? f.effective : undefined;
  if (f.onset !== undefined) date(p, `${at}/onset`, f.onset);
  if (date(p, `${at}/expires`, f.expires)) {
    if (sent && capSecond(f.expires) <= capSecond(sent)) p.add(`${at}/expires`, 'must be after sent');
    if (effective && capSecond(f.expires) <= capSecond(effective)) p.add(`${at}/expires`, 'must be after effective');
  }
  text(p, `${at}/senderName`, f.senderName, MAX.short);
  text(p, `${at}/headline`, f.headline, MAX.headline);
  text(p, `${at}/description`, f.description, MAX.text);
  text(p, `${at}/instruction`, f.instruction, MAX.text);
  httpUrl(p, `${at}/web`, f.web);
  text(p, `${at}/contact`, f.contact, MAX.short);
  f.parameters.forEach((param, k) => {
    text(p, `${at}/parameters/${k}/valueName`, param.valueName, MAX.short);
    text(p, `${at}/parameters/${k}/value`, param.value, MAX.text);
  });
  f.resources.forEach((r, k) => resource(p, `${at}/resources/${k}`, r));
  if (f.areas.length === 0) p.add(`${at}/areas`, 'needs at least one area');
  f.areas.forEach((a, k) => area(p, `${at}/areas/${k}`, a));
}

/** Every rule the version breaks; empty when it can be published. */
export function capVersionProblems(doc: CapAlertVersion): FieldError[] {
  const p = new Problems();
  token(p, '/identifier', doc.identifier);
  token(p, '/sender', doc.sender);
  const sent = date(p, '/sent', doc.sent) ? doc.sent : null;
  if (!includes(CAP_STATUSES, doc.status)) p.add('/status', `must be one of ${CAP_STATUSES.join(', ')}`);
  if (!includes(CAP_MSG_TYPES, doc.msgType)) p.add('/msgType', `must be one of ${CAP_MSG_TYPES.join(', ')}`);
  (doc.codes ?? []).forEach((c, k) => token(p, `/codes/${k}`, c));
  if (doc.note !== undefined) text(p, '/note', doc.note, MAX.text);

  if (doc.msgType === 'Alert' && doc.references.length > 0) p.add('/references', 'must be empty for an Alert');
  if (doc.msgType !== 'Alert' && doc.references.length === 0) p.add('/references', 'must list the earlier versions for an Update or Cancel');
  doc.references.forEach((r, k) => {
    token(p, `/references/${k}/sender`, r.sender);
    token(p, `/references/${k}/identifier`, r.identifier);
    if (r.identifier === doc.identifier && r.sender === doc.sender) p.add(`/references/${k}`, 'must not reference this message itself');
    if (date(p, `/references/${k}/sent`, r.sent) && sent && capSecond(r.sent) > capSecond(sent)) p.add(`/references/${k}/sent`, 'must not be after sent');
  });
  (doc.incidents ?? []).forEach((c, k) => token(p, `/incidents/${k}`, c));

  if (doc.infos.length === 0) p.add('/infos', 'needs at least one info');
  const languages = new Set<string>();
  doc.infos.forEach((f, k) => {
    if (languages.has(f.language)) p.add(`/infos/${k}/language`, 'must not repeat: one info per language');
    languages.add(f.language);
    info(p, `/infos/${k}`, f, sent);
    // At closure no photo stays on public surfaces (DESIGN §1.7): a Cancel links to none.
    if (doc.msgType === 'Cancel' && f.resources.length > 0) p.add(`/infos/${k}/resources`, 'must be empty for a Cancel');
  });
  return p.list;
}

/** Throws CapDocumentError listing every problem, if any. */
export function assertValidCapVersion(doc: CapAlertVersion): void {
  const problems = capVersionProblems(doc);
  if (problems.length > 0) throw new CapDocumentError(problems);
}
