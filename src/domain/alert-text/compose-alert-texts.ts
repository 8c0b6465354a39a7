/**
 * Drafts an alert's texts in Arabic, French and Tamazight (Tifinagh) from the public subset of a case:
 * templates and vocabularies, no machine translation. Each language gets a headline, a description (with
 * the officer's free text for that language, if any), an instruction (do not intervene, call 19 or 112
 * from a mobile, quote the reference) and short forms fitted to 90 and 360 characters (cell broadcast)
 * and to one 70-character UCS-2 SMS segment. Officers may edit every text afterwards
 * (validateEditedTexts checks the edits).
 *
 * @example
 *   const texts = composeAlertTexts({
 *     publicRecord: pickByClass(record, ['public'], publicationPermissions(record)),
 *     reference: 'TM-2026-000123',
 *     lastSeenArea: { neighbourhood: { ar: 'حسان', fr: 'Hassan', zgh: null }, commune: { ar: 'الرباط', fr: 'Rabat', zgh: 'ⵔⵔⴱⴰⵟ' } },
 *     lastSeenAt: record.lastSeen.at,
 *     callNumber: '19',
 *     now: ctx.clock.now(),
 *   });
 *   texts['fr-MA'].sms70; // "Yasmine, 8 ans, disparue à Rabat. Appelez le 19. TM-2026-000123"
 */
import { alertFacts, type AlertFacts, type AlertTextInput, type LocalisedPlace } from './alert-facts.ts';
import { ALERT_TEXT_LIMITS, codePoints, LANGUAGE_KEYS, type AlertLanguage, type AlertTexts, type AlertTextSet } from './alert-languages.ts';
import { fitShort, firstWords, LEANEST } from './short-forms.ts';
import { fitsOneUcs2Segment } from './sms-encoding.ts';
import { ARABIC } from './template-ar.ts';
import { FRENCH } from './template-fr.ts';
import { TAMAZIGHT } from './template-zgh.ts';
import type { HeadlineOptions, LanguageTemplates } from './templates.ts';

export type { AlertArea, AlertTextInput, LocalisedPlace } from './alert-facts.ts';

export const TEMPLATES: { readonly [L in AlertLanguage]: LanguageTemplates } = { 'ar-MA': ARABIC, 'fr-MA': FRENCH, 'zgh-Tfng': TAMAZIGHT };

const HEADLINE_LADDER: readonly HeadlineOptions[] = [
  { name: 'full', place: 'short' },
  { name: 'given', place: 'short' },
  { name: 'given', place: 'none' },
];

const trimPlace = (p: LocalisedPlace | null, words: number): LocalisedPlace | null =>
  p && { ar: firstWords(p.ar, words), fr: firstWords(p.fr, words), zgh: p.zgh === null ? null : firstWords(p.zgh, words) };
const trimName = (name: string | null, words: number) => (name === null ? null : firstWords(name, words));

/** The facts with each name and place cut to its first `words` words. */
function shrunk(f: AlertFacts, words: number): AlertFacts {
  const n = f.child.names;
  return {
    ...f,
    child: {
      ...f.child,
      names: { givenAr: trimName(n.givenAr, words), familyAr: trimName(n.familyAr, words), givenLatin: trimName(n.givenLatin, words), familyLatin: trimName(n.familyLatin, words), other: [] },
    },
    area: { neighbourhood: trimPlace(f.area.neighbourhood, words), commune: trimPlace(f.area.commune, words) },
  };
}

/** The facts without name or place: the last resort of a short form. */
function anonymous(f: AlertFacts): AlertFacts {
  return { ...f, child: { ...f.child, names: { givenAr: null, familyAr: null, givenLatin: null, familyLatin: null, other: [] } }, area: { neighbourhood: null, commune: null } };
}

function fitted(t: LanguageTemplates, f: AlertFacts, fits: (text: string) => boolean): string {
  return fitShort(
    (o) => t.short(f, o),
    fits,
    (options, words) => t.short(shrunk(f, words), options),
    () => t.short(anonymous(f), LEANEST),
  );
}

function headline(t: LanguageTemplates, f: AlertFacts): string {
  for (const options of HEADLINE_LADDER) {
    const text = t.headline(f, options);
    if (codePoints(text) <= ALERT_TEXT_LIMITS.headline) return text;
  }
  return t.headline(anonymous(f), { name: 'given', place: 'none' });
}

function composeOne(t: LanguageTemplates, f: AlertFacts, freeText: string | undefined): AlertTextSet {
  const free = freeText?.trim();
  return {
    headline: headline(t, f),
    description: free ? `${t.description(f)}\n${free}` : t.description(f),
    instruction: t.instruction(f),
    short90: fitted(t, f, (s) => s.length <= ALERT_TEXT_LIMITS.short90),
    short360: fitted(t, f, (s) => s.length <= ALERT_TEXT_LIMITS.short360),
    sms70: fitted(t, f, fitsOneUcs2Segment),
  };
}

/**
 * The alert's texts in the three languages. `publicRecord` must be a public subset (a field that is
 * never public throws a RangeError naming its path); `freeText` is expected to have passed
 * validateFreeText.
 */
export function composeAlertTexts(input: AlertTextInput): AlertTexts {
  const facts = alertFacts(input);
  const one = (lang: AlertLanguage) => composeOne(TEMPLATES[lang], facts, input.freeText?.[LANGUAGE_KEYS[lang]]);
  return { 'ar-MA': one('ar-MA'), 'fr-MA': one('fr-MA'), 'zgh-Tfng': one('zgh-Tfng') };
}
