/**
 * What the alert templates say, read from the public subset of a case record: the child's sex, age,
 * names (only when the subset holds them, i.e. with consent or a decision), description and clothing
 * codes, the authorised vehicle and suspect description, the last-seen area in each language and the
 * last-seen time in Morocco. Free-text fields of the record (mark, clothing, suspect and vehicle
 * descriptions) are left out: free text is entered per language by the officer.
 *
 * The input must be a public subset (pickByClass(record, ['public'], permissions)): a field whose class
 * is restricted or sensitive whatever the permissions (an address, the reporter, the suspect's name …)
 * is refused, so the templates cannot publish it by mistake.
 *
 * @example
 *   const facts = alertFacts({ publicRecord, reference, lastSeenArea, lastSeenAt, callNumber: '19', now });
 *   facts.child.sex; // 'female'
 */
import {
  BUILDS,
  COLOURS,
  EYE_COLOURS,
  GARMENTS,
  HAIR_COLOURS,
  HAIR_LENGTHS,
  HAIR_TEXTURES,
  isOneOf,
  LANGUAGES,
  MARK_KINDS,
  SEXES,
  VEHICLE_KINDS,
  type Build,
  type Colour,
  type EyeColour,
  type Garment,
  type HairColour,
  type HairLength,
  type HairTexture,
  type IsoInstant,
  type Language,
  type MarkKind,
  type Sex,
  type VehicleKind,
} from '../case/case-record.ts';
import { classOf, pathsPresent, type PartialCaseRecord } from '../case/field-classes.ts';
import { toDate } from '../case/case-time.ts';
import type { FreeText } from './alert-languages.ts';

/** A place name in each alert language; Tamazight falls back to the French (Latin) spelling when unknown. */
export interface LocalisedPlace {
  readonly ar: string;
  readonly fr: string;
  readonly zgh: string | null;
}

/** The public last-seen area: the neighbourhood and the commune, each named in the three languages. */
export interface AlertArea {
  readonly neighbourhood: LocalisedPlace | null;
  readonly commune: LocalisedPlace | null;
}

export interface AlertTextInput {
  /** The public subset of the case record, and nothing more. */
  readonly publicRecord: PartialCaseRecord;
  /** The public case reference, e.g. "TM-2026-000123". */
  readonly reference: string;
  readonly lastSeenArea: AlertArea;
  readonly lastSeenAt: IsoInstant | Date;
  readonly callNumber: '19';
  readonly freeText?: FreeText;
  /** Decides whether the date needs its year (a sighting from another year). */
  readonly now: Date;
}

export interface Item {
  readonly garment: Garment;
  readonly colours: readonly Colour[];
}

export interface ChildNames {
  readonly givenAr: string | null;
  readonly familyAr: string | null;
  readonly givenLatin: string | null;
  readonly familyLatin: string | null;
  readonly other: readonly string[];
}

export interface ChildFacts {
  readonly sex: Sex;
  readonly ageYears: number | null;
  readonly names: ChildNames;
  readonly heightCm: number | null;
  readonly build: Build | null;
  readonly hairColour: HairColour | null;
  readonly hairLength: HairLength | null;
  readonly hairTexture: HairTexture | null;
  readonly eyes: EyeColour | null;
  readonly marks: readonly MarkKind[];
  /** Garments worn. */
  readonly worn: readonly Item[];
  /** Bags carried. */
  readonly carried: readonly Item[];
  readonly languages: readonly Language[];
}

export interface VehicleFacts {
  readonly kind: VehicleKind | null;
  readonly colour: Colour | null;
  /** Make and model as recorded, e.g. "Dacia Logan". */
  readonly makeModel: string | null;
  readonly plate: string | null;
}

export interface SuspectFacts {
  readonly sex: Sex | null;
  readonly approximateAge: number | null;
}

/** Last-seen time in Morocco (Africa/Casablanca), Western digits. */
export interface LocalTime {
  /** "11/03", or "11/03/2025" when the year differs from the current one. */
  readonly date: string;
  /** 0–23. */
  readonly hour: number;
  /** "05". */
  readonly minute: string;
}

export interface AlertFacts {
  readonly child: ChildFacts;
  readonly vehicle: VehicleFacts | null;
  readonly suspect: SuspectFacts | null;
  readonly area: AlertArea;
  readonly seen: LocalTime;
  readonly reference: string;
  readonly callNumber: string;
}

/** Garments that are carried rather than worn. */
const CARRIED: ReadonlySet<Garment> = new Set<Garment>(['backpack', 'bag']);

type Loose = Readonly<Record<string, unknown>>;
const isRecord = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Loose => (isRecord(v) ? v : {});
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\s+/gu, ' ') : null);
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : null);
const code = <const V extends readonly string[]>(vocabulary: V, v: unknown): V[number] | null => (isOneOf(vocabulary, v) ? v : null);
const codes = <const V extends readonly string[]>(vocabulary: V, v: unknown): V[number][] => [...new Set(list(v).filter((x): x is V[number] => isOneOf(vocabulary, x)))];

/** Throws when the record holds a field that is never public; names the paths, never the values. */
export function assertPublicSubset(record: PartialCaseRecord): void {
  const never = pathsPresent(record).filter((path) => classOf(path) !== 'public');
  if (never.length > 0) throw new RangeError(`Alert texts take the public subset of a case only; found: ${never.join(', ')}.`);
}

