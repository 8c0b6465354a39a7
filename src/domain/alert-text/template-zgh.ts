/**
 * The Standard Moroccan Amazigh (zgh-Tfng) alert templates, in Tifinagh. Agreement follows the child's
 * sex: «ⵜⴰⵔⴱⴰⵜ/ⴰⵔⴱⴰ», «ⵜⵊⵍⴰ/ⵉⵊⵍⴰ», «ⵜⵍⵙⴰ/ⵉⵍⵙⴰ», «ⵜⵟⵟⴰⴼ/ⵉⵟⵟⴰⴼ», «ⵜⵙⵙⴰⵡⴰⵍ/ⵉⵙⵙⴰⵡⴰⵍ»; colours agree with the
 * garment in gender and number. To stay clear of the construct state of words taken from the
 * vocabularies, details are written as "label: value" and lists with commas. The words are listed for
 * native-speaker review in vocabulary-zgh.ts. Proper names (child, place, vehicle make) stay in the
 * script they were recorded in when no Tifinagh form is given.
 *
 * @example
 *   TAMAZIGHT.headline(facts, { name: 'full', place: 'short' }); // "ⵜⴰⵔⴱⴰⵜ ⵉⵊⵍⴰⵏ: Yasmine El Amrani, 8 ⵉⵙⴳⴳⵯⴰⵙⵏ (Rabat)"
 */
import type { Sex } from '../case/case-record.ts';
import { childName, placeName, type AlertFacts, type Item, type LocalTime, type NameMode } from './alert-facts.ts';
import type { ShortOptions } from './short-forms.ts';
import type { LanguageTemplates } from './templates.ts';
import { ZGH_BUILDS, ZGH_COLOURS, ZGH_EYE_COLOURS, ZGH_GARMENTS, ZGH_HAIR_COLOURS, ZGH_HAIR_LENGTHS, ZGH_HAIR_TEXTURES, ZGH_LANGUAGES, ZGH_MARKS, ZGH_SEXES, ZGH_VEHICLES, type ZghNoun } from './vocabulary-zgh.ts';

const isF = (sex: Sex) => sex === 'female';
/** Third person singular of a verb: ⵜ- for her, ⵉ- for him. */
const verb = (sex: Sex, stem: string) => `${isF(sex) ? 'ⵜ' : 'ⵉ'}${stem}`;
const MISSING_PARTICIPLE = 'ⵉⵊⵍⴰⵏ';

function ageOf(age: number): string {
  if (age === 0) return 'ⴷⴷⴰⵡ ⵏ ⵢⴰⵏ ⵓⵙⴳⴳⵯⴰⵙ';
  return age === 1 ? 'ⵢⴰⵏ ⵓⵙⴳⴳⵯⴰⵙ' : `${age} ⵉⵙⴳⴳⵯⴰⵙⵏ`;
}

const clock = (t: LocalTime) => `${String(t.hour).padStart(2, '0')}:${t.minute}`;

function agreeing(n: ZghNoun, colour: (typeof ZGH_COLOURS)[keyof typeof ZGH_COLOURS]): string {
  if (n.plural) return n.gender === 'f' ? colour.fpl : colour.mpl;
  return n.gender === 'f' ? colour.f : colour.m;
}

/** A garment with its agreeing colours (several joined by "/") and its tail: «ⵉⴷⵓⴽⴰⵏ ⵉⵡⵔⴷⵉⵢⵏ/ⵉⵎⵍⵍⴰⵍⵏ ⵏ ⵓⵙⴱⵓⵔ». */
function garmentPhrase(item: Item, withColours: boolean): string {
  const n = ZGH_GARMENTS[item.garment];
  const colours = withColours ? item.colours.map((c) => agreeing(n, ZGH_COLOURS[c])) : [];
  return [n.noun, colours.length ? colours.join('/') : null, n.tail ?? null].filter((s): s is string => s !== null).join(' ');
}

