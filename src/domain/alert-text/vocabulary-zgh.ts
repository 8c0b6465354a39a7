/**
 * Standard Moroccan Amazigh (zgh-Tfng, IRCAM Neo-Tifinagh) words for the codes of the case vocabularies
 * that reach an alert, with what agreement needs: garments and vehicles are nouns with gender and number
 * (`tail` follows the colour: «ⵉⴷⵓⴽⴰⵏ ⵉⵎⵍⵍⴰⵍⵏ ⵏ ⵓⵙⴱⵓⵔ»), colours are adjectives in four forms (m., f.,
 * m. pl., f. pl.). Hair words are agreed with «ⴰⵣⵣⴰⵔ» (m.), eye words with «ⵜⵉⵟⵟⴰⵡⵉⵏ» (f. pl.), build
 * words with «ⵜⴰⵍⵖⴰ» (f.). The templates avoid constructions that need the construct state of a word
 * taken from these tables (lists use commas, several colours of one item are joined with "/").
 *
 * NATIVE-SPEAKER REVIEW NEEDED before production (IRCAM forms chosen where known, else the most common
 * pan-Moroccan form or a plain loanword). Reasonably sure: ⴰⵔⴱⴰ, ⴰⵎⵍⵍⴰⵍ, ⴰⴱⵔⴽⴰⵏ, ⴰⵣⴳⴳⵯⴰⵖ, ⴰⵡⵔⴰⵖ,
 * ⴰⵣⴳⵣⴰⵡ (also read as "blue" in some areas), ⴰⵙⴳⴳⵯⴰⵙ, ⴰⴷⵖⴰⵔ, ⴰⴽⵓⴷ, ⵜⵉⵖⵣⵉ, ⵜⵉⵏⵎⵍ, ⵜⵉⵟⵟⴰⵡⵉⵏ,
 * ⵉⵙⴰⵍⵍⵏ, ⵓⵟⵟⵓⵏ, ⴰⵔⴳⴰⵣ, ⵜⴰⵎⵟⵟⵓⵟ, ⵜⴰⵊⵍⵍⴰⴱⵜ, ⴰⵙⵔⵡⴰⵍ, ⵉⴷⵓⴽⴰⵏ, ⴰⵇⵎⵉⵊⵊ, the CLDR language names.
 * To review:
 * - child and age: ⵜⴰⵔⴱⴰⵜ (girl; or ⵜⴰⵔⴱⴰ?), ⴷⴷⴰⵡ ⵏ ⵢⴰⵏ ⵓⵙⴳⴳⵯⴰⵙ (under one year);
 * - verbs in the templates: ⵉⵊⵍⴰ/ⵜⵊⵍⴰ/ⵉⵊⵍⴰⵏ (went missing), ⵉⵍⵙⴰ/ⵜⵍⵙⴰ (was wearing), ⵉⵟⵟⴰⴼ/ⵜⵟⵟⴰⴼ (was
 *   carrying), ⵉⵙⵙⴰⵡⴰⵍ/ⵜⵙⵙⴰⵡⴰⵍ (speaks), ⵓⵔ ⵜⵜⴽⵛⵛⴰⵎ (do not intervene), ⵖⵔ (call), ⵉⵏⵉ (quote),
 *   ⵉⵜⵜⵓⵙⵉⴳⴳⵍ (is sought), ⴰⵏⵇⵇⴰⵍ (mobile phone), ⵜⴰⵍⵖⴰ (build), ⴰⵣⵣⴰⵔ (hair), ⵜⵉⵎⴰⵜⴰⵔ (marks);
 * - colours: ⴰⵔⵎⴰⴷⵉ (grey), ⴰⵍⵉⵎⵓⵏⵉ (orange), ⴰⵏⵉⵍⵉ (blue), ⴰⵖⴰⵎⵇ/ⴰⴼⵙⵙⴰⵙ (dark/light), ⴰⵎⵉⴷⴰⴷⵉ (purple),
 *   ⴰⵡⵔⴷⵉ (pink), ⴰⵇⴰⵀⵡⵉ (brown), ⴰⴽⴰⴽⵉ (khaki), ⴰⵡⵕⵖⵉ (gold), ⴰⵏⵓⵇⵔⵉ (silver), ⴰⴱⵔⵇⵇⴰⵛ (multicoloured),
 *   ⴰⵛⵍⵀⴰⴱ (blond), ⵜⵉⵄⵙⵍⵉⵢⵉⵏ (hazel); beige is rendered as light brown;
 * - builds: ⵜⴰⵣⴷⵉⴷⵜ, ⵜⴰⵏⴰⵎⵎⴰⵙⵜ, ⵜⴰⵊⵀⴷⴰⵏⵜ, ⵜⴰⴳⵣⵓⵍⵜ ⵜⴰⵊⵀⴷⴰⵏⵜ (stocky), ⵜⴰⵥⵓⵕⴰⵏⵜ;
 * - hair: ⵉⵜⵜⵓⵃⵍⵇⵏ (shaved), ⴰⴳⵣⵓⵍ, ⴰⵖⵣⵣⴰⴼ, ⴰⵏⴰⵎⵎⴰⵙ, ⵉⵙⵡⴰⵏ (straight), ⵉⵜⵜⵓⵍⵡⴰⵏ (curly), ⵉⵜⵜⵓⵚⴱⵖⵏ (dyed);
 * - marks: ⵜⴰⵊⵔⵃⵉⵜ (scar), ⴰⵅⴰⵍ (mole), ⴰⵡⵛⵛⴰⵎ (tattoo), ⴰⴱⵉⵔⵙⵉⵏⴳ (piercing), ⵜⵉⵙⵉⵜⵉⵏ (glasses),
 *   ⴰⵙⵍⴽ ⵏ ⵉⵅⵙⴰⵏ (braces), ⵉⵅⵚⵚⴰ ⵢⴰⵏ ⵓⵅⵙ (missing tooth);
 * - garments: ⵜⵉⵛⵓⵔⵜ, ⴰⵜⵔⵉⴽⵓ, ⵙ ⵓⵇⵍⵎⵓⵏ (hooded), ⵜⴰⵊⴰⴽⵉⵜ, ⴰⵎⴰⵏⵟⵓ, ⴰⵊⴰⴱⴰⴷⵓⵔ, ⴰⵇⴼⵟⴰⵏ, ⵜⴰⴳⴰⵏⴷⵓⵔⵜ,
 *   ⵉⵔⵓⴹⵏ ⵏ ⵓⵙⴱⵓⵔ (tracksuit), ⵏ ⵊⵉⵏ (jeans), ⵜⴰⵊⵓⴱⵜ, ⵜⴰⵇⵎⵉⵊⵊⵜ (dress), ⵜⴰⴱⵍⵓⵣⵜ ⵏ ⵜⵉⵏⵎⵍ (school smock),
 *   ⵉⵙⴰⵏⴷⴰⵍⵏ, ⵉⴷⵓⴽⴰⵏ ⵏ ⵜⴳⵎⵎⵉ (slippers), ⵜⴰⵛⴰⵛⵉⵜ, ⵜⴹⵓⴼⵜ, ⵜⴰⵙⴱⵏⵉⵜ, ⴰⵎⵏⴷⵉⵍ, ⵜⴰⵙⴰⴽⵓⵜ, ⴰⵔⵓⴹ;
 * - vehicles: ⵜⴰⴽⵔⵓⵙⵜ, ⴰⴼⵓⵔⴳⵓⵏ, ⴰⴱⵉⴽⴰⴱ, ⴰⴽⴰⵎⵢⵓ, ⵜⴰⵎⵓⵜⵓⵔⵜ, ⴰⵙⴽⵓⵜⵔ, ⵜⴰⴱⵉⵛⴽⵍⵉⵜ, ⴰⵟⴰⴽⵙⵉ, ⴰⵟⵓⴱⵉⵙ;
 * - languages not in CLDR: ⵜⴰⴷⴰⵔⵉⵊⵜ, ⵜⴰⵃⵙⵙⴰⵏⵉⵜ, ⵜⴰⵛⵍⵃⵉⵜ, ⵜⴰⵔⵉⴼⵉⵜ, ⵜⴰⵎⴰⵣⵉⵖⵜ ⵏ ⵡⴰⵟⵍⴰⵙ ⴰⵏⴰⵎⵎⴰⵙ.
 * Officers can edit every generated text before the decision, so a term found wrong is corrected in the
 * alert at hand and then here.
 *
 * @example
 *   ZGH_COLOURS.white.f; // 'ⵜⴰⵎⵍⵍⴰⵍⵜ'
 */
