/**
 * The French (fr-MA) alert templates. Agreement follows the child's sex: «disparue / disparu», «vue /
 * vu», «vêtue / vêtu», «la / le voyez»; colours agree with the garment, and several colours on one
 * garment stay in the masculine singular («des baskets rose et blanc»). Times are Moroccan local time
 * written "le 11/03 vers 12 h 30".
 *
 * @example
 *   FRENCH.headline(facts); // "Disparue à Rabat : Yasmine El Amrani, 8 ans"
 */
import type { Sex } from '../case/case-record.ts';
import { childName, placeName, type AlertFacts, type Item, type LocalTime, type NameMode } from './alert-facts.ts';
import type { ShortOptions } from './short-forms.ts';
import type { LanguageTemplates } from './templates.ts';
import { FR_BUILDS, FR_COLOURS, FR_EYE_COLOURS, FR_GARMENTS, FR_HAIR_COLOURS, FR_HAIR_LENGTHS, FR_HAIR_TEXTURES, FR_LANGUAGES, FR_MARKS, FR_SEXES, FR_VEHICLES, type FrNoun } from './vocabulary-fr.ts';

const e = (sex: Sex) => (sex === 'female' ? 'e' : '');
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "a", "a et b", "a, b et c". */
export function frList(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1] ?? ''}`;
}

/** The word for the child at this age. */
function childNoun(sex: Sex, age: number | null): FrNoun {
  const female = sex === 'female';
  if (age === null) return FR_SEXES[sex];
  if (age <= 3) return female ? { noun: 'petite fille', gender: 'f', plural: false } : { noun: 'petit garçon', gender: 'm', plural: false };
  if (age <= 12) return female ? { noun: 'fillette', gender: 'f', plural: false } : { noun: 'garçon', gender: 'm', plural: false };
  return female ? { noun: 'adolescente', gender: 'f', plural: false } : { noun: 'adolescent', gender: 'm', plural: false };
}

/** "de 8 ans", "d'un an", "de moins d'un an". */
function ageOf(age: number): string {
  if (age === 0) return "de moins d'un an";
  if (age === 1) return "d'un an";
  return `de ${age} ans`;
}

/** "8 ans", "1 an", "moins d'un an". */
function ageShort(age: number): string {
  if (age === 0) return "moins d'un an";
  return age === 1 ? '1 an' : `${age} ans`;
}

const article = (n: FrNoun) => (n.plural ? 'des' : n.gender === 'f' ? 'une' : 'un');

/** «de» before a noun phrase: "d'un", "d'une", "de"/"d'" for a plural. */
function ofPhrase(n: FrNoun, phrase: string): string {
  if (!n.plural) return `d'${article(n)} ${phrase}`;
  return /^[aeiouyhéèêàâîôû]/iu.test(phrase) ? `d'${phrase}` : `de ${phrase}`;
}

/** A garment with its colours: one colour agrees; several stay masculine singular. */
function garmentPhrase(item: Item, withColours: boolean): string {
  const n = FR_GARMENTS[item.garment];
  if (!withColours || item.colours.length === 0) return n.noun;
  const [only] = item.colours;
  if (item.colours.length === 1 && only) {
    const c = FR_COLOURS[only];
    return `${n.noun} ${n.plural ? (n.gender === 'f' ? c.fpl : c.mpl) : n.gender === 'f' ? c.f : c.m}`;
  }
  return `${n.noun} ${frList(item.colours.map((c) => FR_COLOURS[c].m))}`;
}

function when(t: LocalTime): string {
  return `le ${t.date} vers ${t.hour} h${t.minute === '00' ? '' : ` ${t.minute}`}`;
}

const heightOf = (cm: number) => `${Math.floor(cm / 100)},${String(cm % 100).padStart(2, '0')} m`;

