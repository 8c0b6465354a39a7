/**
 * Which language a public page is shown in: `?lang=ar|fr|zgh` when it is one of those, else the
 * visitor's Accept-Language, else Arabic. Anything else in the query (fbclid, utm_* added by the
 * platforms a link was shared on) is ignored, never an error: a shared link must always open.
 *
 * @example
 *   negotiateLanguage({ lang: 'fr' }, 'ar;q=0.9');       // { lang: 'fr', fromQuery: true }
 *   negotiateLanguage({}, 'fr-FR,fr;q=0.9,en;q=0.8');    // { lang: 'fr', fromQuery: false }
 *   SITE_LANGUAGES.zgh.tag;                             // 'zgh-Tfng'
 */
import type { AlertLanguage, LanguageKey } from '../../domain/alert-text/alert-languages.ts';

export type SiteLanguage = LanguageKey;

export interface SiteLanguageInfo {
  /** The alert text key and the BCP 47 tag used in `<html lang>`. */
  readonly tag: AlertLanguage;
  readonly dir: 'rtl' | 'ltr';
}

export const SITE_LANGUAGES: { readonly [K in SiteLanguage]: SiteLanguageInfo } = {
  ar: { tag: 'ar-MA', dir: 'rtl' },
  fr: { tag: 'fr-MA', dir: 'ltr' },
  zgh: { tag: 'zgh-Tfng', dir: 'ltr' },
};

/** In the order of the language switch. */
export const SITE_LANGUAGE_ORDER: readonly SiteLanguage[] = ['ar', 'fr', 'zgh'];
export const DEFAULT_LANGUAGE: SiteLanguage = 'ar';

const isSiteLanguage = (v: unknown): v is SiteLanguage => v === 'ar' || v === 'fr' || v === 'zgh';

/**
 * Primary subtags read as each language. Tamazight is asked for under several codes (Standard
 * Moroccan `zgh`, Central Atlas `tzm`, the collective `ber`, Tachelhit `shi`, Tarifit `rif`); the
 * site has one Tamazight, in Tifinagh.
 */
const PRIMARY: Readonly<Record<string, SiteLanguage>> = { ar: 'ar', fr: 'fr', zgh: 'zgh', tzm: 'zgh', ber: 'zgh', shi: 'zgh', rif: 'zgh' };

/** Longest Accept-Language header read; browsers send well under 200 characters. */
const MAX_HEADER = 512;

/** The best-weighted language of an Accept-Language header that the site speaks, if any. */
export function fromAcceptLanguage(header: string | undefined): SiteLanguage | undefined {
  if (!header) return undefined;
  let best: { lang: SiteLanguage; q: number } | undefined;
  for (const item of header.slice(0, MAX_HEADER).split(',')) {
    const [range = '', ...params] = item.trim().split(';');
    const lang = PRIMARY[range.trim().toLowerCase().split('-')[0] ?? ''];
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang;
}

export interface NegotiatedLanguage {
  readonly lang: SiteLanguage;
  /** False when the header decided: the answer must then carry `Vary: Accept-Language`. */
  readonly fromQuery: boolean;
}

export function negotiateLanguage(query: unknown, acceptLanguage: string | undefined): NegotiatedLanguage {
  const asked = typeof query === 'object' && query !== null ? (query as Record<string, unknown>).lang : undefined;
  if (isSiteLanguage(asked)) return { lang: asked, fromQuery: true };
  return { lang: fromAcceptLanguage(acceptLanguage) ?? DEFAULT_LANGUAGE, fromQuery: false };
}

/** A site path in a language: "/alerts/K7QX2M?lang=fr". */
export function localPath(path: string, lang: SiteLanguage): string {
  return `${path}?lang=${lang}`;
}
