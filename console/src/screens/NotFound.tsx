/** A console path that names no screen. */
import { Link } from '../app/Link.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function NotFound() {
  const { t } = useI18n();
  return (
    <div className="screen">
      <h1>{t('problem.notFound')}</h1>
      <Link to="/">{t('nav.dashboard')}</Link>
    </div>
  );
}
