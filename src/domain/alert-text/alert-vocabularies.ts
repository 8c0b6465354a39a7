/**
 * One table of every case vocabulary whose codes can reach an alert, with each code's word in the three
 * alert languages (the base form: a noun, or an adjective in the masculine singular), and the list of
 * vocabularies that never reach an alert, with the reason. A test walks case-record.ts so that a new
 * code or a new vocabulary cannot be added without its translations or a reason.
 *
 * @example
 *   ALERT_VOCABULARIES.GARMENTS.label('school_smock'); // { 'ar-MA': 'وزرة مدرسية', 'fr-MA': 'tablier scolaire', 'zgh-Tfng': 'ⵜⴰⴱⵍⵓⵣⵜ' }
 */
import {
  BUILDS,
  COLOURS,
  EYE_COLOURS,
  GARMENTS,
  HAIR_COLOURS,
  HAIR_LENGTHS,
  HAIR_TEXTURES,
  LANGUAGES,
  MARK_KINDS,
  SEXES,
  VEHICLE_KINDS,
} from '../case/case-record.ts';
import type { AlertLanguage } from './alert-languages.ts';
import { AR_BUILDS, AR_COLOURS, AR_EYE_COLOURS, AR_GARMENTS, AR_HAIR_COLOURS, AR_HAIR_LENGTHS, AR_HAIR_TEXTURES, AR_LANGUAGES, AR_MARKS, AR_SEXES, AR_VEHICLES } from './vocabulary-ar.ts';
import { FR_BUILDS, FR_COLOURS, FR_EYE_COLOURS, FR_GARMENTS, FR_HAIR_COLOURS, FR_HAIR_LENGTHS, FR_HAIR_TEXTURES, FR_LANGUAGES, FR_MARKS, FR_SEXES, FR_VEHICLES } from './vocabulary-fr.ts';
import {
  ZGH_BUILDS,
  ZGH_COLOURS,
  ZGH_EYE_COLOURS,
  ZGH_GARMENTS,
  ZGH_HAIR_COLOURS,
  ZGH_HAIR_LENGTHS,
  ZGH_HAIR_TEXTURES,
  ZGH_LANGUAGES,
  ZGH_MARKS,
  ZGH_SEXES,
  ZGH_VEHICLES,
} from './vocabulary-zgh.ts';

export type Labels = { readonly [L in AlertLanguage]: string };

export interface AlertVocabulary {
  readonly codes: readonly string[];
  /** The words for a code; undefined when the code has none (which the tests refuse). */
  readonly label: (code: string) => Partial<Labels>;
}

function vocabulary<C extends string>(codes: readonly C[], ar: (c: C) => string | undefined, fr: (c: C) => string | undefined, zgh: (c: C) => string | undefined): AlertVocabulary {
  const known = new Set<string>(codes);
  return {
    codes,
    label: (code) => {
      if (!known.has(code)) return {};
      const c = code as C;
      return { 'ar-MA': ar(c), 'fr-MA': fr(c), 'zgh-Tfng': zgh(c) };
    },
  };
}

/** Keyed by the name of the vocabulary's constant in case-record.ts. */
export const ALERT_VOCABULARIES: Readonly<Record<string, AlertVocabulary>> = {
  SEXES: vocabulary(SEXES, (c) => AR_SEXES[c], (c) => FR_SEXES[c].noun, (c) => ZGH_SEXES[c]),
  BUILDS: vocabulary(BUILDS, (c) => AR_BUILDS[c], (c) => FR_BUILDS[c], (c) => ZGH_BUILDS[c]),
  HAIR_COLOURS: vocabulary(HAIR_COLOURS, (c) => AR_HAIR_COLOURS[c], (c) => FR_HAIR_COLOURS[c], (c) => ZGH_HAIR_COLOURS[c]),
  HAIR_LENGTHS: vocabulary(HAIR_LENGTHS, (c) => AR_HAIR_LENGTHS[c], (c) => FR_HAIR_LENGTHS[c], (c) => ZGH_HAIR_LENGTHS[c]),
  HAIR_TEXTURES: vocabulary(HAIR_TEXTURES, (c) => AR_HAIR_TEXTURES[c], (c) => FR_HAIR_TEXTURES[c], (c) => ZGH_HAIR_TEXTURES[c]),
  EYE_COLOURS: vocabulary(EYE_COLOURS, (c) => AR_EYE_COLOURS[c], (c) => FR_EYE_COLOURS[c], (c) => ZGH_EYE_COLOURS[c]),
  MARK_KINDS: vocabulary(MARK_KINDS, (c) => AR_MARKS[c], (c) => FR_MARKS[c], (c) => ZGH_MARKS[c]),
  GARMENTS: vocabulary(GARMENTS, (c) => AR_GARMENTS[c].nom, (c) => FR_GARMENTS[c].noun, (c) => ZGH_GARMENTS[c].noun),
  COLOURS: vocabulary(COLOURS, (c) => AR_COLOURS[c].m, (c) => FR_COLOURS[c].m, (c) => ZGH_COLOURS[c].m),
  LANGUAGES: vocabulary(LANGUAGES, (c) => AR_LANGUAGES[c], (c) => FR_LANGUAGES[c], (c) => ZGH_LANGUAGES[c]),
  VEHICLE_KINDS: vocabulary(VEHICLE_KINDS, (c) => AR_VEHICLES[c].nom, (c) => FR_VEHICLES[c].noun, (c) => ZGH_VEHICLES[c].noun),
};

/** Vocabularies of case-record.ts that never appear in an alert, and why. */
export const VOCABULARIES_NOT_IN_ALERTS: Readonly<Record<string, string>> = {
  RELATIONS: "the reporter's relation is restricted",
  CONSENTING_RELATIONS: 'a subset of RELATIONS used by the consent rules',
  CIRCUMSTANCE_INDICATORS: 'the circumstances are restricted',
  VULNERABILITY_INDICATORS: 'health and home life are sensitive',
  ONLINE_PLATFORMS: 'online accounts are restricted',
  CLOSURE_OUTCOMES: 'the closing message is composed by the closure templates, not the alert',
};
