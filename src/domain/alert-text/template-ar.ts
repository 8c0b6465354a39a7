/**
 * The Arabic (ar-MA) alert templates. Agreement follows the child's sex: «طفلة/طفل», «مختفية/مختفٍ»,
 * «اختفت/اختفى», «ترتدي/يرتدي», «تحمل/يحمل», the pronoun suffix «ـها/ـه» and «رأيتموها/رأيتموه»;
 * colours agree with the garment, in the accusative after «ترتدي». Ages follow the numeral rules with
 * Western digits («سنة واحدة», «سنتين», «8 سنوات», «15 سنة»); times are Moroccan local time.
 *
 * @example
 *   ARABIC.headline(facts, { name: 'full', place: 'short' }); // "طفلة مختفية في الرباط: ياسمين العمراني (8 سنوات)"
 */
import type { Sex } from '../case/case-record.ts';
import { childName, placeName, type AlertFacts, type Item, type LocalTime, type NameMode } from './alert-facts.ts';
import type { ShortOptions } from './short-forms.ts';
import type { LanguageTemplates } from './templates.ts';
import { AR_BUILDS, AR_COLOURS, AR_EYE_COLOURS, AR_GARMENTS, AR_HAIR_COLOURS, AR_HAIR_LENGTHS, AR_HAIR_TEXTURES, AR_LANGUAGES, AR_MARKS, AR_SEXES, AR_VEHICLES } from './vocabulary-ar.ts';

const COMMA = '، ';
const isF = (sex: Sex) => sex === 'female';
/** Arabic repeats «و» before each item after the first, attached to the word: «أ وب وج». */
export const arList = (parts: readonly string[]): string => parts.join(' و');

function childNoun(sex: Sex, age: number | null): string {
  if (age === null) return AR_SEXES[sex];
  if (age <= 1) return isF(sex) ? 'رضيعة' : 'رضيع';
  if (age <= 12) return isF(sex) ? 'طفلة' : 'طفل';
  return isF(sex) ? 'فتاة' : 'فتى';
}

/** Age standing alone (nominative): «سنة واحدة», «سنتان», «8 سنوات», «15 سنة». */
function ageNom(age: number): string {
  if (age === 0) return 'أقل من سنة';
  if (age === 1) return 'سنة واحدة';
  if (age === 2) return 'سنتان';
  return age <= 10 ? `${age} سنوات` : `${age} سنة`;
}

/** Age as the object of «تبلغ» (accusative): «سنتين». */
function ageAcc(age: number): string {
  return age === 2 ? 'سنتين' : ageNom(age);
}

/** «تبلغ 8 سنوات» / «يبلغ 15 سنة» / «عمرها أقل من سنة». */
function ageClause(sex: Sex, age: number): string {
  if (age === 0) return `${isF(sex) ? 'عمرها' : 'عمره'} أقل من سنة`;
  return `${isF(sex) ? 'تبلغ' : 'يبلغ'} ${ageAcc(age)}`;
}

const clock = (t: LocalTime) => `${String(t.hour).padStart(2, '0')}:${t.minute}`;
const when = (t: LocalTime) => `يوم ${t.date} حوالي الساعة ${clock(t)}`;
const whenShort = (t: LocalTime) => `يوم ${t.date} حوالي ${clock(t)}`;

/** A garment in the accusative with its agreeing colours: «حذاء رياضيا ورديا وأبيض». */
function garmentPhrase(item: Item, withColours: boolean): string {
  const n = AR_GARMENTS[item.garment];
  const colours = withColours ? item.colours.map((c) => (n.gender === 'f' ? AR_COLOURS[c].f : AR_COLOURS[c].mAcc)) : [];
  return [n.acc, colours.length ? arList(colours) : null, n.tail ?? null].filter((s): s is string => s !== null).join(' ');
}

