/**
 * Validation of a case form against the facts and the current time, beyond what a JSON schema can say:
 * impossible dates, name scripts, consents without time or wording, coordinates, lengths and list
 * sizes, and vocabulary codes (again, so that the domain never trusts its caller). Each problem names
 * its field as a JSON pointer into the record ("/child/birthDate", "/investigation/friends/2/phone")
 * and never repeats the value.
 *
 * CASE_LIMITS is the single source of the lengths and sizes: the HTTP schema should use the same numbers.
 *
 * @example
 *   const errors = validateCaseRecord(record, now);
 *   if (errors.length) throw new AppError('validation_failed', 'The case form has problems.', { errors });
 *   // or simply: assertValidCaseRecord(record, now);
 */
import { AppError, type FieldError } from '../errors.ts';
import {
  BUILDS,
  CIRCUMSTANCE_INDICATORS,
  COLOURS,
  CONSENTING_RELATIONS,
  EYE_COLOURS,
  GARMENTS,
  HAIR_COLOURS,
  HAIR_LENGTHS,
  HAIR_TEXTURES,
  isOneOf,
  LANGUAGES,
  MARK_KINDS,
  ONLINE_PLATFORMS,
  RELATIONS,
  SEXES,
  VEHICLE_KINDS,
  VULNERABILITY_INDICATORS,
  type CaseRecord,
  type ConsentRecord,
  type GeoPoint,
} from './case-record.ts';
import { ageOn, CLOCK_SKEW_MS, instantMs, isIsoDate, moroccoDate } from './case-time.ts';

export const CASE_LIMITS = {
  /** Characters in a person's name (one name field). */
  name: 100,
  /** Characters in a short free-text field (a note, a label, a handle, an address line). */
  shortText: 200,
  /** Characters in a descriptive free-text field (clothing, medical needs, consent wording). */
  longText: 2000,
  /** Characters in the circumstances narrative. */
  narrative: 10_000,
  /** Characters in a code-like field (plate, file number, photo id, ID card number). */
  code: 40,
  otherNames: 10,
  visibleMarks: 20,
  clothingItems: 20,
  coloursPerItem: 4,
  languages: 10,
  photos: 12,
  hobbies: 20,
  placesFrequented: 20,
  friends: 30,
  onlineAccounts: 20,
  phones: 5,
  minHeightCm: 30,
  maxHeightCm: 220,
  /** Ages from 120 up are typing mistakes. */
  maxAgeYears: 119,
  /** A week. */
  maxUncertaintyMinutes: 10_080,
} as const;

// Letters of one script, plus combining marks (Arabic vowel signs), spaces, hyphens, apostrophes, dots.
const ARABIC_NAME = /^[\p{Script=Arabic}\p{M}][\p{Script=Arabic}\p{M} '’.-]*$/u;
const LATIN_NAME = /^[\p{Script=Latin}\p{M}][\p{Script=Latin}\p{M} '’.-]*$/u;
/** Control characters; tab, line feed and carriage return are allowed in multi-line text only. */
function hasControlCharacters(text: string, multiline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 127 || (c < 32 && !(multiline && (c === 9 || c === 10 || c === 13)))) return true;
  }
  return false;
}
const PHONE_SEPARATORS = /[\s.()-]/g;
const MOROCCAN_PHONE = /^0[5-8]\d{8}$/;
const E164_PHONE = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ID_CARD = /^[A-Za-z0-9]{4,20}$/;
const PHOTO_ID = /^[A-Za-z0-9_-]{1,40}$/;
const PREFECTURE_CODE = /^MA-[A-Z]{3}$/;
const REGION_CODE = /^MA-(0[1-9]|1[0-2])$/;

/** A phone in a Moroccan national form (e.g. 0612345678) or E.164 (+CC…), separators ignored. */
export function isPhoneNumber(value: string): boolean {
  const compact = value.replace(PHONE_SEPARATORS, '');
  return MOROCCAN_PHONE.test(compact) || E164_PHONE.test(compact);
}

