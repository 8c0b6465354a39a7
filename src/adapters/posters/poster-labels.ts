/**
 * The fixed words of posters and share cards, per language (the alert's own texts come from the
 * published version). The Tifinagh words follow the alert templates (template-zgh.ts) and await the
 * same native-speaker review; where no reviewed Tifinagh wording exists (the ended-alert notice) the
 * card shows the Arabic and French lines as well.
 *
 * @example
 *   POSTER_LABELS['fr-MA'].age(8); // "8 ans"
 */
import type { AlertLanguage } from '../../domain/alert-text/alert-languages.ts';

export interface PosterLabels {
  readonly age: (years: number) => string;
  readonly lastSeen: (sex: 'female' | 'male') => string;
  readonly place: string;
  readonly call: string;
  readonly reference: string;
  readonly foundTitle: string;
  /** Empty when the language has no reviewed wording: the card then adds the Arabic and French lines. */
  readonly thanks: string;
  readonly endedTitle: string;
}

/** The header band, the same on every poster: Arabic and French, as the service's name. */
export const HEADER = { ar: 'طفلي مختفي', fr: 'Enfant disparu' } as const;
/** Shown in a band on every exercise poster, whatever the language. */
export const EXERCISE_BANNER = { ar: 'تمرين — ليس تنبيهًا حقيقيًا', fr: 'EXERCICE — pas une vraie alerte' } as const;

function arabicAge(years: number): string {
  if (years === 0) return 'أقل من سنة';
  if (years === 1) return 'سنة واحدة';
  if (years === 2) return 'سنتان';
  return years <= 10 ? `${years} سنوات` : `${years} سنة`;
}

export const POSTER_LABELS: { readonly [L in AlertLanguage]: PosterLabels } = {
  'ar-MA': {
    age: (y) => `العمر: ${arabicAge(y)}`,
    lastSeen: (sex) => (sex === 'female' ? 'شوهدت آخر مرة:' : 'شوهد آخر مرة:'),
    place: 'المكان:',
    call: 'اتصلوا بالرقم',
    reference: 'المرجع:',
    foundTitle: 'تم العثور على الطفل',
    thanks: 'شكرًا لكل من ساعد',
    endedTitle: 'انتهى هذا التنبيه',
  },
  'fr-MA': {
    age: (y) => (y === 0 ? "Moins d'un an" : y === 1 ? '1 an' : `${y} ans`),
    lastSeen: (sex) => (sex === 'female' ? 'Vue pour la dernière fois :' : 'Vu pour la dernière fois :'),
    place: 'Lieu :',
    call: 'Appelez le',
    reference: 'Réf. :',
    foundTitle: 'Enfant retrouvé',
    thanks: 'Merci à toutes et à tous',
    endedTitle: 'Cette alerte est terminée',
  },
  'zgh-Tfng': {
    age: (y) => (y === 0 ? 'ⴷⴷⴰⵡ ⵏ ⵢⴰⵏ ⵓⵙⴳⴳⵯⴰⵙ' : y === 1 ? 'ⵢⴰⵏ ⵓⵙⴳⴳⵯⴰⵙ' : `${y} ⵉⵙⴳⴳⵯⴰⵙⵏ`),
    lastSeen: () => 'ⴰⴽⵓⴷ:',
    place: 'ⴰⴷⵖⴰⵔ:',
    call: 'ⵖⵔ',
    reference: 'ⵓⵟⵟⵓⵏ:',
    // "Thank you"; the "found" and "ended" statements are given in Arabic and French below it.
    foundTitle: 'ⵜⴰⵏⵎⵎⵉⵔⵜ',
    thanks: '',
    endedTitle: 'ⵜⴰⵏⵎⵎⵉⵔⵜ',
  },
};

/** "11/03/2026 15:00", Moroccan local time (the tz database knows Morocco's Ramadan switches). */
export function localDateTime(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Africa/Casablanca',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}
