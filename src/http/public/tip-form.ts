/**
 * The tip form of an alert page: a plain HTML form (no script) posted to /alerts/{publicId}/tips as
 * application/x-www-form-urlencoded. Fields: what was seen (required), when (datetime-local, Morocco
 * time), where, and optionally the tipster's name and phone with a consent to be contacted. A honeypot
 * field, moved off-screen by the stylesheet and hidden from assistive technology, catches form-filling
 * robots: a person never fills it. The page's language and the alert version seen travel as hidden
 * fields. The intake (validation, storage, triage) is a separate route; its limits should be these.
 *
 * @example
 *   html`<article>…${tipForm('fr', 'K7QX2M', 3)}</article>`;
 */
import { html, type SafeHtml } from './html.ts';
import type { SiteLanguage } from './site-language.ts';
import { SITE_TEXTS } from './site-texts.ts';
import { alertBasePath } from './alert-parts.ts';

/** Maximum lengths of the text fields, in characters (HTML maxlength counts UTF-16 units). */
export const TIP_FIELD_LIMITS = { seen: 2000, place: 200, name: 100, phone: 20 } as const;
/** Form field names, for the intake route. `website` is the honeypot: a value there means a robot. */
export const TIP_FIELDS = { seen: 'seen', seenAt: 'seenAt', place: 'place', name: 'name', phone: 'phone', contactConsent: 'contactConsent', honeypot: 'website', lang: 'lang', version: 'version' } as const;

export function tipForm(lang: SiteLanguage, publicId: string, version: number): SafeHtml {
  const t = SITE_TEXTS[lang];
  const f = TIP_FIELDS;
  return html`<form class="tip" method="post" action="${alertBasePath(publicId)}/tips" accept-charset="utf-8" aria-labelledby="tip-h">
<h2 id="tip-h">${t.tipHeading}</h2><p class="note">${t.tipUrgent}</p>
<input type="hidden" name="${f.lang}" value="${lang}"><input type="hidden" name="${f.version}" value="${version}">
<label for="tip-seen">${t.tipSeen}</label><textarea id="tip-seen" name="${f.seen}" rows="4" maxlength="${TIP_FIELD_LIMITS.seen}" required></textarea>
<label for="tip-when">${t.tipWhen}</label><input id="tip-when" type="datetime-local" name="${f.seenAt}">
<label for="tip-where">${t.tipWhere}</label><input id="tip-where" type="text" name="${f.place}" maxlength="${TIP_FIELD_LIMITS.place}">
<label for="tip-name">${t.tipName}</label><input id="tip-name" type="text" name="${f.name}" maxlength="${TIP_FIELD_LIMITS.name}" autocomplete="name">
<label for="tip-phone">${t.tipPhone}</label><input id="tip-phone" type="tel" name="${f.phone}" maxlength="${TIP_FIELD_LIMITS.phone}" autocomplete="tel" inputmode="tel" dir="ltr">
<label class="check"><input type="checkbox" name="${f.contactConsent}" value="yes"> <span>${t.tipConsent}</span></label>
<div class="hp" aria-hidden="true"><label for="tip-website">${t.honeypot}</label><input id="tip-website" type="text" name="${f.honeypot}" tabindex="-1" autocomplete="off"></div>
<p class="note">${t.tipPrivacy}</p><button type="submit">${t.tipSend}</button>
</form>`;
}