import type { Build, Colour, EyeColour, Garment, HairColour, HairLength, HairTexture, Language, MarkKind, Sex, VehicleKind } from '../case/case-record.ts';
import type { Gender } from './vocabulary-fr.ts';

export interface ZghNoun {
  readonly noun: string;
  readonly gender: Gender;
  readonly plural: boolean;
  /** Words placed after the colour adjective. */
  readonly tail?: string;
}

export interface ZghAdjective {
  readonly m: string;
  readonly f: string;
  readonly mpl: string;
  readonly fpl: string;
}

const noun = (word: string, gender: Gender, plural = false, tail?: string): ZghNoun =>
  tail === undefined ? { noun: word, gender, plural } : { noun: word, gender, plural, tail };

/** a-STEM, ta-STEM-t, i-STEM-n, ti-STEM-in: ⴰⵎⵍⵍⴰⵍ, ⵜⴰⵎⵍⵍⴰⵍⵜ, ⵉⵎⵍⵍⴰⵍⵏ, ⵜⵉⵎⵍⵍⴰⵍⵉⵏ. */
const regular = (stem: string): ZghAdjective => ({ m: `ⴰ${stem}`, f: `ⵜⴰ${stem}ⵜ`, mpl: `ⵉ${stem}ⵏ`, fpl: `ⵜⵉ${stem}ⵉⵏ` });
/** Relative adjectives in -i: ⴰⵏⵉⵍⵉ, ⵜⴰⵏⵉⵍⵉⵜ, ⵉⵏⵉⵍⵉⵢⵏ, ⵜⵉⵏⵉⵍⵉⵢⵉⵏ. */
const nisba = (stem: string): ZghAdjective => ({ m: `ⴰ${stem}`, f: `ⵜⴰ${stem}ⵜ`, mpl: `ⵉ${stem}ⵢⵏ`, fpl: `ⵜⵉ${stem}ⵢⵉⵏ` });
/** A colour followed by an agreeing qualifier ("dark", "light"). */
const qualified = (base: ZghAdjective, qualifier: ZghAdjective): ZghAdjective => ({
  m: `${base.m} ${qualifier.m}`,
  f: `${base.f} ${qualifier.f}`,
  mpl: `${base.mpl} ${qualifier.mpl}`,
  fpl: `${base.fpl} ${qualifier.fpl}`,
});

