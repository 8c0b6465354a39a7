/**
 * One published version of an alert as a CAP 1.2 document (OASIS Common Alerting Protocol, ITU-T
 * X.1303): the types, and `capXml`, which checks a version (cap-validation.ts) and writes it.
 *
 * Fixed by the platform, not by callers: scope Public, category Rescue, eventCode SAME=CAE (the AMBER
 * convention), one `<info>` per language. Elements follow the strict `xs:sequence` order of the schema;
 * dates are written by cap-date.ts; all text is cleaned and escaped by xml-text.ts. Versions are chained
 * (Alert, then Update/Cancel referencing every earlier version) by cap-versions.ts.
 *
 * Only public data belongs here: callers build infos from the public presenter's output, and a Cancel
 * carries no description of the child (see capCancel).
 *
 * @example
 *   const xml = capXml(capAlert({ identifier, sender, sent, status: 'Exercise', infos }));
 */
import { capDateTime } from './cap-date.ts';
import { assertValidCapVersion } from './cap-validation.ts';
import {
  CAP_CATEGORY,
  CAP_EVENT_CODE,
  CAP_NAMESPACE,
  CAP_SCOPE,
  type CapCertainty,
  type CapLanguage,
  type CapMsgType,
  type CapResponseType,
  type CapSeverity,
  type CapStatus,
  type CapUrgency,
} from './cap-vocabulary.ts';
import { xmlText } from './xml-text.ts';

export type { CapCertainty, CapLanguage, CapMsgType, CapResponseType, CapSeverity, CapStatus, CapUrgency } from './cap-vocabulary.ts';

/** A message this one supersedes or cancels: the `sender,identifier,sent` triple of `references`. */
export interface CapReference {
  readonly sender: string;
  readonly identifier: string;
  readonly sent: Date;
}

export interface CapPoint {
  readonly lat: number;
  readonly lon: number;
}

export interface CapCircle {
  readonly center: CapPoint;
  readonly radiusKm: number;
}

/** ISO 3166-2 subdivision, e.g. MA-CAS (Casablanca prefecture) or MA-06 (region). */
export interface CapGeocode {
  readonly valueName: 'ISO3166-2';
  readonly value: string;
}

export interface CapArea {
  /** Public place description, under 50 characters. */
  readonly areaDesc: string;
  /** Closed rings (first point = last point), at least 4 points each, WGS 84, no holes. */
  readonly polygons: readonly (readonly CapPoint[])[];
  readonly circles: readonly CapCircle[];
  readonly geocodes: readonly CapGeocode[];
}

export interface CapResource {
  readonly resourceDesc: string;
  readonly mimeType: string;
  /** Bytes. */
  readonly size: number;
  /** Absolute http(s) URL of the published file. */
  readonly uri: string;
  /** SHA-1 of the file, 40 hex digits. */
  readonly digest: string;
}

export interface CapParameter {
  readonly valueName: string;
  readonly value: string;
}

export interface CapInfo {
  readonly language: CapLanguage;
  /** E.g. "Child Abduction Emergency" / "Alerte enlèvement" in the info's language. */
  readonly event: string;
  readonly responseTypes?: readonly CapResponseType[];
  readonly urgency: CapUrgency;
  readonly severity: CapSeverity;
  readonly certainty: CapCertainty;
  readonly effective?: Date;
  readonly onset?: Date;
  readonly expires: Date;
  readonly senderName: string;
  readonly headline: string;
  readonly description: string;
  readonly instruction: string;
  /** Absolute http(s) URL of the public alert page. */
  readonly web: string;
  /** The number to call, e.g. "19 / 112". */
  readonly contact: string;
  readonly parameters: readonly CapParameter[];
  readonly resources: readonly CapResource[];
  readonly areas: readonly CapArea[];
}

export interface CapAlertVersion {
  /** Unique per version; see capIdentifier in cap-versions.ts. No spaces, commas, "<" or "&". */
  readonly identifier: string;
  /** The alerting authority, e.g. "tifli.dgsn.gov.ma". No spaces, commas, "<" or "&". */
  readonly sender: string;
  readonly sent: Date;
  readonly status: CapStatus;
  readonly msgType: CapMsgType;
  /** Optional `<code>` values of a national profile agreed with operators. */
  readonly codes?: readonly string[];
  readonly note?: string;
  /** Empty for an Alert; every earlier version for an Update or Cancel. */
  readonly references: readonly CapReference[];
  /** Incident ids grouping all versions, e.g. the alert's public id. */
  readonly incidents?: readonly string[];
  readonly infos: readonly CapInfo[];
}

