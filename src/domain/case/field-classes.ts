/**
 * The one declaration of the data class of every field of a CaseRecord (DESIGN.md §2, Law 09-08), and
 * the helpers that presenters, the audit log, the encryption layer and the retention rules use instead
 * of deciding for themselves.
 *
 * A field path names a leaf of CaseRecord: dotted keys, with `[]` for "each element of this list", e.g.
 * "child.givenNameLatin", "child.photos[].id", "investigation.placesFrequented[].point.lat". Lists of
 * plain values (e.g. "child.languages") are single leaves.
 *
 * A field is public, restricted or sensitive. Some fields are public only under a publication
 * condition (the guardian's consent or the prosecutor's decision); until then they keep their
 * `otherwise` class, which is also their class at rest.
 *
 * FIELD_CLASSES is typed as a Record over every leaf path, so adding a field to CaseRecord without
 * classifying it here (or classifying a field that does not exist) fails type-checking.
 *
 * @example
 *   const visible = pickByClass(record, ['public'], publicationPermissions(record));
 *   const officerView = pickByClass(record, ['public', 'restricted', 'sensitive'], NOTHING_PUBLISHABLE);
 *   const { rest, sensitive } = splitSensitive(record); // encrypt `sensitive` with the case key
 */
import type { CaseRecord } from './case-record.ts';
import type { PublicationPermissions } from './case-consent.ts';