interface TextRule {
  readonly max: number;
  readonly required?: boolean;
  readonly multiline?: boolean;
}

/** Collects problems. Each check reports a wrong type or value and returns whether the value can be used further. */
class Problems {
  readonly list: FieldError[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  text(field: string, value: unknown, rule: TextRule): value is string {
    if (value === null || value === undefined) {
      if (rule.required) this.add(field, 'is required');
      return false;
    }
    if (typeof value !== 'string') return this.fail(field, 'must be text');
    if (value.trim() === '') return this.fail(field, rule.required ? 'is required' : 'must not be blank (send null when unknown)');
    if (value.length > rule.max) return this.fail(field, `must be at most ${rule.max} characters`);
    if (hasControlCharacters(value, rule.multiline === true)) return this.fail(field, 'contains control characters');
    return true;
  }

  code<const V extends readonly string[]>(field: string, value: unknown, vocabulary: V, required = false): value is V[number] {
    if (value === null || value === undefined) {
      if (required) this.add(field, 'is required');
      return false;
    }
    return isOneOf(vocabulary, value) ? true : this.fail(field, 'is not one of the allowed codes');
  }

  codes(field: string, value: unknown, vocabulary: readonly string[], max: number): void {
    if (!this.checkList(field, value, max)) return;
    value.forEach((v, i) => this.code(`${field}/${i}`, v, vocabulary, true));
    if (new Set(value).size !== value.length) this.add(field, 'must not repeat a code');
  }

  /** An array of at most `max` items. */
  checkList(field: string, value: unknown, max: number): value is readonly unknown[] {
    if (!Array.isArray(value)) return this.fail(field, 'must be a list');
    if (value.length > max) return this.fail(field, `must have at most ${max} items`);
    return true;
  }

  objects<T>(field: string, value: readonly T[], max: number, each: (item: T, at: string) => void): void {
    if (!this.checkList(field, value, max)) return;
    value.forEach((item, i) => {
      if (typeof item === 'object' && item !== null && !Array.isArray(item)) each(item, `${field}/${i}`);
      else this.add(`${field}/${i}`, 'must be an object');
    });
  }

  number(field: string, value: unknown, min: number, max: number, opts: { required?: boolean; integer?: boolean } = {}): value is number {
    if (value === null || value === undefined) {
      if (opts.required) this.add(field, 'is required');
      return false;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.fail(field, 'must be a number');
    if (opts.integer && !Number.isInteger(value)) return this.fail(field, 'must be a whole number');
    if (value < min || value > max) return this.fail(field, `must be between ${min} and ${max}`);
    return true;
  }

  boolean(field: string, value: unknown): value is boolean {
    return typeof value === 'boolean' ? true : this.fail(field, 'must be true or false');
  }

  /** An instant that is not in the future; returns its milliseconds. */
  pastInstant(field: string, value: unknown, now: Date, required = true): number | null {
    if (value === null || value === undefined) {
      if (required) this.add(field, 'is required');
      return null;
    }
    const ms = instantMs(value);
    if (ms === null) {
      this.add(field, 'must be an ISO 8601 date-time with a time zone');
      return null;
    }
    if (ms > now.getTime() + CLOCK_SKEW_MS) {
      this.add(field, 'is in the future');
      return null;
    }
    return ms;
  }

  point(field: string, value: GeoPoint | null | undefined, required: boolean): void {
    if (value === null || value === undefined) {
      if (required) this.add(field, 'is required');
      return;
    }
    this.number(`${field}/lat`, value.lat, -90, 90, { required: true });
    this.number(`${field}/lon`, value.lon, -180, 180, { required: true });
  }

  phone(field: string, value: unknown, required = false): void {
    if (this.text(field, value, { max: CASE_LIMITS.code, required }) && !isPhoneNumber(value)) this.add(field, 'must be a Moroccan (e.g. 0612345678) or international (+CC…) phone number');
  }

  private fail(field: string, message: string): false {
    this.add(field, message);
    return false;
  }
}

const NAME: TextRule = { max: CASE_LIMITS.name };
const SHORT: TextRule = { max: CASE_LIMITS.shortText };
const LONG: TextRule = { max: CASE_LIMITS.longText, multiline: true };

function checkName(p: Problems, field: string, value: unknown, script: RegExp | null, required = false): void {
  if (p.text(field, value, { ...NAME, required }) && script && !script.test(value.trim())) {
    p.add(field, script === ARABIC_NAME ? 'must be written in Arabic script' : 'must be written in Latin script');
  }
}

function checkChild(p: Problems, record: CaseRecord, lastSeenMs: number | null, now: Date): void {
  const c = record.child;
  checkName(p, '/child/givenNameAr', c.givenNameAr, ARABIC_NAME);
  checkName(p, '/child/familyNameAr', c.familyNameAr, ARABIC_NAME);
  checkName(p, '/child/givenNameLatin', c.givenNameLatin, LATIN_NAME);
  checkName(p, '/child/familyNameLatin', c.familyNameLatin, LATIN_NAME);
  const hasName = [c.givenNameAr, c.familyNameAr, c.givenNameLatin, c.familyNameLatin].some((n) => typeof n === 'string' && n.trim() !== '');
  if (!hasName) {
    p.add('/child/givenNameAr', 'a name is required in Arabic or Latin script');
    p.add('/child/givenNameLatin', 'a name is required in Arabic or Latin script');
  }
  if (p.checkList('/child/otherNames', c.otherNames, CASE_LIMITS.otherNames)) c.otherNames.forEach((n, i) => checkName(p, `/child/otherNames/${i}`, n, null, true));
  p.code('/child/sex', c.sex, SEXES, true);

  // Birth date and age: one of them is needed; they must agree and be possible.
  const today = moroccoDate(now);
  const lastSeenDay = lastSeenMs === null ? null : moroccoDate(new Date(lastSeenMs));
  let ageFromBirth: number | null = null;
  if (c.birthDate !== null && c.birthDate !== undefined) {
    if (!isIsoDate(c.birthDate)) p.add('/child/birthDate', 'must be a date written YYYY-MM-DD');
    else if (c.birthDate > today) p.add('/child/birthDate', 'is in the future');
    else if (lastSeenDay !== null && c.birthDate > lastSeenDay) p.add('/child/birthDate', 'is after the last-seen time');
    else {
      ageFromBirth = ageOn(c.birthDate, lastSeenDay ?? today);
      if (ageFromBirth > CASE_LIMITS.maxAgeYears) p.add('/child/birthDate', `gives an age above ${CASE_LIMITS.maxAgeYears} years`);
    }
  }
  if (c.ageYears !== null && c.ageYears !== undefined) {
    if (p.number('/child/ageYears', c.ageYears, 0, CASE_LIMITS.maxAgeYears, { integer: true }) && ageFromBirth !== null && ageFromBirth !== c.ageYears) {
      p.add('/child/ageYears', 'does not match the birth date at the last-seen time');
    }
  } else if (c.birthDate === null || c.birthDate === undefined) {
    p.add('/child/birthDate', 'give the birth date or an estimated age (ageYears)');
  }

  if (p.text('/child/idCardNumber', c.idCardNumber, { max: CASE_LIMITS.code }) && !ID_CARD.test(c.idCardNumber)) p.add('/child/idCardNumber', 'must be 4 to 20 letters and digits');
  p.number('/child/heightCm', c.heightCm, CASE_LIMITS.minHeightCm, CASE_LIMITS.maxHeightCm);
  p.code('/child/build', c.build, BUILDS);
  if (c.hair === null || typeof c.hair !== 'object') p.add('/child/hair', 'is required (with null for unknown parts)');
  else {
    p.code('/child/hair/colour', c.hair.colour, HAIR_COLOURS);
    p.code('/child/hair/length', c.hair.length, HAIR_LENGTHS);
    p.code('/child/hair/texture', c.hair.texture, HAIR_TEXTURES);
  }
  p.code('/child/eyes', c.eyes, EYE_COLOURS);
  p.objects('/child/visibleMarks', c.visibleMarks, CASE_LIMITS.visibleMarks, (m, at) => {
    p.code(`${at}/kind`, m.kind, MARK_KINDS, true);
    p.text(`${at}/description`, m.description, SHORT);
  });
  if (c.clothing === null || typeof c.clothing !== 'object') p.add('/child/clothing', 'is required (with an empty list when unknown)');
  else {
    p.objects('/child/clothing/items', c.clothing.items, CASE_LIMITS.clothingItems, (item, at) => {
      p.code(`${at}/garment`, item.garment, GARMENTS, true);
      p.codes(`${at}/colours`, item.colours, COLOURS, CASE_LIMITS.coloursPerItem);
      p.text(`${at}/note`, item.note, SHORT);
    });
    p.text('/child/clothing/description', c.clothing.description, LONG);
  }
  p.codes('/child/languages', c.languages, LANGUAGES, CASE_LIMITS.languages);
  const photoIds = new Set<string>();
  p.objects('/child/photos', c.photos, CASE_LIMITS.photos, (photo, at) => {
    if (p.text(`${at}/id`, photo.id, { max: CASE_LIMITS.code, required: true })) {
      if (!PHOTO_ID.test(photo.id)) p.add(`${at}/id`, 'must be letters, digits, "-" or "_"');
      else if (photoIds.has(photo.id)) p.add(`${at}/id`, 'lists the same photo twice');
      photoIds.add(photo.id);
    }
    p.boolean(`${at}/forPublication`, photo.forPublication);
    if (photo.takenOn !== null && photo.takenOn !== undefined) {
      if (!isIsoDate(photo.takenOn)) p.add(`${at}/takenOn`, 'must be a date written YYYY-MM-DD');
      else if (photo.takenOn > today) p.add(`${at}/takenOn`, 'is in the future');
    }
  });
  if (c.health === null || typeof c.health !== 'object') p.add('/child/health', 'is required (with null for unknown parts)');
  else {
    p.text('/child/health/medicalNeeds', c.health.medicalNeeds, LONG);
    p.text('/child/health/disability', c.health.disability, LONG);
  }
}

function checkLastSeen(p: Problems, record: CaseRecord, now: Date): number | null {
  const s = record.lastSeen;
  if (s === null || typeof s !== 'object') {
    p.add('/lastSeen', 'is required');
    return null;
  }
  const at = p.pastInstant('/lastSeen/at', s.at, now);
  p.number('/lastSeen/uncertaintyMinutes', s.uncertaintyMinutes, 0, CASE_LIMITS.maxUncertaintyMinutes, { required: true, integer: true });
  p.point('/lastSeen/point', s.point, true);
  p.text('/lastSeen/address', s.address, SHORT);
  if (s.area === null || typeof s.area !== 'object') p.add('/lastSeen/area', 'is required (with null for unknown parts)');
  else {
    p.text('/lastSeen/area/commune', s.area.commune, SHORT);
    p.text('/lastSeen/area/neighbourhood', s.area.neighbourhood, SHORT);
  }
  if (p.text('/lastSeen/prefectureCode', s.prefectureCode, { max: 6 }) && !PREFECTURE_CODE.test(s.prefectureCode)) p.add('/lastSeen/prefectureCode', 'must be an ISO 3166-2 province code like MA-CAS');
  if (p.text('/lastSeen/regionCode', s.regionCode, { max: 5 }) && !REGION_CODE.test(s.regionCode)) p.add('/lastSeen/regionCode', 'must be an ISO 3166-2 region code from MA-01 to MA-12');
  return at;
}

function checkConsent(p: Problems, field: string, consent: ConsentRecord | null, record: CaseRecord, now: Date): void {
  if (consent === null || consent === undefined) return;
  p.boolean(`${field}/given`, consent.given);
  const at = p.pastInstant(`${field}/at`, consent.at, now);
  p.text(`${field}/wording`, consent.wording, { ...LONG, required: true });
  const withdrawn = p.pastInstant(`${field}/withdrawnAt`, consent.withdrawnAt, now, false);
  if (withdrawn !== null && at !== null && withdrawn < at) p.add(`${field}/withdrawnAt`, 'is before the consent was given');
  if (consent.given === true && isOneOf(RELATIONS, record.reporter.relation) && !CONSENTING_RELATIONS.includes(record.reporter.relation)) {
    p.add(`${field}/given`, 'only a parent, a guardian or the person with effective care can consent');
  }
}

function checkReporter(p: Problems, record: CaseRecord, now: Date): void {
  const r = record.reporter;
  if (r === null || typeof r !== 'object') {
    p.add('/reporter', 'is required');
    return;
  }
  checkName(p, '/reporter/givenName', r.givenName, null, true);
  checkName(p, '/reporter/familyName', r.familyName, null, true);
  if (p.text('/reporter/idCardNumber', r.idCardNumber, { max: CASE_LIMITS.code }) && !ID_CARD.test(r.idCardNumber)) p.add('/reporter/idCardNumber', 'must be 4 to 20 letters and digits');
  p.code('/reporter/relation', r.relation, RELATIONS, true);
  p.text('/reporter/relationDetail', r.relationDetail, { ...SHORT, required: r.relation === 'other' });
  if (p.checkList('/reporter/phones', r.phones, CASE_LIMITS.phones)) r.phones.forEach((ph, i) => p.phone(`/reporter/phones/${i}`, ph, true));
  if (p.text('/reporter/email', r.email, { max: 254 }) && !EMAIL.test(r.email)) p.add('/reporter/email', 'must be an e-mail address');
  p.text('/reporter/address', r.address, SHORT);
  if (r.consents === null || typeof r.consents !== 'object') p.add('/reporter/consents', 'is required (with null for questions not yet asked)');
  else {
    checkConsent(p, '/reporter/consents/publishName', r.consents.publishName, record, now);
    checkConsent(p, '/reporter/consents/publishPhoto', r.consents.publishPhoto, record, now);
  }
}

function checkInvestigation(p: Problems, record: CaseRecord): void {
  const inv = record.investigation;
  if (inv === null || typeof inv !== 'object') {
    p.add('/investigation', 'is required (with empty lists when unknown)');
    return;
  }
  if (p.checkList('/investigation/hobbies', inv.hobbies, CASE_LIMITS.hobbies)) inv.hobbies.forEach((h, i) => p.text(`/investigation/hobbies/${i}`, h, { ...SHORT, required: true }));
  p.text('/investigation/personalProblems', inv.personalProblems, LONG);
  p.objects('/investigation/placesFrequented', inv.placesFrequented, CASE_LIMITS.placesFrequented, (place, at) => {
    p.text(`${at}/label`, place.label, { ...SHORT, required: true });
    p.text(`${at}/address`, place.address, SHORT);
    p.point(`${at}/point`, place.point, false);
    if ((place.address === null || place.address === undefined) && (place.point === null || place.point === undefined)) p.add(`${at}/point`, 'give a point or an address');
  });
  p.objects('/investigation/friends', inv.friends, CASE_LIMITS.friends, (friend, at) => {
    checkName(p, `${at}/name`, friend.name, null, true);
    p.phone(`${at}/phone`, friend.phone);
    p.text(`${at}/note`, friend.note, SHORT);
  });
  if (inv.school !== null && inv.school !== undefined) {
    p.text('/investigation/school/name', inv.school.name, { ...SHORT, required: true });
    p.text('/investigation/school/level', inv.school.level, { max: CASE_LIMITS.code });
    p.text('/investigation/school/address', inv.school.address, SHORT);
  }
  p.objects('/investigation/onlineAccounts', inv.onlineAccounts, CASE_LIMITS.onlineAccounts, (account, at) => {
    p.code(`${at}/platform`, account.platform, ONLINE_PLATFORMS, true);
    p.text(`${at}/handle`, account.handle, { max: CASE_LIMITS.name, required: true });
  });
  p.phone('/investigation/phone', inv.phone);
}

function checkRest(p: Problems, record: CaseRecord, now: Date): void {
  const circ = record.circumstances;
  if (circ === null || typeof circ !== 'object') p.add('/circumstances', 'is required (with empty lists when unknown)');
  else {
    p.text('/circumstances/narrative', circ.narrative, { max: CASE_LIMITS.narrative, multiline: true });
    p.codes('/circumstances/indicators', circ.indicators, CIRCUMSTANCE_INDICATORS, CIRCUMSTANCE_INDICATORS.length);
    p.codes('/circumstances/vulnerabilities', circ.vulnerabilities, VULNERABILITY_INDICATORS, VULNERABILITY_INDICATORS.length);
  }
  if (record.suspect) {
    checkName(p, '/suspect/name', record.suspect.name, null);
    p.code('/suspect/sex', record.suspect.sex, SEXES);
    p.number('/suspect/approximateAge', record.suspect.approximateAge, 0, CASE_LIMITS.maxAgeYears, { integer: true });
    p.text('/suspect/description', record.suspect.description, LONG);
  }
  if (record.vehicle) {
    p.code('/vehicle/kind', record.vehicle.kind, VEHICLE_KINDS);
    p.text('/vehicle/make', record.vehicle.make, { max: CASE_LIMITS.name });
    p.text('/vehicle/model', record.vehicle.model, { max: CASE_LIMITS.name });
    p.code('/vehicle/colour', record.vehicle.colour, COLOURS);
    p.text('/vehicle/plate', record.vehicle.plate, { max: CASE_LIMITS.code });
    p.text('/vehicle/description', record.vehicle.description, LONG);
  }
  if (record.prosecutor) {
    p.text('/prosecutor/court', record.prosecutor.court, SHORT);
    p.text('/prosecutor/fileNumber', record.prosecutor.fileNumber, { max: CASE_LIMITS.code });
    const decision = record.prosecutor.publicationDecision;
    if (decision) {
      p.text('/prosecutor/publicationDecision/reference', decision.reference, { max: CASE_LIMITS.code, required: true });
      p.pastInstant('/prosecutor/publicationDecision/decidedAt', decision.decidedAt, now);
      p.boolean('/prosecutor/publicationDecision/publishName', decision.publishName);
      p.boolean('/prosecutor/publicationDecision/publishPhoto', decision.publishPhoto);
      p.boolean('/prosecutor/publicationDecision/publishSuspect', decision.publishSuspect);
    }
  }
}

/**
 * Every problem with a case form, judged at `now`. An empty list means the record may be stored.
 * An age of 18 or more is not a problem here: the assessment reports that the person is not a minor.
 */
export function validateCaseRecord(record: CaseRecord, now: Date): FieldError[] {
  const p = new Problems();
  if (record === null || typeof record !== 'object') {
    p.add('/', 'must be an object');
    return p.list;
  }
  const lastSeenMs = checkLastSeen(p, record, now);
  if (record.child === null || typeof record.child !== 'object') p.add('/child', 'is required');
  else checkChild(p, record, lastSeenMs, now);
  checkRest(p, record, now);
  checkInvestigation(p, record);
  checkReporter(p, record, now);
  return p.list;
}

/** Throws AppError('validation_failed') listing every problem; returns the record when there is none. */
export function assertValidCaseRecord(record: CaseRecord, now: Date): CaseRecord {
  const errors = validateCaseRecord(record, now);
  if (errors.length) throw new AppError('validation_failed', `The case form has ${errors.length} problem${errors.length === 1 ? '' : 's'}.`, { errors });
  return record;
}