function hairPhrase(f: AlertFacts): string | null {
  const c = f.child;
  const words = [c.hairColour && FR_HAIR_COLOURS[c.hairColour], c.hairLength && FR_HAIR_LENGTHS[c.hairLength], c.hairTexture && FR_HAIR_TEXTURES[c.hairTexture]].filter(
    (s): s is string => typeof s === 'string',
  );
  return words.length ? `cheveux ${frList(words)}` : null;
}

/** "… elle était vêtue d'un tablier scolaire blanc et de baskets rose et blanc. Elle portait un sac à dos noir." */
function clothingSentence(f: AlertFacts, withColours: boolean, lead: string): string | null {
  const { sex, worn, carried } = f.child;
  const pronoun = sex === 'female' ? 'elle' : 'il';
  const wornText = frList(worn.map((i) => ofPhrase(FR_GARMENTS[i.garment], garmentPhrase(i, withColours))));
  const carriedText = frList(carried.map((i) => `${article(FR_GARMENTS[i.garment])} ${garmentPhrase(i, withColours)}`));
  const carries = `${capitalise(pronoun)} portait ${carriedText}.`;
  if (wornText && carriedText) return `${lead}${pronoun} était vêtu${e(sex)} ${wornText}. ${carries}`;
  if (wornText) return `${lead}${pronoun} était vêtu${e(sex)} ${wornText}.`;
  if (carriedText) return `${lead}${pronoun} portait ${carriedText}.`;
  return null;
}

function vehiclePhrase(f: AlertFacts, mode: 'full' | 'plate'): string | null {
  const v = f.vehicle;
  if (!v) return null;
  const n = FR_VEHICLES[v.kind ?? 'other'];
  const colour = v.colour ? ` ${n.gender === 'f' ? FR_COLOURS[v.colour].f : FR_COLOURS[v.colour].m}` : '';
  if (mode === 'plate') return v.plate ? `${n.noun} ${v.plate}` : `${n.noun}${colour}`;
  const plate = v.plate ? `, immatriculé${n.gender === 'f' ? 'e' : ''} ${v.plate}` : '';
  return `${n.noun}${colour}${v.makeModel ? ` ${v.makeModel}` : ''}${plate}`;
}

function suspectPhrase(f: AlertFacts): string | null {
  const s = f.suspect;
  if (!s) return null;
  const who = s.sex === 'female' ? 'une femme' : s.sex === 'male' ? 'un homme' : 'une personne';
  return s.approximateAge === null ? who : `${who} d'environ ${s.approximateAge} ans`;
}

function named(f: AlertFacts, mode: NameMode): string | null {
  return childName(f.child.names, 'latin', mode);
}

const place = (f: AlertFacts, mode: 'full' | 'short') => placeName(f.area, 'fr', mode, ', ');

