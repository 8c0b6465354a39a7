/**
 * The console's two languages: Arabic (right to left, the default) and French, switchable by each
 * user. The choice is kept on their account (PUT /api/session/language), which sets the language of any
 * browser where they have not chosen yet; a browser where they have chosen keeps its own choice for them
 * (and before sign-in shows the last language used here). The browser's memory wins because it is
 * written at once, while the account's copy may still be on its way when the page reloads. Texts
 * are keyed; both dictionaries must hold every key (checked at compile time: ar.ts is typed by fr.ts).
 *
 * @example
 *   const { t, lang, setLang, dateTime } = useI18n();
 *   t('dashboard.title'); t('case.since', { time: '2 h' }); dateTime('2026-11-22T10:00:00Z');
 */
import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import type { Lang } from '../api/types.ts';
import { saveLanguage } from '../api/endpoints.ts';
import { ar } from './ar.ts';
import { fr, type TextKey } from './fr.ts';

export type { TextKey };
export type Params = Readonly<Record<string, string | number>>;

const DICTIONARIES: Readonly<Record<Lang, Readonly<Record<TextKey, string>>>> = { ar, fr };
const LOCALES: Readonly<Record<Lang, string>> = { ar: 'ar-MA', fr: 'fr-MA' };
const TIME_ZONE = 'Africa/Casablanca';

export interface I18n {
  readonly lang: Lang;
  readonly dir: 'rtl' | 'ltr';
  setLang: (lang: Lang) => void;
  t: (key: TextKey, params?: Params) => string;
  dateTime: (iso: string | Date | null | undefined) => string;
  number: (n: number) => string;
}

const storageKey = (userId: string | null) => (userId ? `tifli.lang.${userId}` : 'tifli.lang');

function storedLang(userId: string | null): Lang | null {
  try {
    const v = window.localStorage.getItem(storageKey(userId));
    return v === 'ar' || v === 'fr' ? v : null;
  } catch {
    return null;
  }
}

function remember(userId: string | null, lang: Lang): void {
  try {
    window.localStorage.setItem(storageKey(userId), lang);
    window.localStorage.setItem(storageKey(null), lang);
  } catch {
    // not remembered: the choice still holds for this page
  }
}

export function translate(lang: Lang, key: TextKey, params?: Params): string {
  const text = DICTIONARIES[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

const I18nContext = createContext<I18n | null>(null);

/** `userId` null before sign-in; `accountLocale` the account's language, used until the user chooses here. */
export function I18nProvider({ userId, accountLocale, children }: { readonly userId: string | null; readonly accountLocale: Lang | null; readonly children: ReactNode }) {
  // Derived while rendering, not synced by an effect: the first frame after sign-in is already in the
  // account's language (an effect let it show the previous language for a frame).
  const [choice, setChoice] = useState<{ readonly userId: string | null; readonly lang: Lang } | null>(null);
  const lang: Lang = (choice && choice.userId === userId ? choice.lang : null) ?? storedLang(userId) ?? accountLocale ?? storedLang(null) ?? 'ar';

  // Before paint, with the frame it belongs to.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  }, [lang]);

  const setLang = useCallback(
    (next: Lang) => {
      remember(userId, next);
      setChoice({ userId, lang: next });
      // Not saved (offline, session gone): the choice still holds here and in this browser's memory.
      if (userId) saveLanguage(next).catch(() => undefined);
    },
    [userId],
  );

  const value = useMemo<I18n>(() => {
    const dtf = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short', numberingSystem: 'latn' });
    const nf = new Intl.NumberFormat(LOCALES[lang], { numberingSystem: 'latn' });
    return {
      lang,
      dir: lang === 'ar' ? 'rtl' : 'ltr',
      setLang,
      t: (key, params) => translate(lang, key, params),
      dateTime: (iso) => (iso ? dtf.format(typeof iso === 'string' ? new Date(iso) : iso) : '—'),
      number: (n) => nf.format(n),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