export const DATA_CLASSES = ['public', 'restricted', 'sensitive'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

/**
 * - name_consent: the child's names, with nameConsent.
 * - photo_published: a photo the officer chose for publication (`forPublication`), with photoConsent.
 * - suspect_authorised: suspect and vehicle description, with suspectAuthorised.
 */
export const PUBLICATION_CONDITIONS = ['name_consent', 'photo_published', 'suspect_authorised'] as const;
export type PublicationCondition = (typeof PUBLICATION_CONDITIONS)[number];

export type FieldRule =
  | { readonly class: DataClass; readonly when?: never; readonly otherwise?: never }
  | { readonly class: 'public'; readonly when: PublicationCondition; readonly otherwise: 'restricted' | 'sensitive' };

type Scalar = string | number | boolean | bigint | symbol;
type Join<P extends string, K extends string> = P extends '' ? K : `${P}.${K}`;
type LeafPathsOf<T, P extends string> = [NonNullable<T>] extends [readonly (infer E)[]]
  ? [NonNullable<E>] extends [Scalar]
    ? P
    : LeafPathsOf<E, `${P}[]`>
  : [NonNullable<T>] extends [Scalar]
    ? P
    : { [K in keyof NonNullable<T> & string]-?: LeafPathsOf<NonNullable<T>[K], Join<P, K>> }[keyof NonNullable<T> & string];

/** Every leaf path of CaseRecord, e.g. "child.photos[].id". */
export type CaseFieldPath = LeafPathsOf<CaseRecord, ''>;

const PUBLIC: FieldRule = { class: 'public' };
const RESTRICTED: FieldRule = { class: 'restricted' };
const SENSITIVE: FieldRule = { class: 'sensitive' };
const IF_NAME_CONSENT: FieldRule = { class: 'public', when: 'name_consent', otherwise: 'restricted' };
const IF_PHOTO_PUBLISHED: FieldRule = { class: 'public', when: 'photo_published', otherwise: 'sensitive' };
const IF_SUSPECT_AUTHORISED: FieldRule = { class: 'public', when: 'suspect_authorised', otherwise: 'restricted' };

export const FIELD_CLASSES: { readonly [P in CaseFieldPath]: FieldRule } = {
  // The child: names only with consent or decision; age, never the birth date.
  'child.givenNameAr': IF_NAME_CONSENT,
  'child.familyNameAr': IF_NAME_CONSENT,
  'child.givenNameLatin': IF_NAME_CONSENT,
  'child.familyNameLatin': IF_NAME_CONSENT,
  'child.otherNames': IF_NAME_CONSENT,
  'child.sex': PUBLIC,
  'child.birthDate': RESTRICTED,
  'child.ageYears': PUBLIC,
  'child.idCardNumber': SENSITIVE,
  'child.heightCm': PUBLIC,
  'child.build': PUBLIC,
  'child.hair.colour': PUBLIC,
  'child.hair.length': PUBLIC,
  'child.hair.texture': PUBLIC,
  'child.eyes': PUBLIC,
  'child.visibleMarks[].kind': PUBLIC,
  'child.visibleMarks[].description': PUBLIC,
  'child.clothing.items[].garment': PUBLIC,
  'child.clothing.items[].colours': PUBLIC,
  'child.clothing.items[].note': PUBLIC,
  'child.clothing.description': PUBLIC,
  'child.languages': PUBLIC,
  'child.photos[].id': IF_PHOTO_PUBLISHED,
  'child.photos[].forPublication': IF_PHOTO_PUBLISHED,
  'child.photos[].takenOn': IF_PHOTO_PUBLISHED,
  'child.health.medicalNeeds': SENSITIVE,
  'child.health.disability': SENSITIVE,
  // Last seen: the time and the area are public, the exact point and the address are not.
  'lastSeen.at': PUBLIC,
  'lastSeen.uncertaintyMinutes': PUBLIC,
  'lastSeen.point.lat': RESTRICTED,
  'lastSeen.point.lon': RESTRICTED,
  'lastSeen.address': RESTRICTED,
  'lastSeen.area.commune': PUBLIC,
  'lastSeen.area.neighbourhood': PUBLIC,
  'lastSeen.prefectureCode': PUBLIC,
  'lastSeen.regionCode': PUBLIC,
  // Circumstances: facts restricted, health and home life sensitive.
  'circumstances.narrative': RESTRICTED,
  'circumstances.indicators': RESTRICTED,
  'circumstances.vulnerabilities': SENSITIVE,
  // Investigation profile.
  'investigation.hobbies': RESTRICTED,
  'investigation.personalProblems': SENSITIVE,
  'investigation.placesFrequented[].label': RESTRICTED,
  'investigation.placesFrequented[].address': RESTRICTED,
  'investigation.placesFrequented[].point.lat': RESTRICTED,
  'investigation.placesFrequented[].point.lon': RESTRICTED,
  'investigation.friends[].name': RESTRICTED,
  'investigation.friends[].phone': RESTRICTED,
  'investigation.friends[].note': RESTRICTED,
  'investigation.school.name': RESTRICTED,
  'investigation.school.level': RESTRICTED,
  'investigation.school.address': RESTRICTED,
  'investigation.onlineAccounts[].platform': RESTRICTED,
  'investigation.onlineAccounts[].handle': RESTRICTED,
  'investigation.phone': RESTRICTED,
  // The reporter.
  'reporter.givenName': RESTRICTED,
  'reporter.familyName': RESTRICTED,
  'reporter.idCardNumber': SENSITIVE,
  'reporter.relation': RESTRICTED,
  'reporter.relationDetail': RESTRICTED,
  'reporter.phones': RESTRICTED,
  'reporter.email': RESTRICTED,
  'reporter.address': RESTRICTED,
  'reporter.consents.publishName.given': RESTRICTED,
  'reporter.consents.publishName.at': RESTRICTED,
  'reporter.consents.publishName.wording': RESTRICTED,
  'reporter.consents.publishName.withdrawnAt': RESTRICTED,
  'reporter.consents.publishPhoto.given': RESTRICTED,
  'reporter.consents.publishPhoto.at': RESTRICTED,
  'reporter.consents.publishPhoto.wording': RESTRICTED,
  'reporter.consents.publishPhoto.withdrawnAt': RESTRICTED,
  // Suspect and vehicle: the description only when authorised; a suspect's name never.
  'suspect.name': RESTRICTED,
  'suspect.sex': IF_SUSPECT_AUTHORISED,
  'suspect.approximateAge': IF_SUSPECT_AUTHORISED,
  'suspect.description': IF_SUSPECT_AUTHORISED,
  'vehicle.kind': IF_SUSPECT_AUTHORISED,
  'vehicle.make': IF_SUSPECT_AUTHORISED,
  'vehicle.model': IF_SUSPECT_AUTHORISED,
  'vehicle.colour': IF_SUSPECT_AUTHORISED,
  'vehicle.plate': IF_SUSPECT_AUTHORISED,
  'vehicle.description': IF_SUSPECT_AUTHORISED,
  // The prosecutor.
  'prosecutor.court': RESTRICTED,
  'prosecutor.fileNumber': RESTRICTED,
  'prosecutor.publicationDecision.reference': RESTRICTED,
  'prosecutor.publicationDecision.decidedAt': RESTRICTED,
  'prosecutor.publicationDecision.publishName': RESTRICTED,
  'prosecutor.publicationDecision.publishPhoto': RESTRICTED,
  'prosecutor.publicationDecision.publishSuspect': RESTRICTED,
};

export const CASE_FIELD_PATHS = Object.keys(FIELD_CLASSES) as readonly CaseFieldPath[];

const RULES: ReadonlyMap<string, FieldRule> = new Map(Object.entries(FIELD_CLASSES));

export const isCaseFieldPath = (value: string): value is CaseFieldPath => RULES.has(value);

/** The declared class: 'public' for conditionally public fields. */
export const classOf = (path: CaseFieldPath): DataClass => FIELD_CLASSES[path].class;

/** The class a field has at rest and whenever its publication condition does not hold. */
export function protectionClassOf(path: CaseFieldPath): DataClass {
  const rule = FIELD_CLASSES[path];
  return rule.otherwise ?? rule.class;
}

/** Paths by declared class; conditionally public fields count as 'public'. */
export const fieldsOfClass = (cls: DataClass): readonly CaseFieldPath[] => CASE_FIELD_PATHS.filter((p) => classOf(p) === cls);

/** Paths that must be encrypted with the per-case key and erased with it (their class at rest is sensitive). */
export const SENSITIVE_PATHS: readonly CaseFieldPath[] = CASE_FIELD_PATHS.filter((p) => protectionClassOf(p) === 'sensitive');

/** Paths that can reach a public surface; all of them leave public surfaces when the alert ends. */
export const PUBLISHABLE_PATHS: readonly CaseFieldPath[] = fieldsOfClass('public');

type Element = Readonly<Record<string, unknown>> | undefined;

function conditionHolds(condition: PublicationCondition, publication: PublicationPermissions, element: Element): boolean {
  switch (condition) {
    case 'name_consent':
      return publication.nameConsent;
    case 'photo_published':
      // Without an element (a whole list that may be empty), the consent alone decides.
      return publication.photoConsent && (element === undefined || element.forPublication === true);
    case 'suspect_authorised':
      return publication.suspectAuthorised;
  }
}

function effectiveClassOfRule(rule: FieldRule, publication: PublicationPermissions, element: Element): DataClass {
  if (rule.when === undefined) return rule.class;
  return conditionHolds(rule.when, publication, element) ? 'public' : rule.otherwise;
}

/** The class a field has right now; `element` is the list element it belongs to (e.g. the photo). */
export const effectiveClassOf = (path: CaseFieldPath, publication: PublicationPermissions, element?: Readonly<Record<string, unknown>>): DataClass =>
  effectiveClassOfRule(FIELD_CLASSES[path], publication, element);

// ── Walking a record ─────────────────────────────────────────────────────────────────────────────

/** Every proper prefix of a leaf path: the objects and list elements a record walk descends into. */
const BRANCHES: ReadonlySet<string> = new Set(
  CASE_FIELD_PATHS.flatMap((path) => {
    const parts = path.split('.');
    const prefixes: string[] = [];
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      prefixes.push(prefix);
      if (prefix.endsWith('[]')) prefixes.push(prefix.slice(0, -2));
    }
    return prefixes;
  }),
);

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);
const isPlainObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
/** Only plain values are copied: anything else under a leaf path is unclassified and left out. */
const isLeafValue = (v: unknown) => v === null || isScalar(v) || (Array.isArray(v) && v.every(isScalar));