const MOROCCO_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Africa/Casablanca',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function moroccoParts(at: Date): Readonly<Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>> {
  const parts = MOROCCO_TIME.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

export function localTime(at: Date, now: Date): LocalTime {
  const p = moroccoParts(at);
  const sameYear = p.year === moroccoParts(now).year;
  return { date: sameYear ? `${p.day}/${p.month}` : `${p.day}/${p.month}/${p.year}`, hour: Number(p.hour), minute: p.minute };
}

function items(v: unknown): Item[] {
  return list(v).flatMap((raw) => {
    const garment = code(GARMENTS, obj(raw).garment);
    return garment ? [{ garment, colours: codes(COLOURS, obj(raw).colours) }] : [];
  });
}

function vehicleFacts(v: unknown): VehicleFacts | null {
  if (!isRecord(v)) return null;
  const makeModel = [text(v.make), text(v.model)].filter((s): s is string => s !== null).join(' ');
  const facts: VehicleFacts = { kind: code(VEHICLE_KINDS, v.kind), colour: code(COLOURS, v.colour), makeModel: makeModel || null, plate: text(v.plate) };
  return facts.kind || facts.colour || facts.makeModel || facts.plate ? facts : null;
}

function suspectFacts(v: unknown): SuspectFacts | null {
  if (!isRecord(v)) return null;
  const facts: SuspectFacts = { sex: code(SEXES, v.sex), approximateAge: count(v.approximateAge) };
  return facts.sex || facts.approximateAge !== null ? facts : null;
}

export function alertFacts(input: AlertTextInput): AlertFacts {
  assertPublicSubset(input.publicRecord);
  const child = obj(input.publicRecord.child);
  const sex = code(SEXES, child.sex);
  if (!sex) throw new RangeError('The public record must hold the child’s sex.');
  const hair = obj(child.hair);
  const clothing = items(obj(child.clothing).items);
  const vehicle = vehicleFacts(input.publicRecord.vehicle);
  const suspect = suspectFacts(input.publicRecord.suspect);
  return {
    child: {
      sex,
      ageYears: count(child.ageYears),
      names: {
        givenAr: text(child.givenNameAr),
        familyAr: text(child.familyNameAr),
        givenLatin: text(child.givenNameLatin),
        familyLatin: text(child.familyNameLatin),
        other: list(child.otherNames).map(text).filter((s): s is string => s !== null),
      },
      heightCm: count(child.heightCm),
      build: code(BUILDS, child.build),
      hairColour: code(HAIR_COLOURS, hair.colour),
      hairLength: code(HAIR_LENGTHS, hair.length),
      hairTexture: code(HAIR_TEXTURES, hair.texture),
      eyes: code(EYE_COLOURS, child.eyes),
      marks: codes(MARK_KINDS, list(child.visibleMarks).map((m) => obj(m).kind)),
      worn: clothing.filter((i) => !CARRIED.has(i.garment)),
      carried: clothing.filter((i) => CARRIED.has(i.garment)),
      languages: codes(LANGUAGES, child.languages),
    },
    vehicle,
    suspect,
    area: input.lastSeenArea,
    seen: localTime(toDate(input.lastSeenAt), input.now),
    reference: input.reference,
    callNumber: input.callNumber,
  };
}

// ── Helpers the language templates share ─────────────────────────────────────────────────────────

export type NameScript = 'arabic' | 'latin';
export type NameMode = 'full' | 'given';

/** The child's public name in the preferred script (the other one when that is all there is), or null. */
export function childName(names: ChildNames, prefer: NameScript, mode: NameMode): string | null {
  const arabic = { given: names.givenAr, family: names.familyAr };
  const latin = { given: names.givenLatin, family: names.familyLatin };
  const [first, second] = prefer === 'arabic' ? [arabic, latin] : [latin, arabic];
  const pick = first.given || first.family ? first : second;
  if (mode === 'given' && pick.given) return pick.given;
  const full = [pick.given, pick.family].filter((s): s is string => s !== null).join(' ');
  return full || null;
}

export type PlaceKey = 'ar' | 'fr' | 'zgh';
export type PlaceMode = 'full' | 'short';

const placeIn = (place: LocalisedPlace, key: PlaceKey): string => (key === 'zgh' ? (place.zgh ?? place.fr) : place[key]).trim();

/** "neighbourhood, commune" (full) or the commune alone (short), in one language; null when unknown. */
export function placeName(area: AlertArea, key: PlaceKey, mode: PlaceMode, separator: string): string | null {
  const commune = area.commune ? placeIn(area.commune, key) || null : null;
  const neighbourhood = area.neighbourhood ? placeIn(area.neighbourhood, key) || null : null;
  if (mode === 'short') return commune ?? neighbourhood;
  return [neighbourhood, commune].filter((s): s is string => s !== null).join(separator) || null;
}

/** Every proper name an alert text may carry in a script other than its language's own. */
export function alertProperNames(input: AlertTextInput): string[] {
  const facts = alertFacts(input);
  const n = facts.child.names;
  const places = [input.lastSeenArea.neighbourhood, input.lastSeenArea.commune].flatMap((p) => (p ? [p.ar, p.fr, p.zgh ?? ''] : []));
  const vehicle = facts.vehicle ? [facts.vehicle.makeModel ?? '', facts.vehicle.plate ?? ''] : [];
  const words = [n.givenAr, n.familyAr, n.givenLatin, n.familyLatin, ...n.other, ...places, ...vehicle, input.reference];
  return [...new Set(words.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim()))];
}