/** Decimal degrees, at most 6 places (about 0.1 m), never in exponent form. */
function decimal(n: number, places: number): string {
  const s = n.toFixed(places).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

const point = (p: CapPoint) => `${decimal(p.lat, 6)},${decimal(p.lon, 6)}`;

/** The `references` value: whitespace-separated `sender,identifier,sent` triples. */
export const capReferencesText = (refs: readonly CapReference[]): string => refs.map((r) => `${r.sender},${r.identifier},${capDateTime(r.sent)}`).join(' ');

const el = (indent: string, name: string, value: string) => `${indent}<${name}>${xmlText(value)}</${name}>\n`;
const opt = (indent: string, name: string, value: string | undefined) => (value === undefined ? '' : el(indent, name, value));
const valuePair = (indent: string, name: string, p: { readonly valueName: string; readonly value: string }) =>
  `${indent}<${name}>\n${el(`${indent}  `, 'valueName', p.valueName)}${el(`${indent}  `, 'value', p.value)}${indent}</${name}>\n`;

function areaXml(a: CapArea, i: string): string {
  const j = `${i}  `;
  return (
    `${i}<area>\n` +
    el(j, 'areaDesc', a.areaDesc) +
    a.polygons.map((ring) => el(j, 'polygon', ring.map(point).join(' '))).join('') +
    a.circles.map((c) => el(j, 'circle', `${point(c.center)} ${decimal(c.radiusKm, 3)}`)).join('') +
    a.geocodes.map((g) => valuePair(j, 'geocode', g)).join('') +
    `${i}</area>\n`
  );
}

function resourceXml(r: CapResource, i: string): string {
  const j = `${i}  `;
  return `${i}<resource>\n${el(j, 'resourceDesc', r.resourceDesc)}${el(j, 'mimeType', r.mimeType)}${el(j, 'size', String(r.size))}${el(j, 'uri', r.uri)}${el(j, 'digest', r.digest.toLowerCase())}${i}</resource>\n`;
}

function infoXml(f: CapInfo, i: string): string {
  const j = `${i}  `;
  return (
    `${i}<info>\n` +
    el(j, 'language', f.language) +
    el(j, 'category', CAP_CATEGORY) +
    el(j, 'event', f.event) +
    (f.responseTypes ?? []).map((t) => el(j, 'responseType', t)).join('') +
    el(j, 'urgency', f.urgency) +
    el(j, 'severity', f.severity) +
    el(j, 'certainty', f.certainty) +
    valuePair(j, 'eventCode', CAP_EVENT_CODE) +
    opt(j, 'effective', f.effective && capDateTime(f.effective)) +
    opt(j, 'onset', f.onset && capDateTime(f.onset)) +
    el(j, 'expires', capDateTime(f.expires)) +
    el(j, 'senderName', f.senderName) +
    el(j, 'headline', f.headline) +
    el(j, 'description', f.description) +
    el(j, 'instruction', f.instruction) +
    el(j, 'web', f.web) +
    el(j, 'contact', f.contact) +
    f.parameters.map((p) => valuePair(j, 'parameter', p)).join('') +
    f.resources.map((r) => resourceXml(r, j)).join('') +
    f.areas.map((a) => areaXml(a, j)).join('') +
    `${i}</info>\n`
  );
}

/**
 * The CAP 1.2 XML of one version. Throws CapDocumentError (an AppError `unprocessable` naming the
 * fields, never their values) when the version breaks a CAP or Google Public Alerts rule.
 */
export function capXml(doc: CapAlertVersion): string {
  assertValidCapVersion(doc);
  const i = '  ';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<alert xmlns="${CAP_NAMESPACE}">\n` +
    el(i, 'identifier', doc.identifier) +
    el(i, 'sender', doc.sender) +
    el(i, 'sent', capDateTime(doc.sent)) +
    el(i, 'status', doc.status) +
    el(i, 'msgType', doc.msgType) +
    el(i, 'scope', CAP_SCOPE) +
    (doc.codes ?? []).map((c) => el(i, 'code', c)).join('') +
    opt(i, 'note', doc.note) +
    (doc.references.length > 0 ? el(i, 'references', capReferencesText(doc.references)) : '') +
    (doc.incidents && doc.incidents.length > 0 ? el(i, 'incidents', doc.incidents.join(' ')) : '') +
    doc.infos.map((f) => infoXml(f, i)).join('') +
    '</alert>\n'
  );
}
