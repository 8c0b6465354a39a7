/** Switches the console between Arabic and French; the choice is remembered for this user. */
import { useI18n } from '../i18n/i18n.tsx';

export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  const other = lang === 'ar' ? 'fr' : 'ar';
  return (
    <button type="button" className="button button--quiet lang-switch" onClick={() => setLang(other)} lang={other} aria-label={other === 'fr' ? 'Afficher en français' : 'العرض بالعربية'} data-testid="lang-switch">
      {other === 'fr' ? 'Français' : 'العربية'}
    </button>
  );
}