function clothing(f: AlertFacts, withColours: boolean): string[] {
  const { sex, worn, carried } = f.child;
  return [
    worn.length ? `${verb(sex, 'ⵍⵙⴰ')}: ${worn.map((i) => garmentPhrase(i, withColours)).join(', ')}.` : null,
    carried.length ? `${verb(sex, 'ⵟⵟⴰⴼ')}: ${carried.map((i) => garmentPhrase(i, withColours)).join(', ')}.` : null,
  ].filter((s): s is string => s !== null);
}

function looks(f: AlertFacts, o: Pick<ShortOptions, 'height' | 'build' | 'hair' | 'eyes' | 'marks'>): string[] {
  const c = f.child;
  const hair = [c.hairColour && ZGH_HAIR_COLOURS[c.hairColour], c.hairLength && ZGH_HAIR_LENGTHS[c.hairLength], c.hairTexture && ZGH_HAIR_TEXTURES[c.hairTexture]].filter(
    (s): s is string => typeof s === 'string',
  );
  return [
    o.height && c.heightCm !== null ? `ⵜⵉⵖⵣⵉ: ${c.heightCm} cm.` : null,
    o.build && c.build ? `ⵜⴰⵍⵖⴰ: ${ZGH_BUILDS[c.build]}.` : null,
    o.hair && hair.length ? `ⴰⵣⵣⴰⵔ: ${hair.join(', ')}.` : null,
    o.eyes && c.eyes ? `ⵜⵉⵟⵟⴰⵡⵉⵏ: ${ZGH_EYE_COLOURS[c.eyes]}.` : null,
    o.marks && c.marks.length ? `ⵜⵉⵎⴰⵜⴰⵔ: ${c.marks.map((m) => ZGH_MARKS[m]).join(', ')}.` : null,
  ].filter((s): s is string => s !== null);
}

function vehiclePhrase(f: AlertFacts, mode: 'full' | 'plate'): string | null {
  const v = f.vehicle;
  if (!v) return null;
  const n = ZGH_VEHICLES[v.kind ?? 'other'];
  const kind = v.colour ? `${n.noun} ${agreeing(n, ZGH_COLOURS[v.colour])}` : n.noun;
  if (mode === 'plate') return v.plate ? `${n.noun}: ${v.plate}` : kind;
  const rest = [v.makeModel, v.plate ? `ⵓⵟⵟⵓⵏ ${v.plate}` : null].filter((s): s is string => s !== null);
  return rest.length ? `${kind}: ${rest.join(', ')}` : kind;
}

function suspectPhrase(f: AlertFacts): string | null {
  const s = f.suspect;
  if (!s) return null;
  const who = s.sex === 'female' ? 'ⵜⵜⵓⵙⵉⴳⴳⵍ ⵜⵎⵟⵟⵓⵟ' : s.sex === 'male' ? 'ⵉⵜⵜⵓⵙⵉⴳⴳⵍ ⵓⵔⴳⴰⵣ' : 'ⵉⵜⵜⵓⵙⵉⴳⴳⵍ ⵢⴰⵏ ⵓⴼⴳⴰⵏ';
  return s.approximateAge === null ? who : `${who}, ${ageOf(s.approximateAge)}`;
}

const named = (f: AlertFacts, mode: NameMode) => childName(f.child.names, 'latin', mode);
const place = (f: AlertFacts, mode: 'full' | 'short') => placeName(f.area, 'zgh', mode, ', ');

