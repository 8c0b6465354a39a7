/**
 * French (fr-MA) words for the codes of the case vocabularies that reach an alert, with what French
 * agreement needs: each garment and vehicle is a noun with its gender and number, each colour an
 * adjective in its four forms. Hair, eye and build words are already agreed with the noun they follow
 * in the templates ("cheveux" m. pl., "yeux" m. pl., "corpulence" f.). Apostrophes are ASCII and no
 * non-breaking spaces are used, so texts stay in the GSM 7-bit alphabet where French allows.
 *
 * @example
 *   FR_GARMENTS.djellaba;  // { noun: 'djellaba', gender: 'f', plural: false }
 *   FR_COLOURS.white.f;    // 'blanche'
 */
import type { Build, Colour, EyeColour, Garment, HairColour, HairLength, HairTexture, Language, MarkKind, Sex, VehicleKind } from '../case/case-record.ts';

export type Gender = 'm' | 'f';

export interface FrNoun {
  readonly noun: string;
  readonly gender: Gender;
  readonly plural: boolean;
}

/** m. sg., f. sg., m. pl., f. pl.; compound colours ("bleu marine") are invariable. */
export interface FrAdjective {
  readonly m: string;
  readonly f: string;
  readonly mpl: string;
  readonly fpl: string;
}

const adj = (m: string, f: string, mpl: string, fpl: string): FrAdjective => ({ m, f, mpl, fpl });
const invariable = (word: string): FrAdjective => adj(word, word, word, word);
const noun = (word: string, gender: Gender, plural = false): FrNoun => ({ noun: word, gender, plural });

/** The child, when the age is unknown. */
export const FR_SEXES: { readonly [S in Sex]: FrNoun } = { female: noun('fille', 'f'), male: noun('garçon', 'm') };

export const FR_GARMENTS: { readonly [G in Garment]: FrNoun } = {
  t_shirt: noun('t-shirt', 'm'),
  shirt: noun('chemise', 'f'),
  sweater: noun('pull', 'm'),
  hoodie: noun('sweat à capuche', 'm'),
  jacket: noun('veste', 'f'),
  coat: noun('manteau', 'm'),
  djellaba: noun('djellaba', 'f'),
  jabador: noun('jabador', 'm'),
  kaftan: noun('caftan', 'm'),
  gandoura: noun('gandoura', 'f'),
  tracksuit: noun('survêtement', 'm'),
  trousers: noun('pantalon', 'm'),
  jeans: noun('jean', 'm'),
  shorts: noun('short', 'm'),
  skirt: noun('jupe', 'f'),
  dress: noun('robe', 'f'),
  school_uniform: noun('uniforme scolaire', 'm'),
  school_smock: noun('tablier scolaire', 'm'),
  shoes: noun('chaussures', 'f', true),
  sneakers: noun('baskets', 'f', true),
  sandals: noun('sandales', 'f', true),
  slippers: noun('pantoufles', 'f', true),
  boots: noun('bottes', 'f', true),
  cap: noun('casquette', 'f'),
  beanie: noun('bonnet', 'm'),
  headscarf: noun('foulard', 'm'),
  scarf: noun('écharpe', 'f'),
  backpack: noun('sac à dos', 'm'),
  bag: noun('sac', 'm'),
  other: noun('vêtement', 'm'),
};

export const FR_COLOURS: { readonly [C in Colour]: FrAdjective } = {
  black: adj('noir', 'noire', 'noirs', 'noires'),
  white: adj('blanc', 'blanche', 'blancs', 'blanches'),
  grey: adj('gris', 'grise', 'gris', 'grises'),
  red: adj('rouge', 'rouge', 'rouges', 'rouges'),
  orange: invariable('orange'),
  yellow: adj('jaune', 'jaune', 'jaunes', 'jaunes'),
  green: adj('vert', 'verte', 'verts', 'vertes'),
  blue: adj('bleu', 'bleue', 'bleus', 'bleues'),
  navy: invariable('bleu marine'),
  light_blue: invariable('bleu clair'),
  purple: adj('violet', 'violette', 'violets', 'violettes'),
  pink: adj('rose', 'rose', 'roses', 'roses'),
  brown: invariable('marron'),
  beige: adj('beige', 'beige', 'beiges', 'beiges'),
  khaki: invariable('kaki'),
  gold: adj('doré', 'dorée', 'dorés', 'dorées'),
  silver: adj('argenté', 'argentée', 'argentés', 'argentées'),
  multicoloured: adj('multicolore', 'multicolore', 'multicolores', 'multicolores'),
};

/** Agreed with "corpulence" (f.): "de corpulence mince". */
export const FR_BUILDS: { readonly [B in Build]: string } = {
  slim: 'mince',
  average: 'moyenne',
  athletic: 'athlétique',
  stocky: 'trapue',
  heavy: 'forte',
};

/** Agreed with "cheveux" (m. pl.). */
export const FR_HAIR_COLOURS: { readonly [H in HairColour]: string } = {
  black: 'noirs',
  dark_brown: 'bruns',
  brown: 'châtains',
  light_brown: 'châtain clair',
  blond: 'blonds',
  red: 'roux',
  grey: 'gris',
  white: 'blancs',
  dyed: 'teints',
};

export const FR_HAIR_LENGTHS: { readonly [H in HairLength]: string } = {
  shaved: 'rasés',
  very_short: 'très courts',
  short: 'courts',
  medium: 'mi-longs',
  long: 'longs',
  very_long: 'très longs',
};

export const FR_HAIR_TEXTURES: { readonly [H in HairTexture]: string } = {
  straight: 'raides',
  wavy: 'ondulés',
  curly: 'bouclés',
  frizzy: 'crépus',
};

/** Agreed with "yeux" (m. pl.). */
export const FR_EYE_COLOURS: { readonly [E in EyeColour]: string } = {
  black: 'noirs',
  dark_brown: 'marron foncé',
  brown: 'marron',
  hazel: 'noisette',
  green: 'verts',
  blue: 'bleus',
  grey: 'gris',
};

export const FR_MARKS: { readonly [M in MarkKind]: string } = {
  scar: 'cicatrice',
  birthmark: 'tache de naissance',
  mole: 'grain de beauté',
  tattoo: 'tatouage',
  piercing: 'piercing',
  glasses: 'lunettes',
  braces: 'appareil dentaire',
  missing_tooth: 'dent manquante',
  other: 'autre signe distinctif',
};

export const FR_LANGUAGES: { readonly [L in Language]: string } = {
  ar: 'arabe',
  ary: 'darija',
  mey: 'hassanya',
  zgh: 'amazighe',
  tzm: 'tamazight du Moyen Atlas',
  shi: 'tachelhit',
  rif: 'tarifit',
  fr: 'français',
  es: 'espagnol',
  en: 'anglais',
};

export const FR_VEHICLES: { readonly [V in VehicleKind]: FrNoun } = {
  car: noun('voiture', 'f'),
  van: noun('camionnette', 'f'),
  pickup: noun('pick-up', 'm'),
  truck: noun('camion', 'm'),
  motorcycle: noun('moto', 'f'),
  scooter: noun('scooter', 'm'),
  bicycle: noun('vélo', 'm'),
  petit_taxi: noun('petit taxi', 'm'),
  grand_taxi: noun('grand taxi', 'm'),
  bus: noun('bus', 'm'),
  other: noun('véhicule', 'm'),
};