const DARK = regular('ⵖⴰⵎⵇ');
const LIGHT = regular('ⴼⵙⵙⴰⵙ');
const BROWN = nisba('ⵇⴰⵀⵡⵉ');
const BLUE = nisba('ⵏⵉⵍⵉ');

/** The child, whatever the age. */
export const ZGH_SEXES: { readonly [S in Sex]: string } = { female: 'ⵜⴰⵔⴱⴰⵜ', male: 'ⴰⵔⴱⴰ' };

export const ZGH_COLOURS: { readonly [C in Colour]: ZghAdjective } = {
  black: regular('ⴱⵔⴽⴰⵏ'),
  white: regular('ⵎⵍⵍⴰⵍ'),
  grey: nisba('ⵔⵎⴰⴷⵉ'),
  red: regular('ⵣⴳⴳⵯⴰⵖ'),
  orange: nisba('ⵍⵉⵎⵓⵏⵉ'),
  yellow: regular('ⵡⵔⴰⵖ'),
  green: regular('ⵣⴳⵣⴰⵡ'),
  blue: BLUE,
  navy: qualified(BLUE, DARK),
  light_blue: qualified(BLUE, LIGHT),
  purple: nisba('ⵎⵉⴷⴰⴷⵉ'),
  pink: nisba('ⵡⵔⴷⵉ'),
  brown: BROWN,
  beige: qualified(BROWN, LIGHT),
  khaki: nisba('ⴽⴰⴽⵉ'),
  gold: nisba('ⵡⵕⵖⵉ'),
  silver: nisba('ⵏⵓⵇⵔⵉ'),
  multicoloured: regular('ⴱⵔⵇⵇⴰⵛ'),
};