export const TAMAZIGHT: LanguageTemplates = {
  headline(f, o) {
    const { sex, ageYears } = f.child;
    const where = o.place === 'none' ? null : place(f, 'short');
    const details = [named(f, o.name), ageYears === null ? null : ageOf(ageYears)].filter((s): s is string => s !== null).join(', ');
    return `${ZGH_SEXES[sex]} ${MISSING_PARTICIPLE}${details ? `: ${details}` : ''}${where ? ` (${where})` : ''}`;
  },

  description(f) {
    const c = f.child;
    const sex = c.sex;
    const who = [named(f, 'full'), ZGH_SEXES[sex], c.ageYears === null ? null : ageOf(c.ageYears)].filter((s): s is string => s !== null).join(', ');
    const where = place(f, 'full');
    const first = [
      `${who}, ${verb(sex, 'ⵊⵍⴰ')}.`,
      where ? `ⴰⴷⵖⴰⵔ: ${where}.` : null,
      `ⴰⴽⵓⴷ: ${f.seen.date}, ${clock(f.seen)}.`,
      c.names.other.length ? `ⵉⵙⵎⴰⵡⵏ ⵏⵏⵉⴹⵏ: ${c.names.other.join(', ')}.` : null,
    ].filter((s): s is string => s !== null);
    const vehicle = vehiclePhrase(f, 'full');
    const suspect = suspectPhrase(f);
    return [
      first.join(' '),
      looks(f, { height: true, build: true, hair: true, eyes: true, marks: true }).join(' '),
      clothing(f, true).join(' '),
      c.languages.length ? `${verb(sex, 'ⵙⵙⴰⵡⴰⵍ')}: ${c.languages.map((l) => ZGH_LANGUAGES[l]).join(', ')}.` : '',
      vehicle ? `${vehicle}.` : '',
      suspect ? `${suspect}.` : '',
    ]
      .filter((p) => p !== '')
      .join('\n');
  },

  instruction(f) {
    return (
      `ⵓⵔ ⵜⵜⴽⵛⵛⴰⵎ. ⵎⴰⵔⴰ ⵜⵥⵕⵉⴷ ${ZGH_SEXES[f.child.sex]} ⴰⴷ ⵏⵖ ⵖⵓⵔⴽ ⵉⵙⴰⵍⵍⵏ, ` +
      `ⵖⵔ ${f.callNumber} (112 ⵙⴳ ⵓⵏⵇⵇⴰⵍ). ⵉⵏⵉ ⵓⵟⵟⵓⵏ: ${f.reference}.`
    );
  },

  short(f, o: ShortOptions) {
    const c = f.child;
    const sex = c.sex;
    const name = named(f, o.name);
    const who = [name ?? ZGH_SEXES[sex], c.ageYears === null ? null : ageOf(c.ageYears)].filter((s): s is string => s !== null).join(', ');
    const where = place(f, o.place);
    const vehicle = o.vehicle === 'none' ? null : vehiclePhrase(f, o.vehicle);
    const suspect = o.suspect ? suspectPhrase(f) : null;
    const parts = [
      `${who}, ${verb(sex, 'ⵊⵍⴰ')}.`,
      where ? `ⴰⴷⵖⴰⵔ: ${where}.` : null,
      o.time ? `ⴰⴽⵓⴷ: ${f.seen.date}, ${clock(f.seen)}.` : null,
      ...looks(f, o),
      ...(o.clothing === 'none' ? [] : clothing(f, o.clothing === 'colours')),
      o.languages && c.languages.length ? `${verb(sex, 'ⵙⵙⴰⵡⴰⵍ')}: ${c.languages.map((l) => ZGH_LANGUAGES[l]).join(', ')}.` : null,
      vehicle ? `${vehicle}.` : null,
      suspect ? `${suspect}.` : null,
      o.call === 'long'
        ? `ⵓⵔ ⵜⵜⴽⵛⵛⴰⵎ, ⵖⵔ ${f.callNumber} (112 ⵙⴳ ⵓⵏⵇⵇⴰⵍ).`
        : o.call === 'medium'
          ? `ⵖⵔ ${f.callNumber} (112 ⵙⴳ ⵓⵏⵇⵇⴰⵍ).`
          : `ⵖⵔ ${f.callNumber}.`,
      o.reference === 'labelled' ? `ⵓⵟⵟⵓⵏ: ${f.reference}` : o.reference === 'bare' ? f.reference : null,
    ];
    return parts.filter((p): p is string => p !== null).join(' ');
  },
};