type Keep = (rule: FieldRule, element: Element) => boolean;

/** Whether a leaf under this branch could be kept (decides whether a null or empty branch is shown). */
function anyKeptUnder(branch: string, keep: Keep): boolean {
  const prefix = `${branch}.`;
  const elementPrefix = `${branch}[].`;
  return CASE_FIELD_PATHS.some((p) => (p.startsWith(prefix) || p.startsWith(elementPrefix)) && keep(FIELD_CLASSES[p], undefined));
}

function project(obj: Readonly<Record<string, unknown>>, path: string, keep: Keep, element: Element): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    const p = join(path, key);
    const rule = RULES.get(p);
    if (rule) {
      if (isLeafValue(value) && keep(rule, element)) out[key] = Array.isArray(value) ? [...(value as unknown[])] : value;
    } else if (BRANCHES.has(`${p}[]`) && Array.isArray(value)) {
      if (!anyKeptUnder(p, keep)) continue;
      out[key] = value.filter(isPlainObject).map((item) => project(item, `${p}[]`, keep, item)).filter((item) => Object.keys(item).length > 0);
    } else if (BRANCHES.has(p) && value === null) {
      if (anyKeptUnder(p, keep)) out[key] = null;
    } else if (BRANCHES.has(p) && isPlainObject(value)) {
      const sub = project(value, p, keep, element);
      if (Object.keys(sub).length > 0) out[key] = sub;
    }
    // Anything else (an unknown key, a wrong shape) is unclassified and never copied.
  }
  return out;
}

