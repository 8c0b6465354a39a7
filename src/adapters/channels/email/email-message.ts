/**
 * The e-mails themselves: an alert (or update), the closing message of an ended alert, and the double
 * opt-in confirmation, each as a plain-text part and an HTML part in the reader's language.
 *
 * Built from the public view only. The HTML is made with the site's escaping template tag
 * (http/public/html.ts): every alert text is escaped, so a "<script>" typed into a description arrives
 * as text. It loads nothing remote: no web fonts, no tracking pixel, no remote image; the poster travels
 * inside the message as an inline part referenced by `cid:`. Arabic gets `dir="rtl"` on the document,
 * the body and the wrapper (some clients drop the outer elements). The closing message has no photo and
 * no name: only the found / ended notice, the public reference and the link.
 *
 * @example
 *   const mail = alertEmail(view, 'ar-MA', { pageUrl, unsubscribeUrl, poster: { cid, alt } });
 *   mail.subject; mail.text; mail.html;
 */
import type { AlertLanguage } from '../../../domain/alert-text/alert-languages.ts';
import type { ActivePublicAlert, EndedPublicAlert } from '../../../domain/alert/public-alert.ts';
import { html, type HtmlValue, type SafeHtml } from '../../../http/public/html.ts';
import { SITE_TEXTS } from '../../../http/public/site-texts.ts';
import { directionOf, EXERCISE_SUBJECT_PREFIX, keyOf, phrase, phraseText, type Line } from './email-texts.ts';

export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface InlinePoster {
  /** Content-ID of the inline image part, without angle brackets. */
  readonly cid: string;
}

/** The public page in the reader's language (`?lang=ar|fr|zgh`, as the site reads it). */
export function pageUrlIn(pageUrl: string, lang: AlertLanguage): string {
  const url = new URL(pageUrl);
  url.searchParams.set('lang', keyOf(lang));
  return url.href;
}

const subjectOf = (exercise: boolean, title: string): string => (exercise ? `${EXERCISE_SUBJECT_PREFIX} ${title}` : title);

const paragraphs = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

const linesHtml = (lines: readonly Line[], style = ''): SafeHtml =>
  html`${lines.map((l) => html`<p lang="${l.lang}" dir="${l.dir}" style="${style}">${l.text}</p>`)}`;

function documentHtml(lang: AlertLanguage, title: string, content: SafeHtml): string {
  const dir = directionOf(lang);
  return html`<!DOCTYPE html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body dir="${dir}" style="margin:0;padding:0;background:#ffffff;color:#111111">
<div lang="${lang}" dir="${dir}" style="max-width:640px;margin:0 auto;padding:16px;font-family:Tahoma,Arial,sans-serif;font-size:16px;line-height:1.5">
${content}
</div>
</body>
</html>
`.toString();
}

function exerciseBanner(lang: AlertLanguage, exercise: boolean): { html: HtmlValue; text: string[] } {
  if (!exercise) return { html: null, text: [] };
  const note = `${EXERCISE_SUBJECT_PREFIX} ${SITE_TEXTS[keyOf(lang)].exerciseNote}`;
  return {
    html: html`<p style="border:3px solid #b45309;background:#fef3c7;padding:8px 12px;font-weight:bold">${note}</p>`,
    text: [note, ''],
  };
}

/** The subscription footer: why this arrives, and the one-click way out (RFC 8058 wants it visible too). */
function footer(lang: AlertLanguage, unsubscribeUrl: string): { html: SafeHtml; text: string[] } {
  const why = phrase(lang, 'whyReceived');
  const label = phraseText(lang, 'unsubscribe');
  return {
    html: html`<hr style="border:0;border-top:1px solid #cccccc;margin:24px 0 8px">
${linesHtml(why, 'font-size:13px;color:#555555;margin:4px 0')}
<p style="font-size:13px;margin:4px 0"><a href="${unsubscribeUrl}">${label}</a></p>`,
    text: ['-- ', ...why.map((l) => l.text), `${label}: ${unsubscribeUrl}`],
  };
}

export interface AlertEmailInput {
  readonly pageUrl: string;
  readonly unsubscribeUrl: string;
  readonly poster: InlinePoster | null;
}