function clothingSentence(f: AlertFacts, withColours: boolean, atDisappearance: boolean): string | null {
  const { sex, worn, carried } = f.child;
  const was = isF(sex) ? 'كانت' : 'كان';
  const wears = isF(sex) ? 'ترتدي' : 'يرتدي';
  const carries = isF(sex) ? 'تحمل' : 'يحمل';
  const at = atDisappearance ? ` ${isF(sex) ? 'عند اختفائها' : 'عند اختفائه'}` : '';
  const wornText = arList(worn.map((i) => garmentPhrase(i, withColours)));
  const carriedText = arList(carried.map((i) => garmentPhrase(i, withColours)));
  if (wornText && carriedText) return `${was} ${wears}${at} ${wornText} و${carries} ${carriedText}.`;
  if (wornText) return `${was} ${wears}${at} ${wornText}.`;
  if (carriedText) return `${was} ${carries}${at} ${carriedText}.`;
  return null;
}

function hairSentence(f: AlertFacts): string | null {
  const c = f.child;
  const words = [c.hairColour && AR_HAIR_COLOURS[c.hairColour], c.hairLength && AR_HAIR_LENGTHS[c.hairLength], c.hairTexture && AR_HAIR_TEXTURES[c.hairTexture]].filter(
    (s): s is string => typeof s === 'string',
  );
  return words.length ? `${isF(c.sex) ? 'لها' : 'له'} شعر ${words.join(' ')}.` : null;
}

function looks(f: AlertFacts, o: Pick<ShortOptions, 'height' | 'build' | 'hair' | 'eyes' | 'marks'>, marksLabel: string): string[] {
  const c = f.child;
  const her = isF(c.sex) ? 'ها' : 'ه';
  return [
    o.height && c.heightCm !== null ? `طول${her} ${c.heightCm} سم.` : null,
    o.build && c.build ? `بنيت${her} ${AR_BUILDS[c.build]}.` : null,
    o.hair ? hairSentence(f) : null,
    o.eyes && c.eyes ? `لون عيني${her} ${AR_EYE_COLOURS[c.eyes]}.` : null,
    o.marks && c.marks.length ? `${marksLabel}: ${c.marks.map((m) => AR_MARKS[m]).join(COMMA)}.` : null,
  ].filter((s): s is string => s !== null);
}

function vehiclePhrase(f: AlertFacts, mode: 'full' | 'plate'): string | null {
  const v = f.vehicle;
  if (!v) return null;
  const n = AR_VEHICLES[v.kind ?? 'other'];
  const kind = v.colour ? `${n.nom} ${n.gender === 'f' ? AR_COLOURS[v.colour].f : AR_COLOURS[v.colour].m}` : n.nom;
  if (mode === 'plate') return v.plate ?? kind;
  return [kind, v.makeModel, v.plate ? `رقم اللوحة ${v.plate}` : null].filter((s): s is string => s !== null).join(COMMA);
}

function suspectPhrase(f: AlertFacts): string | null {
  const s = f.suspect;
  if (!s) return null;
  const who = s.sex === 'female' ? 'امرأة' : s.sex === 'male' ? 'رجل' : 'شخص';
  if (s.approximateAge === null) return who;
  return `${who} ${s.sex === 'female' ? 'تبلغ' : 'يبلغ'} حوالي ${ageAcc(s.approximateAge)}`;
}

const named = (f: AlertFacts, mode: NameMode) => childName(f.child.names, 'arabic', mode);
const place = (f: AlertFacts, mode: 'full' | 'short') => placeName(f.area, 'ar', mode, COMMA);

