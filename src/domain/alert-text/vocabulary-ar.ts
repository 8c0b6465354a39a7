/**
 * Arabic (ar-MA, Modern Standard Arabic as used by the DGSN and the Moroccan press) words for the codes
 * of the case vocabularies that reach an alert, with what Arabic agreement needs.
 *
 * Garments and vehicles are singular nouns with their gender (a pair of shoes is «حذاء»); `acc` is the
 * form after «ترتدي/يرتدي» (indefinite accusative, written without vowel marks: «قميصا», «حذاء رياضيا»);
 * `tail` is what follows the colour («كنزة حمراء بقلنسوة»). Colours have a masculine form, its accusative
 * and a feminine form (the feminine accusative is written the same). Hair words are agreed with «شعر»
 * (m.), eye words with «لون» (m.), build words with «بنية» (f.). Numbers stay in Western digits.
 *
 * @example
 *   AR_GARMENTS.sneakers; // { nom: 'حذاء رياضي', acc: 'حذاء رياضيا', gender: 'm' }
 *   AR_COLOURS.white.f;   // 'بيضاء'
 */
import type { Build, Colour, EyeColour, Garment, HairColour, HairLength, HairTexture, Language, MarkKind, Sex, VehicleKind } from '../case/case-record.ts';
import type { Gender } from './vocabulary-fr.ts';

export interface ArNoun {
  readonly nom: string;
  readonly acc: string;
  readonly gender: Gender;
  /** Words placed after the colour adjective. */
  readonly tail?: string;
}

export interface ArAdjective {
  readonly m: string;
  readonly mAcc: string;
  readonly f: string;
}

const noun = (nom: string, acc: string, gender: Gender, tail?: string): ArNoun => (tail === undefined ? { nom, acc, gender } : { nom, acc, gender, tail });
/** Feminine nouns in ة and nouns in اء or ى are written the same in the accusative. */
const fem = (word: string, tail?: string): ArNoun => noun(word, word, 'f', tail);
const adj = (m: string, mAcc: string, f: string): ArAdjective => ({ m, mAcc, f });
/** Colours of the أفعل/فعلاء pattern are diptotes: no tanwin alif in the accusative. */
const diptote = (m: string, f: string): ArAdjective => adj(m, m, f);
/** Relative adjectives in ي: accusative with alif, feminine with ة. */
const nisba = (m: string): ArAdjective => adj(m, `${m}ا`, `${m}ة`);
const invariable = (word: string): ArAdjective => adj(word, word, word);

/** The child, when the age does not call for another word. */
export const AR_SEXES: { readonly [S in Sex]: string } = { female: 'طفلة', male: 'طفل' };

export const AR_GARMENTS: { readonly [G in Garment]: ArNoun } = {
  t_shirt: noun('قميص', 'قميصا', 'm', 'قصير الأكمام'),
  shirt: noun('قميص', 'قميصا', 'm'),
  sweater: fem('كنزة'),
  hoodie: fem('كنزة', 'بقلنسوة'),
  jacket: fem('سترة'),
  coat: noun('معطف', 'معطفا', 'm'),
  djellaba: fem('جلابة'),
  jabador: noun('جبادور', 'جبادورا', 'm'),
  kaftan: noun('قفطان', 'قفطانا', 'm'),
  gandoura: fem('قندورة'),
  tracksuit: fem('بذلة رياضية'),
  trousers: noun('سروال', 'سروالا', 'm'),
  jeans: noun('سروال جينز', 'سروال جينز', 'm'),
  shorts: noun('سروال قصير', 'سروالا قصيرا', 'm'),
  skirt: fem('تنورة'),
  dress: noun('فستان', 'فستانا', 'm'),
  school_uniform: noun('زي مدرسي', 'زيا مدرسيا', 'm'),
  school_smock: fem('وزرة مدرسية'),
  shoes: noun('حذاء', 'حذاء', 'm'),
  sneakers: noun('حذاء رياضي', 'حذاء رياضيا', 'm'),
  sandals: noun('صندل', 'صندلا', 'm'),
  slippers: noun('نعل منزلي', 'نعلا منزليا', 'm'),
  boots: fem('جزمة'),
  cap: fem('قبعة'),
  beanie: fem('قبعة صوفية'),
  headscarf: noun('حجاب', 'حجابا', 'm'),
  scarf: noun('وشاح', 'وشاحا', 'm'),
  backpack: fem('حقيبة ظهر'),
  bag: fem('حقيبة'),
  other: fem('قطعة ملابس'),
};

