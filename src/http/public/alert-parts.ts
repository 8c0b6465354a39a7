/**
 * Pieces the alert list and the alert page share: the exercise badge, the child's photo (or a
 * placeholder), the name in the page's script, the last-seen line, and the site paths of an alert.
 * Paths are built from the public id with encodeURIComponent, and a photo path from the alert view is
 * used only when it is a plain path on this site, so no value can turn into a link elsewhere.
 *
 * @example
 *   html`<h2>${exerciseBadge(lang, alert.exercise)}<a href="${alertPath(alert.publicId, lang)}">…</a></h2>`;
 */
import type { ActivePublicAlert } from '../../domain/alert/public-alert.ts';
import { html, type SafeHtml } from './html.ts';
import { localPath, SITE_LANGUAGES, type SiteLanguage } from './site-language.ts';
import { elapsedText, moroccoDateTime, SITE_TEXTS } from './site-texts.ts';

/** The share image is always made at this size (the port's 'og' variant). */
export const OG_IMAGE = { width: 1200, height: 630 } as const;

export const alertBasePath = (publicId: string): string => `/alerts/${encodeURIComponent(publicId)}`;
export const alertPath = (publicId: string, lang: SiteLanguage): string => localPath(alertBasePath(publicId), lang);
/** The versioned share image path: a new version gets a new URL, so previews cached by the platforms update. */
export const ogImagePath = (alert: ActivePublicAlert, lang: string): string => `${alertBasePath(alert.publicId)}/og.jpg?v=${alert.version}&lang=${encodeURIComponent(lang)}`;

const SAFE_SITE_PATH = /^\/(?!\/)[A-Za-z0-9._~\-/]{1,300}$/;

/** The photo's path with the alert version (so caches pick up a new photo), or null when it is not a plain site path. */
export function photoSrc(alert: ActivePublicAlert): string | null {
  const photo = alert.photo;
  if (!photo || !SAFE_SITE_PATH.test(photo.path) || photo.path.includes('..')) return null;
  return `${photo.path}?v=${alert.version}`;
}

export function exerciseBadge(lang: SiteLanguage, exercise: boolean): SafeHtml | '' {
  return exercise ? html`<span class="exercise">${SITE_TEXTS[lang].exercise}</span> ` : '';
}

/** The banner at the top of an exercise alert's page. */
export function exerciseBanner(lang: SiteLanguage, exercise: boolean): SafeHtml | '' {
  const t = SITE_TEXTS[lang];
  return exercise ? html`<div class="drill" role="note"><span class="exercise">${t.exercise}</span><p>${t.exerciseNote}</p></div>` : '';
}

/** The consented name in the page's script when there is one, else in the other script; null when none may be shown. */
export function nameFor(alert: ActivePublicAlert, lang: SiteLanguage): string | null {
  const { ar, latin } = alert.displayName;
  return lang === 'ar' ? (ar ?? latin) : (latin ?? ar);
}

export const headlineFor = (alert: ActivePublicAlert, lang: SiteLanguage): string => alert.texts[SITE_LANGUAGES[lang].tag].headline;

/** "11/03 10:40 (heure du Maroc) · il y a 3 heures" */
export function lastSeenLine(alert: ActivePublicAlert, lang: SiteLanguage, now: Date): SafeHtml {
  const t = SITE_TEXTS[lang];
  return html`<time datetime="${alert.lastSeenAt.toISOString()}">${moroccoDateTime(alert.lastSeenAt, now)}</time> (${t.moroccoTime}) · ${elapsedText(lang, alert.lastSeenAt, now)}`;
}

/** The police number as a dialable link target: digits only, "19" otherwise. */
export const callNumberOf = (alert: ActivePublicAlert): string => (/^\d{2,4}$/.test(alert.callNumber) ? alert.callNumber : '19');
