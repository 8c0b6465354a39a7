/**
 * The tip form of an alert page: a plain HTML form posted to /alerts/{publicId}/tips as
 * multipart/form-data (so a photo can come along), working without any script. Fields: what was seen
 * (required), when (datetime-local, Morocco time), where, an optional photo, optionally the tipster's
 * name and phone with a consent to be called back. A honeypot field, moved off-screen by the
 * stylesheet and hidden from assistive technology, catches form-filling robots: a person never fills
 * it. The page's language and the alert version seen travel as hidden fields, and so do the map point
 * (lat, lon) that the page script fills from "use my location".
 *
 * The external script (/assets/tip.js; the CSP forbids inline scripts) only adds: the "use my
 * location" button, and, when this network has sent many tips, the proof of work the server asks for
 * (domain/tips/intake-proof-of-work.ts) before the form is sent. Its words come from data-msg-*.
 *
 * The same form comes back after a refused post with what was typed (not the photo: browsers never
 * refill a file input), an error summary and, when the network is over its quota, the challenge.
 *
 * @example
 *   html`<article>…${tipForm('fr', 'K7QX2M', 3)}</article>`;
 *   tipForm('fr', 'K7QX2M', 3, { values, problems: [{ field: 'seen', code: 'seen_required' }] });
 */
import type { TipField, TipProblem } from '../../domain/tips/tip-problems.ts';
import { TIP_FIELD_LIMITS, TIP_FIELDS } from '../../domain/tips/tip-fields.ts';
import { html, type SafeHtml } from './html.ts';
import type { SiteLanguage } from './site-language.ts';
import { SITE_TEXTS } from './site-texts.ts';
import { alertBasePath } from './alert-parts.ts';
import { TIP_PROBLEM_TEXTS, TIP_TEXTS } from './tip-texts.ts';

export { TIP_FIELD_LIMITS, TIP_FIELDS } from '../../domain/tips/tip-fields.ts';

/** Where the form's script is served. */
export const TIP_SCRIPT_PATH = '/assets/tip.js';
/** Image types offered by the file picker (the server checks the bytes, whatever is declared). */
const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif';

/** What a refused post typed, shown again. */
export interface TipFormValues {
  readonly seen: string;
  readonly seenAt: string;
  readonly place: string;
  readonly lat: string;
  readonly lon: string;
  readonly name: string;
  readonly phone: string;
  readonly contactConsent: boolean;
}

export interface TipFormState {
  readonly values: TipFormValues;
  readonly problems: readonly TipProblem[];
  /** A challenge the script solves before sending again (the network is over its free quota). */
  readonly challenge?: string;
}

const FIELD_IDS: { readonly [F in TipField]: string } = {
  seen: 'tip-seen',
  seenAt: 'tip-when',
  place: 'tip-where',
  point: 'tip-where',
  name: 'tip-name',
  phone: 'tip-phone',
  contactConsent: 'tip-consent',
  lang: 'tip-seen',
  version: 'tip-seen',
  photo: 'tip-photo',
  website: 'tip-seen',
  form: 'tip-seen',
};

/** The tip form's action: the challenge's address is the same path with /challenge. */
export const tipPath = (publicId: string): string => `${alertBasePath(publicId)}/tips`;

export function tipForm(lang: SiteLanguage, publicId: string, version: number, state?: TipFormState): SafeHtml {
  const t = SITE_TEXTS[lang];
  const tt = TIP_TEXTS[lang];
  const f = TIP_FIELDS;
  const v = state?.values;
  const problems = state?.problems ?? [];
  const messages = TIP_PROBLEM_TEXTS[lang];
  const summary = problems.length
    ? html`<div class="errors" role="alert" tabindex="-1" id="tip-errors"><h2>${tt.errorsHeading}</h2><ul>${problems.map((p) => html`<li><a href="#${FIELD_IDS[p.field]}">${messages[p.code]}</a></li>`)}</ul></div>`
    : '';
  const invalid = (...fields: TipField[]) => (problems.some((p) => fields.includes(p.field)) ? html` aria-invalid="true"` : '');
  return html`<form class="tip" method="post" action="${tipPath(publicId)}" enctype="multipart/form-data" accept-charset="utf-8" aria-labelledby="tip-h" id="tip-form" data-challenge="${tipPath(publicId)}/challenge"${
    state?.challenge ? html` data-proof-challenge="${state.challenge}"` : ''
  } data-msg-working="${tt.proofWorking}" data-msg-located="${tt.locationAdded}" data-msg-locate-failed="${tt.locationFailed}">
<h2 id="tip-h">${t.tipHeading}</h2><p class="note">${t.tipUrgent}</p>${summary}
<input type="hidden" name="${f.lang}" value="${lang}"><input type="hidden" name="${f.version}" value="${version}">
<label for="tip-seen">${t.tipSeen}</label><textarea id="tip-seen" name="${f.seen}" rows="4" maxlength="${TIP_FIELD_LIMITS.seen}" required${invalid('seen')}>${v?.seen ?? ''}</textarea>
<label for="tip-when">${t.tipWhen}</label><input id="tip-when" type="datetime-local" name="${f.seenAt}"${v?.seenAt ? html` value="${v.seenAt}"` : ''}${invalid('seenAt')}>
<label for="tip-where">${t.tipWhere}</label><input id="tip-where" type="text" name="${f.place}" maxlength="${TIP_FIELD_LIMITS.place}"${v?.place ? html` value="${v.place}"` : ''}${invalid('place', 'point')}>
<input type="hidden" name="${f.lat}" value="${v?.lat ?? ''}"><input type="hidden" name="${f.lon}" value="${v?.lon ?? ''}"><button type="button" id="tip-locate" hidden>${tt.useLocation}</button><p class="note" id="tip-status" role="status" aria-live="polite"></p>
<label for="tip-photo">${tt.photoLabel}</label><input id="tip-photo" type="file" name="${f.photo}" accept="${PHOTO_ACCEPT}"${invalid('photo')}><p class="note">${tt.photoNote}</p>
<label for="tip-name">${t.tipName}</label><input id="tip-name" type="text" name="${f.name}" maxlength="${TIP_FIELD_LIMITS.name}" autocomplete="name"${v?.name ? html` value="${v.name}"` : ''}${invalid('name')}>
<label for="tip-phone">${t.tipPhone}</label><input id="tip-phone" type="tel" name="${f.phone}" maxlength="${TIP_FIELD_LIMITS.phone}" autocomplete="tel" inputmode="tel" dir="ltr"${v?.phone ? html` value="${v.phone}"` : ''}${invalid('phone')}>
<label class="check" id="tip-consent"><input type="checkbox" name="${f.contactConsent}" value="yes"${v?.contactConsent ? html` checked` : ''}> <span>${t.tipConsent}</span></label>
<div class="hp" aria-hidden="true"><label for="tip-website">${t.honeypot}</label><input id="tip-website" type="text" name="${f.honeypot}" tabindex="-1" autocomplete="off"></div>
<p class="note">${t.tipPrivacy}</p><button type="submit">${t.tipSend}</button>
</form><script src="${TIP_SCRIPT_PATH}" defer></script>`;
}
