/**
 * GET /subscribe: the sign-up form, a plain HTML form posted to /subscribe as
 * application/x-www-form-urlencoded, usable without JavaScript:
 * 1. channel (only those with a provider on this server; browser notifications only once the page
 *    script has found the browser able to receive them);
 * 2. e-mail address or mobile number;
 * 3. area: a point (latitude, longitude) with a radius, or prefectures/provinces by checkbox, grouped
 *    by region in <details> (open where something is ticked);
 * 4. languages; 5. optional quiet hours; 6. the consent wording of every offered channel, each with
 *    its version posted back as a hidden `consentVersion`, and the consent box.
 * On a refused post the same form comes back with what was typed, an error summary linking to each
 * field, and each message next to its field (aria-invalid, aria-describedby).
 *
 * The page script (/assets/subscribe.js, external: the CSP forbids inline scripts) only adds what
 * needs JavaScript: showing the chosen channel's consent text alone, "use my location", and Web Push.
 *
 * @example
 *   renderSubscribePage(site, 'fr', { offered, regions, pushPublicKey, values: EMPTY_FORM_VALUES, problems: [] });
 */
import { ALERT_LANGUAGES, type AlertLanguage } from '../../domain/alert-text/alert-languages.ts';
import type { SubscriptionChannel } from '../../domain/distribution/channels.ts';
import type { PlaceNames } from '../../domain/geo/place-names.ts';
import { CONSENT_WORDINGS } from '../../domain/subscription/consent-wording.ts';
import { AREA_LIMITS } from '../../domain/subscription/subscription-area.ts';
import type { SubscriptionField, SubscriptionProblem } from '../../domain/subscription/subscription-problems.ts';
import { html, type SafeHtml } from './html.ts';
import { renderPage, type SiteContext } from './layout.ts';
import { localPath, SITE_LANGUAGES, type SiteLanguage } from './site-language.ts';
import { SITE_TEXTS } from './site-texts.ts';
import { PROBLEM_TEXTS, SUBSCRIPTION_TEXTS } from './subscription-texts.ts';

export const SUBSCRIBE_PATH = '/subscribe';
export const SUBSCRIBE_SCRIPT_PATH = '/assets/subscribe.js';

/** What was typed, as text (so a refused form shows it again exactly). */
export interface SubscribeFormValues {
  readonly channel?: string | undefined;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly areaKind?: string | undefined;
  readonly lat?: string | undefined;
  readonly lon?: string | undefined;
  readonly radiusKm?: string | undefined;
  readonly provinces: readonly string[];
  readonly languages: readonly string[];
  readonly quietStart?: string | undefined;
  readonly quietEnd?: string | undefined;
  readonly consent: boolean;
}

export interface RegionChoice {
  readonly code: string;
  readonly names: PlaceNames;
  readonly provinces: readonly { readonly code: string; readonly names: PlaceNames }[];
}

export interface SubscribeFormModel {
  readonly offered: readonly SubscriptionChannel[];
  readonly regions: readonly RegionChoice[];
  /** The VAPID public key when Web Push is configured (the script subscribes with it). */
  readonly pushPublicKey: string | null;
  readonly values: SubscribeFormValues;
  readonly problems: readonly SubscriptionProblem[];
}

/** A fresh form: a 10 km circle, the page's language ticked. */
export function freshFormValues(lang: SiteLanguage): SubscribeFormValues {
  return { areaKind: 'circle', radiusKm: '10', provinces: [], languages: [SITE_LANGUAGES[lang].tag], consent: false };
}

const FIELD_IDS: { readonly [F in SubscriptionField]: string } = {
  channel: 'f-channel',
  email: 'f-email',
  phone: 'f-phone',
  push: 'f-channel',
  areaKind: 'f-area-circle',
  lat: 'f-lat',
  lon: 'f-lon',
  radiusKm: 'f-radius',
  provinces: 'f-area-provinces',
  languages: 'f-languages',
  quietHours: 'f-quiet-start',
  consent: 'f-consent',
  form: 'subscribe-form',
};

const placeName = (names: PlaceNames, lang: SiteLanguage): string => (lang === 'zgh' ? (names.zgh ?? names.fr) : names[lang]);