export const ARABIC: LanguageTemplates = {
  headline(f, o) {
    const { sex, ageYears } = f.child;
    const missing = `${childNoun(sex, ageYears)} ${isF(sex) ? 'مختفية' : 'مختفٍ'}`;
    const where = o.place === 'none' ? null : place(f, 'short');
    const at = where ? ` في ${where}` : '';
    const age = ageYears === null ? '' : ` (${ageNom(ageYears)})`;
    const name = named(f, o.name);
    return name ? `${missing}${at}: ${name}${age}` : `${missing}${age}${at}`;
  },

  description(f) {
    const c = f.child;
    const sex = c.sex;
    const noun = childNoun(sex, c.ageYears);
    const vanished = isF(sex) ? 'اختفت' : 'اختفى';
    const where = place(f, 'full');
    const whenWhere = `${when(f.seen)}${where ? ` في ${where}` : ''}`;
    const name = named(f, 'full');
    const who = c.ageYears === null ? noun : `${noun} ${ageClause(sex, c.ageYears)}`;
    const first = name ? `${vanished} ${name}${COMMA}${who}${COMMA}${whenWhere}.` : `${vanished} ${who} ${whenWhere}.`;
    const other = c.names.other.length ? ` ${isF(sex) ? 'وتعرف' : 'ويعرف'} أيضا باسم ${c.names.other.join(' أو ')}.` : '';
    const vehicle = vehiclePhrase(f, 'full');
    const suspect = suspectPhrase(f);
    return [
      `${first}${other}`,
      looks(f, { height: true, build: true, hair: true, eyes: true, marks: true }, 'علامات مميزة').join(' '),
      clothingSentence(f, true, true) ?? '',
      c.languages.length ? `${isF(sex) ? 'تتحدث' : 'يتحدث'} ${arList(c.languages.map((l) => AR_LANGUAGES[l]))}.` : '',
      vehicle ? `المركبة المبحوث عنها: ${vehicle}.` : '',
      suspect ? `الشخص المبحوث عنه: ${suspect}.` : '',
    ]
      .filter((p) => p !== '')
      .join('\n');
  },

  instruction(f) {
    const seen = isF(f.child.sex) ? 'رأيتموها' : 'رأيتموه';
    return (
      `لا تتدخلوا بأنفسكم. إذا ${seen} أو كانت لديكم أي معلومة، اتصلوا فورا بالرقم ${f.callNumber} ` +
      `(112 من الهاتف المحمول) مع ذكر المرجع ${f.reference}.`
    );
  },

  short(f, o: ShortOptions) {
    const c = f.child;
    const sex = c.sex;
    const vanished = isF(sex) ? 'اختفت' : 'اختفى';
    const where = place(f, o.place);
    const at = [where ? `في ${where}` : null, o.time ? whenShort(f.seen) : null].filter((s): s is string => s !== null).join(COMMA);
    const name = named(f, o.name);
    const who = name
      ? [name, c.ageYears === null ? null : ageNom(c.ageYears)].filter((s): s is string => s !== null).join(COMMA)
      : `${childNoun(sex, c.ageYears)}${c.ageYears === null ? '' : ` ${ageClause(sex, c.ageYears)}`}`;
    const first = `${vanished} ${who}${at ? `${name ? COMMA : ' '}${at}` : ''}.`;
    const vehicle = o.vehicle === 'none' ? null : vehiclePhrase(f, o.vehicle);
    const suspect = o.suspect ? suspectPhrase(f) : null;
    const parts = [
      first,
      ...looks(f, o, 'علامات'),
      o.clothing === 'none' ? null : clothingSentence(f, o.clothing === 'colours', false),
      o.languages && c.languages.length ? `${isF(sex) ? 'تتحدث' : 'يتحدث'} ${arList(c.languages.map((l) => AR_LANGUAGES[l]))}.` : null,
      vehicle ? `المركبة: ${vehicle}.` : null,
      suspect ? `برفقة ${suspect}.` : null,
      o.call === 'long'
        ? `لا تتدخلوا، اتصلوا بالرقم ${f.callNumber} (112 من المحمول).`
        : o.call === 'medium'
          ? `اتصلوا بالرقم ${f.callNumber} (112 من المحمول).`
          : `اتصلوا بالرقم ${f.callNumber}.`,
      o.reference === 'labelled' ? `المرجع: ${f.reference}` : o.reference === 'bare' ? f.reference : null,
    ];
    return parts.filter((p): p is string => p !== null).join(' ');
  },
};