/** A CaseRecord with some fields left out. */
export type PartialCaseRecord = DeepPartial<CaseRecord>;
type DeepPartial<T> = T extends readonly (infer E)[] ? readonly DeepPartial<E>[] : T extends object ? { readonly [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * A copy of the record holding only the fields whose class, under these publication permissions, is
 * in `allowed`. Photos not chosen for publication are dropped from the public view; keys that are not
 * declared in FIELD_CLASSES are never copied.
 */
export function pickByClass(record: CaseRecord, allowed: readonly DataClass[], publication: PublicationPermissions): PartialCaseRecord {
  return project(record as unknown as Readonly<Record<string, unknown>>, '', (rule, element) => allowed.includes(effectiveClassOfRule(rule, publication, element)), undefined);
}

/**
 * Splits a record by class at rest: `sensitive` is what the encryption layer seals with the per-case
 * key, `rest` is stored in clear. mergeSensitive puts them back together.
 */
export function splitSensitive(record: CaseRecord): { readonly rest: PartialCaseRecord; readonly sensitive: PartialCaseRecord } {
  const source = record as unknown as Readonly<Record<string, unknown>>;
  const atRest = (rule: FieldRule) => rule.otherwise ?? rule.class;
  return {
    rest: project(source, '', (rule) => atRest(rule) !== 'sensitive', undefined),
    sensitive: project(source, '', (rule) => atRest(rule) === 'sensitive', undefined),
  };
}

function deepMerge(a: unknown, b: unknown): unknown {
  if (isPlainObject(a) && isPlainObject(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? deepMerge(out[k], v) : v;
    return out;
  }
  return b === undefined || b === null ? a : b;
}

/** The inverse of splitSensitive. The result is a whole record only if both parts came from one. */
export function mergeSensitive(rest: PartialCaseRecord, sensitive: PartialCaseRecord): CaseRecord {
  return deepMerge(rest, sensitive) as CaseRecord;
}

/** Each leaf path with the values found at it (one per list element for paths under `[]`). */
function leafValues(record: PartialCaseRecord): Map<CaseFieldPath, unknown[]> {
  const found = new Map<CaseFieldPath, unknown[]>();
  const walk = (obj: Readonly<Record<string, unknown>>, path: string) => {
    for (const [key, value] of Object.entries(obj)) {
      const p = join(path, key);
      if (isCaseFieldPath(p)) {
        if (isLeafValue(value)) found.set(p, [...(found.get(p) ?? []), value]);
      } else if (Array.isArray(value)) {
        for (const item of value) if (isPlainObject(item)) walk(item, `${p}[]`);
      } else if (isPlainObject(value)) {
        walk(value, p);
      }
    }
  };
  walk(record, '');
  return found;
}

const hasContent = (v: unknown) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** The leaf paths that hold a value (not null, not empty): what an audit entry says was read or written. */
export function pathsPresent(record: PartialCaseRecord): CaseFieldPath[] {
  return [...leafValues(record)].filter(([, values]) => values.some(hasContent)).map(([path]) => path);
}

/** The leaf paths whose values differ between two versions: what an update's audit entry names (never the values). */
export function changedPaths(before: PartialCaseRecord, after: PartialCaseRecord): CaseFieldPath[] {
  const a = leafValues(before);
  const b = leafValues(after);
  return CASE_FIELD_PATHS.filter((p) => JSON.stringify(a.get(p) ?? []) !== JSON.stringify(b.get(p) ?? []));
}