export const AR_COLOURS: { readonly [C in Colour]: ArAdjective } = {
  black: diptote('أسود', 'سوداء'),
  white: diptote('أبيض', 'بيضاء'),
  grey: nisba('رمادي'),
  red: diptote('أحمر', 'حمراء'),
  orange: nisba('برتقالي'),
  yellow: diptote('أصفر', 'صفراء'),
  green: diptote('أخضر', 'خضراء'),
  blue: diptote('أزرق', 'زرقاء'),
  navy: nisba('كحلي'),
  light_blue: adj('أزرق فاتح', 'أزرق فاتحا', 'زرقاء فاتحة'),
  purple: nisba('بنفسجي'),
  pink: nisba('وردي'),
  brown: nisba('بني'),
  beige: invariable('بيج'),
  khaki: invariable('كاكي'),
  gold: nisba('ذهبي'),
  silver: nisba('فضي'),
  multicoloured: adj('متعدد الألوان', 'متعدد الألوان', 'متعددة الألوان'),
};

/** Agreed with «بنية» (f.): «بنيتها نحيفة». */
export const AR_BUILDS: { readonly [B in Build]: string } = {
  slim: 'نحيفة',
  average: 'متوسطة',
  athletic: 'رياضية',
  stocky: 'ممتلئة',
  heavy: 'بدينة',
};

/** Agreed with «شعر» (m.). */
export const AR_HAIR_COLOURS: { readonly [H in HairColour]: string } = {
  black: 'أسود',
  dark_brown: 'بني داكن',
  brown: 'بني',
  light_brown: 'بني فاتح',
  blond: 'أشقر',
  red: 'أحمر',
  grey: 'رمادي',
  white: 'أبيض',
  dyed: 'مصبوغ',
};

export const AR_HAIR_LENGTHS: { readonly [H in HairLength]: string } = {
  shaved: 'محلوق',
  very_short: 'قصير جدا',
  short: 'قصير',
  medium: 'متوسط الطول',
  long: 'طويل',
  very_long: 'طويل جدا',
};

export const AR_HAIR_TEXTURES: { readonly [H in HairTexture]: string } = {
  straight: 'ناعم',
  wavy: 'مموج',
  curly: 'مجعد',
  frizzy: 'مفلفل',
};

/** Agreed with «لون» (m.): «لون عينيها بني». */
export const AR_EYE_COLOURS: { readonly [E in EyeColour]: string } = {
  black: 'أسود',
  dark_brown: 'بني داكن',
  brown: 'بني',
  hazel: 'عسلي',
  green: 'أخضر',
  blue: 'أزرق',
  grey: 'رمادي',
};

export const AR_MARKS: { readonly [M in MarkKind]: string } = {
  scar: 'ندبة',
  birthmark: 'وحمة',
  mole: 'شامة',
  tattoo: 'وشم',
  piercing: 'ثقب للزينة',
  glasses: 'نظارات',
  braces: 'تقويم الأسنان',
  missing_tooth: 'سن مفقودة',
  other: 'علامة مميزة أخرى',
};

export const AR_LANGUAGES: { readonly [L in Language]: string } = {
  ar: 'العربية',
  ary: 'الدارجة',
  mey: 'الحسانية',
  zgh: 'الأمازيغية',
  tzm: 'أمازيغية الأطلس المتوسط',
  shi: 'تشلحيت',
  rif: 'تريفيت',
  fr: 'الفرنسية',
  es: 'الإسبانية',
  en: 'الإنجليزية',
};

export const AR_VEHICLES: { readonly [V in VehicleKind]: ArNoun } = {
  car: fem('سيارة'),
  van: fem('سيارة نفعية'),
  pickup: fem('سيارة بيك آب'),
  truck: fem('شاحنة'),
  motorcycle: fem('دراجة نارية'),
  scooter: fem('دراجة سكوتر'),
  bicycle: fem('دراجة هوائية'),
  petit_taxi: fem('سيارة أجرة صغيرة'),
  grand_taxi: fem('سيارة أجرة كبيرة'),
  bus: fem('حافلة'),
  other: fem('مركبة'),
};
