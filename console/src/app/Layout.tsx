/**
 * The frame around every signed-in screen: a skip link, the navigation the user's role can use, the
 * language switch, who is signed in, and sign-out.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { roleLabel } from '../i18n/vocab.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Link } from './Link.tsx';
import { usePath } from './router.ts';
import { useSession } from './session.tsx';

export function Layout({ children }: { readonly children: ReactNode }) {
  const { t, lang } = useI18n();
  const { user, can, signOut } = useSession();
  const path = usePath();
  const items: { to: string; label: string; show: boolean }[] = [
    { to: '/', label: t('nav.dashboard'), show: true },
    { to: '/cases/new', label: t('nav.intake'), show: can('case.create') },
    { to: '/decisions', label: t('nav.decisions'), show: can('alert.decide') },
    { to: '/audit', label: t('nav.audit'), show: can('audit.read') || can('audit.verify') },
  ];
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <div className="topbar__brand">
          <span lang="ar">طفلي</span> Tifli
        </div>
        <nav aria-label={t('nav.label')}>
          <ul className="nav">
            {items
              .filter((i) => i.show)
              .map((i) => (
                <li key={i.to}>
                  <Link to={i.to} aria-current={path === i.to ? 'page' : undefined}>
                    {i.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div className="topbar__user">
          <span data-testid="whoami">
            {user.displayName} · {roleLabel(user.role, lang)} · <span dir="ltr">{user.jurisdiction}</span>
          </span>
          <LanguageSwitch />
          <button type="button" className="button button--quiet" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
