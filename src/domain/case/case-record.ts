/**
 * The revised missing-child form as data: what a case records about the child, the last sighting, the
 * circumstances, the investigation profile, the reporter and their consents, an optional suspect and
 * vehicle, and the prosecutor's reference. Pure types and closed vocabularies, no behaviour.
 *
 * Conventions (the HTTP schema, storage and presenters rely on them):
 * - A CaseRecord is plain JSON: instants are ISO 8601 strings with a zone (`IsoInstant`), calendar
 *   dates are `YYYY-MM-DD` (`IsoDate`), so it can be stored, encrypted per field and sent as is.
 * - Unknown scalar values are `null`, never `''` or absent; lists are `[]` when empty.
 * - Every vocabulary is a stable English snake_case code; the alert templates (ar, fr, zgh) and the
 *   console translate codes, never the other way round. Add codes at the end; never rename one.
 * - Every leaf of CaseRecord has exactly one data class in field-classes.ts (checked at compile time).
 *
 * @example
 *   const garment: Garment = 'djellaba';
 *   if (isOneOf(GARMENTS, input)) use(input); // narrows an unknown string to Garment
 */

/** Narrows a string to a vocabulary's union type. */
export function isOneOf<const V extends readonly string[]>(vocabulary: V, value: unknown): value is V[number] {
  return typeof value === 'string' && (vocabulary as readonly string[]).includes(value);
}

/** ISO 8601 instant with a zone, e.g. "2026-03-11T14:30:00Z" or "2026-03-11T15:30:00+01:00". */
export type IsoInstant = string;
/** Calendar date, e.g. "2015-06-01". */
export type IsoDate = string;

/** Text for the officers' console, which runs in Arabic and French. */
export interface ConsoleText {
  readonly ar: string;
  readonly fr: string;
}

export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

// ── Vocabularies ───────────────────────────────────────────────────────────────────────────────

export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

export const BUILDS = ['slim', 'average', 'athletic', 'stocky', 'heavy'] as const;
export type Build = (typeof BUILDS)[number];

export const HAIR_COLOURS = ['black', 'dark_brown', 'brown', 'light_brown', 'blond', 'red', 'grey', 'white', 'dyed'] as const;
export type HairColour = (typeof HAIR_COLOURS)[number];

export const HAIR_LENGTHS = ['shaved', 'very_short', 'short', 'medium', 'long', 'very_long'] as const;
export type HairLength = (typeof HAIR_LENGTHS)[number];

export const HAIR_TEXTURES = ['straight', 'wavy', 'curly', 'frizzy'] as const;
export type HairTexture = (typeof HAIR_TEXTURES)[number];

export const EYE_COLOURS = ['black', 'dark_brown', 'brown', 'hazel', 'green', 'blue', 'grey'] as const;
export type EyeColour = (typeof EYE_COLOURS)[number];

