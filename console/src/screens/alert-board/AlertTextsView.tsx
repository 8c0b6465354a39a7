/** The alert's texts in its three languages (headline, description, instruction), each in its own script and direction. */
import type { AlertLanguage, AlertTexts } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

export const ALERT_LANGS: readonly { readonly code: AlertLanguage; readonly html: string; readonly dir: 'rtl' | 'ltr'; readonly name: string }[] = [
  { code: 'ar-MA', html: 'ar', dir: 'rtl', name: 'العربية' },
  { code: 'fr-MA', html: 'fr', dir: 'ltr', name: 'Français' },
  { code: 'zgh-Tfng', html: 'zgh', dir: 'ltr', name: 'ⵜⴰⵎⴰⵣⵉⵖⵜ' },
];

export function AlertTextsView({ texts }: { readonly texts: AlertTexts }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="texts-title">
      <h2 id="texts-title">{t('alert.texts')}</h2>
      {ALERT_LANGS.map((l) => (
        <article key={l.code} lang={l.html} dir={l.dir} className="alert-text">
          <h3>
            <span className="muted">{l.name}</span> {texts[l.code].headline}
          </h3>
          <p className="pre">{texts[l.code].description}</p>
          <p className="pre muted">{texts[l.code].instruction}</p>
        </article>
      ))}
    </section>
  );
}
