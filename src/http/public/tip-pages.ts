/**
 * The pages a tip post answers with, server-rendered in the tipster's language like the rest of the
 * public site, all kept out of search engines:
 * - the receipt (201): the reference, shown only once the tip is committed, and what to keep it for;
 * - the form again (400, or 429 when the network is over its quota without a proof) with what was
 *   typed, the problems, and the challenge for the script;
 * - a short status page: the server is busy (503), the alert ended (410), it does not exist (404), or
 *   the request could not be read at all (400).
 *
 * @example
 *   reply.code(201).send(renderTipReceiptPage(site, 'fr', 'K7QX2M', 'K7QX2M9D'));
 *   reply.code(400).send(renderTipFormPage(site, 'ar', { publicId, version, state }));
 */
import { formatTipReference } from '../../domain/tips/tip-reference.ts';
import { alertPath } from './alert-parts.ts';
import { html } from './html.ts';
import { renderPage, type SiteContext } from './layout.ts';
import { localPath, type SiteLanguage } from './site-language.ts';
import { SITE_TEXTS } from './site-texts.ts';
import { tipForm, type TipFormState, tipPath } from './tip-form.ts';
import { TIP_TEXTS, waitText } from './tip-texts.ts';

export function renderTipReceiptPage(site: SiteContext, lang: SiteLanguage, publicId: string, reference: string): string {
  const tt = TIP_TEXTS[lang];
  const t = SITE_TEXTS[lang];
  return renderPage(
    site,
    { lang, title: tt.receiptTitle, path: tipPath(publicId), noindex: true },
    html`<h1>${tt.receiptTitle}</h1><p>${tt.receiptBody}</p><p>${tt.receiptReference}${t.colon}<strong class="reference" dir="ltr">${formatTipReference(reference)}</strong></p><p class="note">${tt.receiptKeep}</p><p class="note">${t.tipUrgent}</p><p><a href="${alertPath(publicId, lang)}">${tt.backToAlert}</a></p>`,
  );
}

export interface TipFormPage {
  readonly publicId: string;
  readonly version: number;
  readonly state: TipFormState;
  /** Over the quota without JavaScript: how long until the network may send freely again. */
  readonly retryAfterSeconds?: number;
}

export function renderTipFormPage(site: SiteContext, lang: SiteLanguage, page: TipFormPage): string {
  const tt = TIP_TEXTS[lang];
  const tooMany =
    page.retryAfterSeconds !== undefined
      ? html`<div class="errors" role="alert"><h2>${tt.tooManyTitle}</h2><p>${tt.tooManyBody} ${waitText(lang, page.retryAfterSeconds)}</p><p>${tt.tooManyScript}</p></div>`
      : '';
  return renderPage(
    site,
    { lang, title: tt.formTitle, path: tipPath(page.publicId), noindex: true },
    html`<h1>${tt.formTitle}</h1>${tooMany}${tipForm(lang, page.publicId, page.version, page.state)}<p><a href="${alertPath(page.publicId, lang)}">${tt.backToAlert}</a></p>`,
  );
}

export type TipStatusKind = 'busy' | 'ended' | 'not_found' | 'bad_request' | 'error';

export function renderTipStatusPage(site: SiteContext, lang: SiteLanguage, kind: TipStatusKind, publicId: string | undefined): string {
  const tt = TIP_TEXTS[lang];
  const t = SITE_TEXTS[lang];
  const [title, body] = ((): [string, string] => {
    switch (kind) {
      case 'busy':
        return [tt.busyTitle, tt.busyBody];
      case 'ended':
        return [tt.endedTitle, tt.endedBody];
      case 'not_found':
        return [t.notFoundTitle, t.notFoundBody];
      case 'bad_request':
        return [tt.formTitle, TIP_TEXTS[lang].errorsHeading.replace(/\s*[:：]\s*$/u, '.')];
      case 'error':
        return [t.errorTitle, t.errorBody];
    }
  })();
  const back = publicId !== undefined && kind !== 'not_found' ? html`<p><a href="${alertPath(publicId, lang)}">${tt.backToAlert}</a></p>` : '';
  return renderPage(
    site,
    { lang, title, path: publicId !== undefined ? tipPath(publicId) : '/', noindex: true },
    html`<h1>${title}</h1><p>${body}</p>${back}<p><a href="${localPath('/', lang)}">${t.allAlerts}</a></p>`,
  );
}