export const FRENCH: LanguageTemplates = {
  headline(f, o) {
    const { sex, ageYears } = f.child;
    const name = named(f, o.name);
    const where = o.place === 'none' ? null : place(f, 'short');
    const at = where ? ` à ${where}` : '';
    if (name) return `Disparu${e(sex)}${at} : ${name}${ageYears === null ? '' : `, ${ageShort(ageYears)}`}`;
    const n = childNoun(sex, ageYears);
    return `${capitalise(n.noun)}${ageYears === null ? '' : ` ${ageOf(ageYears)}`} disparu${e(sex)}${at}`;
  },

  description(f) {
    const c = f.child;
    const sex = c.sex;
    const pronoun = sex === 'female' ? 'Elle' : 'Il';
    const name = named(f, 'full');
    const n = childNoun(sex, c.ageYears);
    const age = c.ageYears === null ? '' : ` ${ageOf(c.ageYears)}`;
    const where = place(f, 'full');
    const seen = `${pronoun} a été vu${e(sex)} pour la dernière fois ${when(f.seen)}${where ? ` à ${where}` : ''}.`;
    const first = name ? `${name}, ${n.noun}${age}, est porté${e(sex)} disparu${e(sex)}.` : `${capitalise(article(n))} ${n.noun}${age} est porté${e(sex)} disparu${e(sex)}.`;
    const other = c.names.other.length ? ` ${pronoun} est aussi appelé${e(sex)} ${frList(c.names.other)}.` : '';
    const looks = [
      c.heightCm === null ? null : `Taille : ${heightOf(c.heightCm)}.`,
      c.build ? `Corpulence ${FR_BUILDS[c.build]}.` : null,
      (() => {
        const hair = hairPhrase(f);
        return hair ? `${capitalise(hair)}.` : null;
      })(),
      c.eyes ? `Yeux ${FR_EYE_COLOURS[c.eyes]}.` : null,
      c.marks.length ? `Signes particuliers : ${c.marks.map((m) => FR_MARKS[m]).join(', ')}.` : null,
    ].filter((s): s is string => s !== null);
    const vehicle = vehiclePhrase(f, 'full');
    const suspect = suspectPhrase(f);
    return [
      `${first} ${seen}${other}`,
      looks.join(' '),
      clothingSentence(f, true, 'Au moment de sa disparition, ') ?? '',
      c.languages.length ? `${pronoun} parle ${frList(c.languages.map((l) => FR_LANGUAGES[l]))}.` : '',
      vehicle ? `Véhicule signalé : ${vehicle}.` : '',
      suspect ? `Personne recherchée : ${suspect}.` : '',
    ]
      .filter((p) => p !== '')
      .join('\n');
  },

  instruction(f) {
    const pronoun = f.child.sex === 'female' ? 'la' : 'le';
    return (
      `Ne tentez pas d'intervenir vous-même. Si vous ${pronoun} voyez ou avez une information, appelez immédiatement ` +
      `le ${f.callNumber} (112 depuis un mobile) en citant la référence ${f.reference}.`
    );
  },

  short(f, o: ShortOptions) {
    const c = f.child;
    const sex = c.sex;
    const name = named(f, o.name);
    const where = place(f, o.place);
    const at = `${where ? ` à ${where}` : ''}${o.time ? `${where ? ',' : ''} ${when(f.seen)}` : ''}`;
    const age = c.ageYears;
    const n = childNoun(sex, age);
    const first = name
      ? `${name}${age === null ? '' : `, ${ageShort(age)}`}, disparu${e(sex)}${at}.`
      : `${capitalise(n.noun)}${age === null ? '' : ` ${ageOf(age)}`} disparu${e(sex)}${at}.`;
    const hair = o.hair ? hairPhrase(f) : null;
    const vehicle = o.vehicle === 'none' ? null : vehiclePhrase(f, o.vehicle);
    const suspect = o.suspect ? suspectPhrase(f) : null;
    const parts = [
      first,
      o.height && c.heightCm !== null ? `${heightOf(c.heightCm)}.` : null,
      o.build && c.build ? `Corpulence ${FR_BUILDS[c.build]}.` : null,
      hair ? `${capitalise(hair)}.` : null,
      o.eyes && c.eyes ? `Yeux ${FR_EYE_COLOURS[c.eyes]}.` : null,
      o.marks && c.marks.length ? `${capitalise(c.marks.map((m) => FR_MARKS[m]).join(', '))}.` : null,
      o.clothing === 'none' ? null : (clothingSentence(f, o.clothing === 'colours', '')?.replace(/^./u, (ch) => ch.toUpperCase()) ?? null),
      o.languages && c.languages.length ? `Parle ${frList(c.languages.map((l) => FR_LANGUAGES[l]))}.` : null,
      vehicle ? `Véhicule : ${vehicle}.` : null,
      suspect ? `Avec ${suspect}.` : null,
      o.call === 'long'
        ? `N'intervenez pas, appelez le ${f.callNumber} (112 depuis un mobile).`
        : o.call === 'medium'
          ? `Appelez le ${f.callNumber} (112 mobile).`
          : `Appelez le ${f.callNumber}.`,
      o.reference === 'labelled' ? `Réf. ${f.reference}` : o.reference === 'bare' ? f.reference : null,
    ];
    return parts.filter((p): p is string => p !== null).join(' ');
  },
};
