/**
 * What each channel will carry, from the texts being edited: the Facebook post, the Instagram image
 * (the poster, rendered by the server at publication), the WhatsApp message, the SMS with its
 * segments, the cell-broadcast 90- and 360-character forms with their pages, the public page and the
 * CAP document. Every text is rendered as text, never as markup.
 */
import { useState } from 'react';
import { cellBroadcastPages, smsEncoding } from '../../../../src/domain/alert-text/sms-encoding.ts';
import type { AlertDraftView, AlertLanguage, AlertView } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ALERT_LANGS } from '../alert-board/AlertTextsView.tsx';
import { capPreview } from './cap-preview.ts';

export function Previews({ alert, draft }: { readonly alert: AlertView; readonly draft: AlertDraftView }) {
  const { t } = useI18n();
  const [code, setCode] = useState<AlertLanguage>('ar-MA');
  const lang = ALERT_LANGS.find((l) => l.code === code) ?? ALERT_LANGS[0];
  if (!lang) return null;
  const x = draft.texts[code];
  const sms = smsEncoding(x.sms70);
  const pageUrl = `/alerts/${alert.publicId}`;
  const poster = alert.versions.length ? `/alerts/${alert.publicId}/posters/${alert.versions.length}/${lang.html}-square.jpg` : null;
  const cap = capPreview(alert, draft);

  return (
    <section className="panel previews" aria-labelledby="previews-title">
      <h2 id="previews-title">{t('composer.previews')}</h2>
      <div className="field">
        <label htmlFor="preview-lang">{t('composer.previewLanguage')}</label>
        <select id="preview-lang" value={code} onChange={(e) => setCode(e.target.value as AlertLanguage)}>
          {ALERT_LANGS.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <div className="previews__grid" lang={lang.html} dir={lang.dir}>
        <article className="preview preview--facebook" aria-label="Facebook">
          <h3 dir="ltr">Facebook</h3>
          <p className="preview__strong">{x.headline}</p>
          <p className="pre">{x.description}</p>
          <p className="pre">{x.instruction}</p>
          <p className="preview__link" dir="ltr">
            {pageUrl}
          </p>
        </article>
        <article className="preview preview--instagram" aria-label="Instagram">
          <h3 dir="ltr">Instagram</h3>
          {poster ? <img src={poster} alt={t('composer.posterAlt')} width={240} height={240} /> : <p className="muted">{t('composer.posterLater')}</p>}
          <p>{x.short360}</p>
        </article>
        <article className="preview preview--whatsapp" aria-label="WhatsApp">
          <h3 dir="ltr">WhatsApp</h3>
          <div className="bubble">
            <p className="preview__strong">{x.headline}</p>
            <p>{x.short360}</p>
            <p dir="ltr">{pageUrl}</p>
          </div>
        </article>
        <article className="preview preview--sms" aria-label="SMS">
          <h3 dir="ltr">SMS</h3>
          <div className="bubble">
            <p>{x.sms70}</p>
          </div>
          <p className="muted" dir="ltr" data-testid="sms-count">
            {sms.encoding} · {sms.units} · {t('composer.segments', { n: sms.segments })}
          </p>
        </article>
        <article className="preview preview--cb" aria-label="Cell broadcast">
          <h3 dir="ltr">Cell broadcast</h3>
          <p>{x.short90}</p>
          <p className="muted" dir="ltr">
            90 · {x.short90.length} · {t('composer.pages', { n: cellBroadcastPages(x.short90) })}
          </p>
          <p>{x.short360}</p>
          <p className="muted" dir="ltr">
            360 · {x.short360.length} · {t('composer.pages', { n: cellBroadcastPages(x.short360) })}
          </p>
        </article>
        <article className="preview preview--page" aria-label={t('composer.publicPage')}>
          <h3>{t('composer.publicPage')}</h3>
          <p className="preview__strong">{x.headline}</p>
          <p className="pre">{x.description}</p>
          <p className="pre">{x.instruction}</p>
        </article>
      </div>
      <details className="preview preview--cap">
        <summary>{t('composer.cap')}</summary>
        {cap.ok ? (
          <pre dir="ltr" className="cap" data-testid="cap-preview">
            {cap.xml}
          </pre>
        ) : (
          <p className="field__error" dir="ltr">
            {cap.problem}
          </p>
        )}
      </details>
    </section>
  );
}