export const ZGH_GARMENTS: { readonly [G in Garment]: ZghNoun } = {
  t_shirt: noun('ⵜⵉⵛⵓⵔⵜ', 'f'),
  shirt: noun('ⴰⵇⵎⵉⵊⵊ', 'm'),
  sweater: noun('ⴰⵜⵔⵉⴽⵓ', 'm'),
  hoodie: noun('ⴰⵜⵔⵉⴽⵓ', 'm', false, 'ⵙ ⵓⵇⵍⵎⵓⵏ'),
  jacket: noun('ⵜⴰⵊⴰⴽⵉⵜ', 'f'),
  coat: noun('ⴰⵎⴰⵏⵟⵓ', 'm'),
  djellaba: noun('ⵜⴰⵊⵍⵍⴰⴱⵜ', 'f'),
  jabador: noun('ⴰⵊⴰⴱⴰⴷⵓⵔ', 'm'),
  kaftan: noun('ⴰⵇⴼⵟⴰⵏ', 'm'),
  gandoura: noun('ⵜⴰⴳⴰⵏⴷⵓⵔⵜ', 'f'),
  tracksuit: noun('ⵉⵔⵓⴹⵏ', 'm', true, 'ⵏ ⵓⵙⴱⵓⵔ'),
  trousers: noun('ⴰⵙⵔⵡⴰⵍ', 'm'),
  jeans: noun('ⴰⵙⵔⵡⴰⵍ', 'm', false, 'ⵏ ⵊⵉⵏ'),
  shorts: noun('ⴰⵙⵔⵡⴰⵍ ⴰⴳⵣⵓⵍ', 'm'),
  skirt: noun('ⵜⴰⵊⵓⴱⵜ', 'f'),
  dress: noun('ⵜⴰⵇⵎⵉⵊⵊⵜ', 'f'),
  school_uniform: noun('ⵉⵔⵓⴹⵏ', 'm', true, 'ⵏ ⵜⵉⵏⵎⵍ'),
  school_smock: noun('ⵜⴰⴱⵍⵓⵣⵜ', 'f', false, 'ⵏ ⵜⵉⵏⵎⵍ'),
  shoes: noun('ⵉⴷⵓⴽⴰⵏ', 'm', true),
  sneakers: noun('ⵉⴷⵓⴽⴰⵏ', 'm', true, 'ⵏ ⵓⵙⴱⵓⵔ'),
  sandals: noun('ⵉⵙⴰⵏⴷⴰⵍⵏ', 'm', true),
  slippers: noun('ⵉⴷⵓⴽⴰⵏ', 'm', true, 'ⵏ ⵜⴳⵎⵎⵉ'),
  boots: noun('ⵉⴷⵓⴽⴰⵏ ⵉⵖⵣⵣⴰⴼⵏ', 'm', true),
  cap: noun('ⵜⴰⵛⴰⵛⵉⵜ', 'f'),
  beanie: noun('ⵜⴰⵛⴰⵛⵉⵜ', 'f', false, 'ⵏ ⵜⴹⵓⴼⵜ'),
  headscarf: noun('ⵜⴰⵙⴱⵏⵉⵜ', 'f'),
  scarf: noun('ⴰⵎⵏⴷⵉⵍ', 'm'),
  backpack: noun('ⵜⴰⵙⴰⴽⵓⵜ', 'f', false, 'ⵏ ⵜⵉⵏⵎⵍ'),
  bag: noun('ⵜⴰⵙⴰⴽⵓⵜ', 'f'),
  other: noun('ⴰⵔⵓⴹ', 'm'),
};

/** Agreed with «ⵜⴰⵍⵖⴰ» (f.). */
export const ZGH_BUILDS: { readonly [B in Build]: string } = {
  slim: 'ⵜⴰⵣⴷⵉⴷⵜ',
  average: 'ⵜⴰⵏⴰⵎⵎⴰⵙⵜ',
  athletic: 'ⵜⴰⵊⵀⴷⴰⵏⵜ',
  stocky: 'ⵜⴰⴳⵣⵓⵍⵜ ⵜⴰⵊⵀⴷⴰⵏⵜ',
  heavy: 'ⵜⴰⵥⵓⵕⴰⵏⵜ',
};

/** Agreed with «ⴰⵣⵣⴰⵔ» (m.). */
export const ZGH_HAIR_COLOURS: { readonly [H in HairColour]: string } = {
  black: ZGH_COLOURS.black.m,
  dark_brown: qualified(BROWN, DARK).m,
  brown: BROWN.m,
  light_brown: qualified(BROWN, LIGHT).m,
  blond: 'ⴰⵛⵍⵀⴰⴱ',
  red: ZGH_COLOURS.red.m,
  grey: ZGH_COLOURS.grey.m,
  white: ZGH_COLOURS.white.m,
  dyed: 'ⵉⵜⵜⵓⵚⴱⵖⵏ',
};

export const ZGH_HAIR_LENGTHS: { readonly [H in HairLength]: string } = {
  shaved: 'ⵉⵜⵜⵓⵃⵍⵇⵏ',
  very_short: 'ⴰⴳⵣⵓⵍ ⴱⴰⵀⵔⴰ',
  short: 'ⴰⴳⵣⵓⵍ',
  medium: 'ⴰⵏⴰⵎⵎⴰⵙ',
  long: 'ⴰⵖⵣⵣⴰⴼ',
  very_long: 'ⴰⵖⵣⵣⴰⴼ ⴱⴰⵀⵔⴰ',
};

