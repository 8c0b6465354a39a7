/**
 * The small pages around a subscription, server-rendered like the rest of the public site (no
 * script): "check your e-mail", the code entry form, "confirmed", the e-mail link's confirm button,
 * the unsubscribe button, "unsubscribed", and the error pages of these routes. Pages reached through
 * a token keep it across the language switch (PageMeta.switchQuery) and are kept out of search
 * engines; the token never goes into canonical or share URLs.
 *
 * Confirming and unsubscribing are POSTs behind one button: a mail scanner or a link preview that
 * fetches the URL changes nothing.
 *
 * @example
 *   renderCodePage(site, 'fr', { subscriptionId, outcome: 'wrong' });
 *   renderUnsubscribePage(site, 'ar', token);
 */
import { html, type HtmlValue } from './html.ts';
import { renderPage, type SiteContext } from './layout.ts';
import { localPath, type SiteLanguage } from './site-language.ts';
import { SITE_TEXTS } from './site-texts.ts';
import { SUBSCRIBE_PATH } from './subscribe-page.ts';
import { SUBSCRIPTION_TEXTS } from './subscription-texts.ts';

export const CODE_PATH = '/subscribe/confirm';
export const LINK_CONFIRM_PATH = '/subscriptions/confirm';
export const UNSUBSCRIBE_PATH = '/unsubscribe';

function page(site: SiteContext, lang: SiteLanguage, title: string, path: string, main: HtmlValue, switchQuery?: Readonly<Record<string, string>>): string {
  return renderPage(site, { lang, title, path, noindex: true, ...(switchQuery ? { switchQuery } : {}) }, main);
}

const againLink = (lang: SiteLanguage) => html`<p><a href="${localPath(SUBSCRIBE_PATH, lang)}">${SUBSCRIPTION_TEXTS[lang].subscribeLink}</a></p>`;
const homeLink = (lang: SiteLanguage) => html`<p><a href="${localPath('/', lang)}">${SITE_TEXTS[lang].allAlerts}</a></p>`;

export function renderEmailSentPage(site: SiteContext, lang: SiteLanguage): string {
  const t = SUBSCRIPTION_TEXTS[lang];
  return page(site, lang, t.emailSentTitle, SUBSCRIBE_PATH, html`<div class="done"><h1>${t.emailSentTitle}</h1><p>${t.emailSentBody}</p></div><p class="note">${t.alreadyNote}</p>${homeLink(lang)}`);
}

export type CodePageOutcome = 'wrong' | 'expired' | 'locked' | null;

/** The code entry form; after a wrong code it says so; expired and locked codes end the form. */
export function renderCodePage(site: SiteContext, lang: SiteLanguage, state: { readonly subscriptionId: string; readonly outcome: CodePageOutcome }): string {
  const t = SUBSCRIPTION_TEXTS[lang];
  const switchQuery = { s: state.subscriptionId };
  if (state.outcome === 'expired' || state.outcome === 'locked') {
    const message = state.outcome === 'expired' ? t.codeExpired : t.codeLocked;
    return page(site, lang, t.codeTitle, CODE_PATH, html`<h1>${t.codeTitle}</h1><p class="errors" role="alert">${message}</p>${againLink(lang)}`, switchQuery);
  }
  const wrong = state.outcome === 'wrong';
  const form = html`<form class="sub" method="post" action="${localPath(CODE_PATH, lang)}" accept-charset="utf-8">
<input type="hidden" name="lang" value="${lang}"><input type="hidden" name="s" value="${state.subscriptionId}">
${wrong ? html`<p class="errors" role="alert" id="e-code">${t.codeWrong}</p>` : ''}
<label for="f-code">${t.codeLabel}</label><input id="f-code" class="code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="20" dir="ltr" required${wrong ? html` aria-invalid="true" aria-describedby="e-code"` : ''}>
<button type="submit">${t.codeSubmit}</button></form>`;
  return page(site, lang, t.codeTitle, CODE_PATH, html`<h1>${t.codeTitle}</h1><p>${t.codeIntro}</p>${form}<p class="note">${t.codeResend}</p><p class="note">${t.alreadyNote}</p>`, switchQuery);
}

export function renderConfirmedPage(site: SiteContext, lang: SiteLanguage): string {
  const t = SUBSCRIPTION_TEXTS[lang];
  return page(site, lang, t.confirmedTitle, SUBSCRIBE_PATH, html`<div class="done"><h1>${t.confirmedTitle}</h1><p>${t.confirmedBody}</p></div>${homeLink(lang)}`);
}

/** The e-mail link's page: one button that POSTs the token. */
export function renderConfirmLinkPage(site: SiteContext, lang: SiteLanguage, token: string): string {
  const t = SUBSCRIPTION_TEXTS[lang];
  return page(
    site,
    lang,
    t.confirmLinkTitle,
    LINK_CONFIRM_PATH,
    html`<h1>${t.confirmLinkTitle}</h1><p>${t.confirmLinkBody}</p><form class="sub" method="post" action="${localPath(LINK_CONFIRM_PATH, lang)}" accept-charset="utf-8"><input type="hidden" name="lang" value="${lang}"><input type="hidden" name="t" value="${token}"><button type="submit">${t.confirmButton}</button></form>`,
    { t: token },
  );
}

export function renderLinkProblemPage(site: SiteContext, lang: SiteLanguage, problem: 'expired' | 'invalid', path: string): string {
  const t = SUBSCRIPTION_TEXTS[lang];
  const [title, body] = problem === 'expired' ? [t.linkExpiredTitle, t.linkExpiredBody] : [t.linkInvalidTitle, t.linkInvalidBody];
  return page(site, lang, title, path, html`<h1>${title}</h1><p>${body}</p>${againLink(lang)}`);
}

/** The unsubscribe link's page: one button, posting to the same address (the token stays in the URL). */
export function renderUnsubscribePage(site: SiteContext, lang: SiteLanguage, token: string): string {
  const t = SUBSCRIPTION_TEXTS[lang];
  const action = `${UNSUBSCRIBE_PATH}?t=${encodeURIComponent(token)}&lang=${lang}`;
  return page(
    site,
    lang,
    t.unsubscribeTitle,
    UNSUBSCRIBE_PATH,
    html`<h1>${t.unsubscribeTitle}</h1><p>${t.unsubscribeBody}</p><form class="sub" method="post" action="${action}" accept-charset="utf-8"><button type="submit">${t.unsubscribeButton}</button></form>`,
    { t: token },
  );
}

export function renderUnsubscribedPage(site: SiteContext, lang: SiteLanguage): string {
  const t = SUBSCRIPTION_TEXTS[lang];
  return page(site, lang, t.unsubscribedTitle, UNSUBSCRIBE_PATH, html`<div class="done"><h1>${t.unsubscribedTitle}</h1><p>${t.unsubscribedBody}</p></div>${againLink(lang)}`);
}

export type StatusKind = 'too_many' | 'bad_request' | 'error';

export function renderSubscriptionStatusPage(site: SiteContext, lang: SiteLanguage, kind: StatusKind, path: string): string {
  const t = SUBSCRIPTION_TEXTS[lang];
  const s = SITE_TEXTS[lang];
  const [title, body] = kind === 'too_many' ? [t.tooManyTitle, t.tooManyBody] : kind === 'bad_request' ? [t.badRequestTitle, t.badRequestBody] : [s.errorTitle, s.errorBody];
  return page(site, lang, title, path, html`<h1>${title}</h1><p>${body}</p>${homeLink(lang)}`);
}