export function renderSubscribePage(site: SiteContext, lang: SiteLanguage, model: SubscribeFormModel): string {
  const t = SUBSCRIPTION_TEXTS[lang];
  const st = SITE_TEXTS[lang];
  const v = model.values;
  const messages = PROBLEM_TEXTS[lang];
  const problemsOf = (...fields: SubscriptionField[]) => model.problems.filter((p) => fields.includes(p.field));
  const errorId = (field: SubscriptionField) => `e-${field}`;
  const fieldError = (...fields: SubscriptionField[]): SafeHtml | '' => {
    const found = problemsOf(...fields);
    return found.length ? html`<p class="field-error" id="${errorId(fields[0] ?? 'form')}">${found.map((p) => html`<span>${messages[p.code]}</span> `)}</p>` : '';
  };
  const invalid = (...fields: SubscriptionField[]): SafeHtml | '' =>
    problemsOf(...fields).length ? html` aria-invalid="true" aria-describedby="${errorId(fields[0] ?? 'form')}"` : '';
  const checked = (on: boolean): SafeHtml | '' => (on ? html` checked` : '');

  const summary = model.problems.length
    ? html`<div class="errors" role="alert" tabindex="-1" id="errors"><h2>${t.errorsHeading}</h2><ul>${model.problems.map((p) => html`<li><a href="#${FIELD_IDS[p.field]}">${messages[p.code]}</a></li>`)}</ul></div>`
    : '';

  if (model.offered.length === 0) {
    return renderPage(site, { lang, title: t.subscribeTitle, path: SUBSCRIBE_PATH, description: t.subscribeIntro }, html`<h1>${t.subscribeTitle}</h1><p class="note">${t.noChannel}</p>`);
  }

  const classic = model.offered.filter((c) => c !== 'webpush');
  const selected = v.channel ?? classic[0] ?? model.offered[0];
  const channelRadio = (c: SubscriptionChannel, first: boolean) =>
    html`<label class="check"><input type="radio" name="channel" value="${c}" id="${first ? FIELD_IDS.channel : `f-channel-${c}`}"${checked(selected === c)}${first ? invalid('channel', 'push') : ''}> <span>${t.channelNames[c]}</span></label>`;
  const channels = html`<fieldset><legend>${t.channelLegend}</legend>${classic.map((c, i) => channelRadio(c, i === 0))}${
    model.offered.includes('webpush') ? html`<span class="push-only" hidden>${channelRadio('webpush', classic.length === 0)}<span class="note">${t.pushHint}</span></span>` : ''
  }${fieldError('channel', 'push')}</fieldset>`;

  const address = html`<fieldset><legend>${t.addressLegend}</legend>${
    model.offered.includes('email')
      ? html`<label for="f-email">${t.emailLabel}</label><input id="f-email" type="email" name="email" maxlength="254" autocomplete="email" inputmode="email" dir="ltr" value="${v.email ?? ''}"${invalid('email')}>${fieldError('email')}`
      : ''
  }${
    model.offered.includes('sms') || model.offered.includes('whatsapp')
      ? html`<label for="f-phone">${t.phoneLabel}</label><input id="f-phone" type="tel" name="phone" maxlength="40" autocomplete="tel" inputmode="tel" dir="ltr" value="${v.phone ?? ''}" aria-describedby="h-phone"${invalid('phone')}><p class="note" id="h-phone">${t.phoneHint}</p>${fieldError('phone')}`
      : ''
  }</fieldset>`;

  const ticked = new Set(v.provinces);
  const regions = model.regions.map((r) => {
    const open = r.provinces.some((p) => ticked.has(p.code));
    return html`<details${open ? html` open` : ''}><summary>${placeName(r.names, lang)}</summary><div class="boxes">${r.provinces.map(
      (p) => html`<label class="check"><input type="checkbox" name="provinces" value="${p.code}"${checked(ticked.has(p.code))}> <span>${placeName(p.names, lang)}</span></label>`,
    )}</div></details>`;
  });
  const area = html`<fieldset><legend>${t.areaLegend}</legend>
<label class="check"><input type="radio" name="areaKind" value="circle" id="f-area-circle"${checked(v.areaKind !== 'provinces')}${invalid('areaKind')}> <span>${t.areaCircle}</span></label>${fieldError('areaKind')}
<div class="point"><div><label for="f-lat">${t.latLabel}</label><input id="f-lat" type="text" name="lat" inputmode="decimal" maxlength="20" dir="ltr" value="${v.lat ?? ''}" aria-describedby="h-point"${invalid('lat')}></div><div><label for="f-lon">${t.lonLabel}</label><input id="f-lon" type="text" name="lon" inputmode="decimal" maxlength="20" dir="ltr" value="${v.lon ?? ''}" aria-describedby="h-point"${invalid('lon')}></div><div><label for="f-radius">${t.radiusLabel}</label><input id="f-radius" type="number" name="radiusKm" min="${AREA_LIMITS.minRadiusKm}" max="${AREA_LIMITS.maxRadiusKm}" step="1" dir="ltr" value="${v.radiusKm ?? ''}"${invalid('radiusKm')}></div></div>
<p class="note" id="h-point">${t.pointHint}</p><button type="button" class="secondary" id="use-location" hidden>${t.useLocation}</button>${fieldError('lat', 'lon')}${fieldError('radiusKm')}
<label class="check"><input type="radio" name="areaKind" value="provinces" id="f-area-provinces"${checked(v.areaKind === 'provinces')}${invalid('provinces')}> <span>${t.areaProvinces}</span></label>${fieldError('provinces')}
<div class="regions">${regions}</div></fieldset>`;

  const wanted = new Set(v.languages);
  const languages = html`<fieldset id="f-languages"><legend>${t.languagesLegend}</legend>${ALERT_LANGUAGES.map(
    (l: AlertLanguage) => html`<label class="check"><input type="checkbox" name="languages" value="${l}"${checked(wanted.has(l))}${invalid('languages')}> <span lang="${l}">${t.languageNames[l]}</span></label>`,
  )}${fieldError('languages')}</fieldset>`;

  const quiet = html`<fieldset><legend>${t.quietLegend}</legend><div class="point"><div><label for="f-quiet-start">${t.quietStart}</label><input id="f-quiet-start" type="time" name="quietStart" dir="ltr" value="${v.quietStart ?? ''}"${invalid('quietHours')}></div><div><label for="f-quiet-end">${t.quietEnd}</label><input id="f-quiet-end" type="time" name="quietEnd" dir="ltr" value="${v.quietEnd ?? ''}"></div></div><p class="note">${t.quietHint}</p>${fieldError('quietHours')}</fieldset>`;

  const wordings = model.offered.map((c) => {
    const w = CONSENT_WORDINGS[c];
    const block = html`<div class="consent-text" data-channel="${c}"><h3>${t.channelNames[c]}</h3><p>${w.texts[lang]}</p><input type="hidden" name="consentVersion" value="${w.version}"></div>`;
    return c === 'webpush' ? html`<div class="push-only" hidden>${block}</div>` : block;
  });
  const consent = html`<fieldset><legend>${t.consentLegend}</legend>${wordings}<label class="check"><input type="checkbox" name="consent" value="yes" id="f-consent"${checked(v.consent)}${invalid('consent')}> <span>${t.consentCheck}</span></label>${fieldError('consent')}<p class="note">${t.alreadyNote}</p><p class="note">${t.privacy}</p></fieldset>`;

  const push = model.offered.includes('webpush') && model.pushPublicKey ? model.pushPublicKey : '';
  const form = html`<form class="sub" id="subscribe-form" method="post" action="${localPath(SUBSCRIBE_PATH, lang)}" accept-charset="utf-8" novalidate data-push-key="${push}" data-lang="${lang}" data-msg-unsupported="${t.pushUnsupported}" data-msg-denied="${t.pushDenied}" data-msg-failed="${t.pushFailed}" data-msg-working="${t.pushWorking}">
<input type="hidden" name="lang" value="${lang}">
${channels}${address}${area}${languages}${quiet}${consent}
<div class="hp" aria-hidden="true"><label for="f-website">${st.honeypot}</label><input id="f-website" type="text" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${t.submit}</button><p class="note" id="push-status" role="status" aria-live="polite"></p>
</form><script src="${SUBSCRIBE_SCRIPT_PATH}" defer></script>`;

  return renderPage(
    site,
    { lang, title: t.subscribeTitle, path: SUBSCRIBE_PATH, description: t.subscribeIntro, noindex: model.problems.length > 0 },
    html`<h1>${t.subscribeTitle}</h1><p>${t.subscribeIntro}</p>${summary}${form}`,
  );
}