/** Kinds of visible marks the public can check at a glance. */
export const MARK_KINDS = ['scar', 'birthmark', 'mole', 'tattoo', 'piercing', 'glasses', 'braces', 'missing_tooth', 'other'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

/** Garments and carried items; `school_smock` is the white «وزرة / tablier» of Moroccan schools. */
export const GARMENTS = [
  't_shirt',
  'shirt',
  'sweater',
  'hoodie',
  'jacket',
  'coat',
  'djellaba',
  'jabador',
  'kaftan',
  'gandoura',
  'tracksuit',
  'trousers',
  'jeans',
  'shorts',
  'skirt',
  'dress',
  'school_uniform',
  'school_smock',
  'shoes',
  'sneakers',
  'sandals',
  'slippers',
  'boots',
  'cap',
  'beanie',
  'headscarf',
  'scarf',
  'backpack',
  'bag',
  'other',
] as const;
export type Garment = (typeof GARMENTS)[number];

export const COLOURS = [
  'black',
  'white',
  'grey',
  'red',
  'orange',
  'yellow',
  'green',
  'blue',
  'navy',
  'light_blue',
  'purple',
  'pink',
  'brown',
  'beige',
  'khaki',
  'gold',
  'silver',
  'multicoloured',
] as const;
export type Colour = (typeof COLOURS)[number];

/**
 * Languages the child speaks (ISO 639 codes): Standard Arabic, Moroccan Arabic (Darija), Hassaniya,
 * Standard Moroccan Amazigh and its varieties (Central Atlas Tamazight, Tachelhit, Tarifit), French,
 * Spanish, English.
 */
export const LANGUAGES = ['ar', 'ary', 'mey', 'zgh', 'tzm', 'shi', 'rif', 'fr', 'es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The reporter's relation to the child in the terms of the Family Code (arts. 209, 230–232). */
export const RELATIONS = ['father', 'mother', 'testamentary_guardian', 'court_appointed_guardian', 'effective_carer', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/** Relations whose consent to publish counts: the legal representatives and the person with effective care. */
export const CONSENTING_RELATIONS: readonly Relation[] = ['father', 'mother', 'testamentary_guardian', 'court_appointed_guardian', 'effective_carer'];

/** Facts about the disappearance itself (restricted). */
export const CIRCUMSTANCE_INDICATORS = [
  'abduction_witnessed',
  'abduction_suspected',
  'known_person_involved',
  'unknown_person_involved',
  'vehicle_involved',
  'online_contact',
  'threat_to_life',
  'earlier_runaways',
] as const;
export type CircumstanceIndicator = (typeof CIRCUMSTANCE_INDICATORS)[number];

/** Facts about the child's health and home life (sensitive: health and personal problems). */
export const VULNERABILITY_INDICATORS = ['medical_need', 'disability', 'family_conflict', 'abuse_suspected'] as const;
export type VulnerabilityIndicator = (typeof VULNERABILITY_INDICATORS)[number];

export const ONLINE_PLATFORMS = ['facebook', 'instagram', 'tiktok', 'snapchat', 'whatsapp', 'telegram', 'youtube', 'x', 'discord', 'twitch', 'online_game', 'other'] as const;
export type OnlinePlatform = (typeof ONLINE_PLATFORMS)[number];

export const VEHICLE_KINDS = ['car', 'van', 'pickup', 'truck', 'motorcycle', 'scooter', 'bicycle', 'petit_taxi', 'grand_taxi', 'bus', 'other'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

export const CLOSURE_OUTCOMES = ['found_safe', 'found_injured', 'found_deceased', 'returned_on_own', 'withdrawn', 'other'] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];

// ── The form ───────────────────────────────────────────────────────────────────────────────────

export interface VisibleMark {
  readonly kind: MarkKind;
  /** Where and what, e.g. "scar above the left eyebrow". */
  readonly description: string | null;
}

export interface ClothingItem {
  readonly garment: Garment;
  readonly colours: readonly Colour[];
  /** Logo, print, brand, e.g. "Raja club crest". */
  readonly note: string | null;
}

export interface Clothing {
  readonly items: readonly ClothingItem[];
  /** Anything the items cannot say. */
  readonly description: string | null;
}

export interface Hair {
  readonly colour: HairColour | null;
  readonly length: HairLength | null;
  readonly texture: HairTexture | null;
}

export interface Photo {
  /** Reference of the stored image (the image bytes live in photo storage, not in the record). */
  readonly id: string;
  /** Chosen by the officer for publication; published only with photo consent or a decision. */
  readonly forPublication: boolean;
  readonly takenOn: IsoDate | null;
}

export interface Health {
  readonly medicalNeeds: string | null;
  readonly disability: string | null;
}

export interface Child {
  readonly givenNameAr: string | null;
  readonly familyNameAr: string | null;
  readonly givenNameLatin: string | null;
  readonly familyNameLatin: string | null;
  /** Nicknames and other names the child answers to. */
  readonly otherNames: readonly string[];
  readonly sex: Sex;
  readonly birthDate: IsoDate | null;
  /** Age in whole years at the last-seen time: derived from birthDate when known (withDerivedAge), else the reporter's estimate. */
  readonly ageYears: number | null;
  /** National ID card (CNIE) number, when the child has one. */
  readonly idCardNumber: string | null;
  readonly heightCm: number | null;
  readonly build: Build | null;
  readonly hair: Hair;
  readonly eyes: EyeColour | null;
  readonly visibleMarks: readonly VisibleMark[];
  readonly clothing: Clothing;
  readonly languages: readonly Language[];
  readonly photos: readonly Photo[];
  readonly health: Health;
}

export interface LastSeenArea {
  readonly commune: string | null;
  readonly neighbourhood: string | null;
}

export interface LastSeen {
  /** Best estimate of the time last seen. */
  readonly at: IsoInstant;
  /** Plus or minus this many minutes around `at`. */
  readonly uncertaintyMinutes: number;
  readonly point: GeoPoint;
  readonly address: string | null;
  /** What the public may see instead of the address. */
  readonly area: LastSeenArea;
  /** ISO 3166-2 prefecture/province code, e.g. "MA-CAS"; derived from the point by the geo module. */
  readonly prefectureCode: string | null;
  /** ISO 3166-2 region code, e.g. "MA-06"; derived from the point by the geo module. */
  readonly regionCode: string | null;
}

export interface Circumstances {
  readonly narrative: string | null;
  readonly indicators: readonly CircumstanceIndicator[];
  readonly vulnerabilities: readonly VulnerabilityIndicator[];
}

export interface PlaceFrequented {
  readonly label: string;
  readonly address: string | null;
  readonly point: GeoPoint | null;
}

export interface Friend {
  readonly name: string;
  readonly phone: string | null;
  readonly note: string | null;
}

export interface School {
  readonly name: string;
  /** Grade or class, e.g. "6AP". */
  readonly level: string | null;
  readonly address: string | null;
}

export interface OnlineAccount {
  readonly platform: OnlinePlatform;
  readonly handle: string;
}

export interface InvestigationProfile {
  readonly hobbies: readonly string[];
  readonly personalProblems: string | null;
  readonly placesFrequented: readonly PlaceFrequented[];
  readonly friends: readonly Friend[];
  readonly school: School | null;
  readonly onlineAccounts: readonly OnlineAccount[];
  /** The child's own phone number. */
  readonly phone: string | null;
}

/** A guardian's answer to one publication question, with the exact wording put to them. */
export interface ConsentRecord {
  readonly given: boolean;
  readonly at: IsoInstant;
  readonly wording: string;
  readonly withdrawnAt: IsoInstant | null;
}

export interface Consents {
  readonly publishName: ConsentRecord | null;
  readonly publishPhoto: ConsentRecord | null;
}

export interface Reporter {
  readonly givenName: string;
  readonly familyName: string;
  readonly idCardNumber: string | null;
  readonly relation: Relation;
  /** Required when relation is "other", e.g. "grandmother". */
  readonly relationDetail: string | null;
  readonly phones: readonly string[];
  readonly email: string | null;
  readonly address: string | null;
  readonly consents: Consents;
}

export interface Suspect {
  readonly name: string | null;
  readonly sex: Sex | null;
  readonly approximateAge: number | null;
  readonly description: string | null;
}

export interface Vehicle {
  readonly kind: VehicleKind | null;
  readonly make: string | null;
  readonly model: string | null;
  readonly colour: Colour | null;
  readonly plate: string | null;
  readonly description: string | null;
}

/** The prosecutor's decision to publish without (or beyond) the guardian's consent. */
export interface PublicationDecision {
  readonly reference: string;
  readonly decidedAt: IsoInstant;
  readonly publishName: boolean;
  readonly publishPhoto: boolean;
  readonly publishSuspect: boolean;
}

export interface Prosecutor {
  readonly court: string | null;
  readonly fileNumber: string | null;
  readonly publicationDecision: PublicationDecision | null;
}

export interface CaseRecord {
  readonly child: Child;
  readonly lastSeen: LastSeen;
  readonly circumstances: Circumstances;
  readonly investigation: InvestigationProfile;
  readonly reporter: Reporter;
  readonly suspect: Suspect | null;
  readonly vehicle: Vehicle | null;
  readonly prosecutor: Prosecutor | null;
}