/** An active alert (Alert or Update): headline, poster, description, instruction, zone, reference, link. */
export function alertEmail(view: ActivePublicAlert, lang: AlertLanguage, input: AlertEmailInput): EmailContent {
  const t = view.texts[lang];
  const s = SITE_TEXTS[keyOf(lang)];
  const link = pageUrlIn(input.pageUrl, lang);
  const viewAlert = phraseText(lang, 'viewAlert');
  const banner = exerciseBanner(lang, view.exercise);
  const foot = footer(lang, input.unsubscribeUrl);
  const zone = `${s.zone}${s.colon}${view.zone.areaDesc[lang]}`;
  const reference = `${s.reference}${s.colon}${view.reference}`;
  const content = html`${banner.html}
<h1 style="font-size:22px;line-height:1.3;margin:0 0 12px">${t.headline}</h1>
${input.poster && html`<p style="margin:0 0 12px"><img src="cid:${input.poster.cid}" alt="${t.headline}" width="600" style="display:block;width:100%;max-width:600px;height:auto;border:0"></p>`}
${paragraphs(t.description).map((p) => html`<p style="margin:0 0 8px">${p}</p>`)}
${paragraphs(t.instruction).map((p) => html`<p style="margin:12px 0;font-weight:bold">${p}</p>`)}
<p style="margin:12px 0">${zone}<br>${reference}</p>
<p style="margin:16px 0"><a href="${link}" style="font-weight:bold">${viewAlert}</a></p>
${foot.html}`;
  const text = [...banner.text, t.headline, '', ...paragraphs(t.description), '', ...paragraphs(t.instruction), '', zone, reference, `${viewAlert}: ${link}`, '', ...foot.text];
  return { subject: subjectOf(view.exercise, t.headline), text: `${text.join('\n')}\n`, html: documentHtml(lang, t.headline, content) };
}

export interface ClosingEmailInput {
  readonly pageUrl: string;
  readonly unsubscribeUrl: string;
}

/** The alert is over: "found, thank you" or the neutral ended notice. No photo, no name, no description. */
export function closingEmail(view: Pick<EndedPublicAlert, 'outcome' | 'reference' | 'exercise'>, lang: AlertLanguage, input: ClosingEmailInput): EmailContent {
  const s = SITE_TEXTS[keyOf(lang)];
  const found = view.outcome === 'found';
  const title = found ? s.foundTitle : s.endedTitle;
  const body = found ? s.foundBody : s.endedBody;
  const reference = `${s.reference}${s.colon}${view.reference}`;
  const link = pageUrlIn(input.pageUrl, lang);
  const banner = exerciseBanner(lang, view.exercise);
  const foot = footer(lang, input.unsubscribeUrl);
  const content = html`${banner.html}
<h1 style="font-size:22px;line-height:1.3;margin:0 0 12px">${title}</h1>
<p style="margin:0 0 8px">${body}</p>
<p style="margin:12px 0">${reference}</p>
<p style="margin:16px 0"><a href="${link}">${link}</a></p>
${foot.html}`;
  const text = [...banner.text, title, '', body, '', reference, link, '', ...foot.text];
  return { subject: subjectOf(view.exercise, `${title} (${view.reference})`), text: `${text.join('\n')}\n`, html: documentHtml(lang, title, content) };
}

/** Double opt-in: nothing is sent to this address until the link is followed. */
export function confirmationEmail(lang: AlertLanguage, link: string): EmailContent {
  const subject = phraseText(lang, 'confirmSubject');
  const intro = phrase(lang, 'confirmIntro');
  const ignore = phrase(lang, 'confirmIgnore');
  const button = phraseText(lang, 'confirmButton');
  const content = html`<h1 style="font-size:20px;line-height:1.3;margin:0 0 12px">${subject}</h1>
${linesHtml(intro, 'margin:0 0 8px')}
<p style="margin:16px 0"><a href="${link}" style="display:inline-block;padding:10px 16px;background:#0b5394;color:#ffffff;text-decoration:none;font-weight:bold">${button}</a></p>
<p style="margin:0 0 16px;font-size:13px;word-break:break-all"><a href="${link}">${link}</a></p>
${linesHtml(ignore, 'font-size:13px;color:#555555;margin:4px 0')}`;
  const text = [subject, '', ...intro.map((l) => l.text), '', link, '', ...ignore.map((l) => l.text)];
  return { subject, text: `${text.join('\n')}\n`, html: documentHtml(lang, subject, content) };
}