export const ZGH_HAIR_TEXTURES: { readonly [H in HairTexture]: string } = {
  straight: 'ⵉⵙⵡⴰⵏ',
  wavy: 'ⵉⵜⵜⵓⵍⵡⴰⵏ ⵉⵎⵉⴽ',
  curly: 'ⵉⵜⵜⵓⵍⵡⴰⵏ',
  frizzy: 'ⵉⵜⵜⵓⵍⵡⴰⵏ ⴱⴰⵀⵔⴰ',
};

/** Agreed with «ⵜⵉⵟⵟⴰⵡⵉⵏ» (f. pl.). */
export const ZGH_EYE_COLOURS: { readonly [E in EyeColour]: string } = {
  black: ZGH_COLOURS.black.fpl,
  dark_brown: qualified(BROWN, DARK).fpl,
  brown: BROWN.fpl,
  hazel: nisba('ⵄⵙⵍⵉ').fpl,
  green: ZGH_COLOURS.green.fpl,
  blue: BLUE.fpl,
  grey: ZGH_COLOURS.grey.fpl,
};

export const ZGH_MARKS: { readonly [M in MarkKind]: string } = {
  scar: 'ⵜⴰⵊⵔⵃⵉⵜ',
  birthmark: 'ⵜⴰⵎⴰⵜⴰⵔⵜ ⵏ ⵜⵍⴰⵍⵉⵜ',
  mole: 'ⴰⵅⴰⵍ',
  tattoo: 'ⴰⵡⵛⵛⴰⵎ',
  piercing: 'ⴰⴱⵉⵔⵙⵉⵏⴳ',
  glasses: 'ⵜⵉⵙⵉⵜⵉⵏ',
  braces: 'ⴰⵙⵍⴽ ⵏ ⵉⵅⵙⴰⵏ',
  missing_tooth: 'ⵉⵅⵚⵚⴰ ⵢⴰⵏ ⵓⵅⵙ',
  other: 'ⵜⴰⵎⴰⵜⴰⵔⵜ ⵏⵏⵉⴹⵏ',
};

export const ZGH_LANGUAGES: { readonly [L in Language]: string } = {
  ar: 'ⵜⴰⵄⵔⴰⴱⵜ',
  ary: 'ⵜⴰⴷⴰⵔⵉⵊⵜ',
  mey: 'ⵜⴰⵃⵙⵙⴰⵏⵉⵜ',
  zgh: 'ⵜⴰⵎⴰⵣⵉⵖⵜ',
  tzm: 'ⵜⴰⵎⴰⵣⵉⵖⵜ ⵏ ⵡⴰⵟⵍⴰⵙ ⴰⵏⴰⵎⵎⴰⵙ',
  shi: 'ⵜⴰⵛⵍⵃⵉⵜ',
  rif: 'ⵜⴰⵔⵉⴼⵉⵜ',
  fr: 'ⵜⴰⴼⵔⴰⵏⵙⵉⵙⵜ',
  es: 'ⵜⴰⵙⴱⵏⵢⵓⵍⵉⵜ',
  en: 'ⵜⴰⵏⴳⵍⵉⵣⵜ',
};

export const ZGH_VEHICLES: { readonly [V in VehicleKind]: ZghNoun } = {
  car: noun('ⵜⴰⴽⵔⵓⵙⵜ', 'f'),
  van: noun('ⴰⴼⵓⵔⴳⵓⵏ', 'm'),
  pickup: noun('ⴰⴱⵉⴽⴰⴱ', 'm'),
  truck: noun('ⴰⴽⴰⵎⵢⵓ', 'm'),
  motorcycle: noun('ⵜⴰⵎⵓⵜⵓⵔⵜ', 'f'),
  scooter: noun('ⴰⵙⴽⵓⵜⵔ', 'm'),
  bicycle: noun('ⵜⴰⴱⵉⵛⴽⵍⵉⵜ', 'f'),
  petit_taxi: noun('ⴰⵟⴰⴽⵙⵉ ⴰⵎⵥⵥⵢⴰⵏ', 'm'),
  grand_taxi: noun('ⴰⵟⴰⴽⵙⵉ ⴰⵎⵇⵔⴰⵏ', 'm'),
  bus: noun('ⴰⵟⵓⴱⵉⵙ', 'm'),
  other: noun('ⵜⴰⴽⵔⵓⵙⵜ', 'f'),
};
