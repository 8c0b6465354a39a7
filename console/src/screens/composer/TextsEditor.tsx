/**
 * The alert's texts in Arabic, French and Tamazight (Tifinagh), every field editable with its limit
 * and a live count: code points for the long fields, UTF-16 units for the short forms, and for the
 * SMS form its encoding and segment count.
 */
import { useState } from 'react';
import { ALERT_TEXT_LIMITS } from '../../../../src/domain/alert-text/alert-languages.ts';
import { smsEncoding } from '../../../../src/domain/alert-text/sms-encoding.ts';
import type { AlertLanguage, AlertTextField, AlertTexts } from '../../api/types.ts';
import { useI18n, type TextKey } from '../../i18n/i18n.tsx';
import { ALERT_LANGS } from '../alert-board/AlertTextsView.tsx';

const FIELDS: readonly { field: AlertTextField; label: TextKey; rows: number; units: 'codepoints' | 'utf16' }[] = [
  { field: 'headline', label: 'composer.headline', rows: 1, units: 'codepoints' },
  { field: 'description', label: 'composer.description', rows: 6, units: 'codepoints' },
  { field: 'instruction', label: 'composer.instruction', rows: 3, units: 'codepoints' },
  { field: 'short360', label: 'composer.short360', rows: 4, units: 'utf16' },
  { field: 'short90', label: 'composer.short90', rows: 2, units: 'utf16' },
  { field: 'sms70', label: 'composer.sms70', rows: 2, units: 'utf16' },
];

export const lengthOf = (text: string, units: 'codepoints' | 'utf16') => (units === 'codepoints' ? [...text].length : text.length);

export function TextsEditor({ texts, onChange }: { readonly texts: AlertTexts; onChange: (texts: AlertTexts) => void }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<AlertLanguage>('ar-MA');
  const lang = ALERT_LANGS.find((l) => l.code === tab) ?? ALERT_LANGS[0];
  if (!lang) return null;
  const set = (field: AlertTextField, value: string) => onChange({ ...texts, [tab]: { ...texts[tab], [field]: value } });

  return (
    <section className="panel" aria-labelledby="texts-edit-title">
      <h2 id="texts-edit-title">{t('alert.texts')}</h2>
      <div role="tablist" className="tabs" aria-label={t('composer.languages')}>
        {ALERT_LANGS.map((l) => (
          <button
            key={l.code}
            type="button"
            role="tab"
            id={`tab-${l.code}`}
            aria-selected={tab === l.code}
            aria-controls={`panel-${l.code}`}
            tabIndex={tab === l.code ? 0 : -1}
            className="tabs__tab"
            onClick={() => setTab(l.code)}
            onKeyDown={(e) => {
              const i = ALERT_LANGS.findIndex((x) => x.code === tab);
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const next = ALERT_LANGS[(i + step + ALERT_LANGS.length) % ALERT_LANGS.length];
              if (next) {
                setTab(next.code);
                document.getElementById(`tab-${next.code}`)?.focus();
              }
            }}
          >
            {l.name}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} lang={lang.html} dir={lang.dir}>
        {FIELDS.map((f) => {
          const value = texts[tab][f.field];
          const max = ALERT_TEXT_LIMITS[f.field];
          const used = lengthOf(value, f.units);
          const sms = f.field === 'sms70' ? smsEncoding(value) : null;
          const id = `text-${tab}-${f.field}`;
          return (
            <div key={f.field} className={`field${used > max || (sms && sms.segments > 1) ? ' field--error' : ''}`}>
              <label htmlFor={id}>{t(f.label)}</label>
              {f.rows === 1 ? (
                <input id={id} value={value} onChange={(e) => set(f.field, e.target.value)} dir={lang.dir} aria-describedby={`${id}-count`} />
              ) : (
                <textarea id={id} value={value} rows={f.rows} onChange={(e) => set(f.field, e.target.value)} dir={lang.dir} aria-describedby={`${id}-count`} />
              )}
              <p className="field__hint" id={`${id}-count`} dir="ltr">
                {used} / {max}
                {sms ? ` · ${sms.encoding} · ${t('composer.segments', { n: sms.segments })}` : ''}
              </p>
            </div>
          );
        })}
      </div>
    </section>
  );
}
