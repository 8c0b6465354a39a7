/** Alerts by state (counts), and the alerts still running or being decided, each linked to its board. */
import type { AlertStateName, DashboardView } from '../../api/types.ts';
import { Link } from '../../app/Link.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { alertStateLabel } from '../../i18n/vocab.ts';

const ORDER: readonly AlertStateName[] = ['active', 'awaiting_decisions', 'draft', 'ended', 'refused'];

export function AlertsByState({ alerts }: { readonly alerts: NonNullable<DashboardView['alerts']> }) {
  const { t, lang, dateTime } = useI18n();
  return (
    <section className="panel panel--alerts" aria-labelledby="dash-alerts">
      <h2 id="dash-alerts">{t('dashboard.alerts')}</h2>
      <dl className="counts" data-testid="alert-counts">
        {ORDER.map((s) => (
          <div key={s} className={`counts__item counts__item--${s}${s === 'active' && (alerts.byState[s] ?? 0) > 0 ? ' counts__item--hot' : ''}`} data-state={s}>
            <dt>{alertStateLabel(s, lang)}</dt>
            <dd>{alerts.byState[s] ?? 0}</dd>
          </div>
        ))}
      </dl>
      {alerts.current.length ? (
        <ul className="rows">
          {alerts.current.map((a) => (
            <li key={a.id} className="row">
              <Link to={`/alerts/${a.id}`}>
                <strong dir="ltr">{a.caseReference}</strong> — {alertStateLabel(a.state, lang)}
              </Link>
              {a.exercise ? <span className="tag">{t('common.exercise')}</span> : null}
              {a.expiresAt ? <span className="muted">{t('alert.expiresAt', { at: dateTime(a.expiresAt) })}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
