/** Decisions waiting for me: each alert whose next step is mine, overdue and soonest due first. */
import type { DashboardView } from '../../api/types.ts';
import { Link } from '../../app/Link.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { stepLabel } from '../../i18n/vocab.ts';
import { Countdown } from '../../ui/Countdown.tsx';

export function DecisionList({ items, serverOffsetMs }: { readonly items: NonNullable<DashboardView['decisions']>; readonly serverOffsetMs: number }) {
  const { t, lang, dateTime } = useI18n();
  return (
    <section className="panel panel--decisions" aria-labelledby="dash-decisions">
      <h2 id="dash-decisions">
        {t('dashboard.decisions')} <span className="count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p className="empty">{t('dashboard.noDecisions')}</p>
      ) : (
        <ul className="rows" data-testid="decisions-waiting">
          {items.map((d) => (
            <li key={d.alertId} className={d.overdue ? 'row row--alarm' : d.urgent ? 'row row--urgent' : 'row'}>
              <Link to={`/decisions/${d.alertId}`}>
                <strong dir="ltr">{d.caseReference}</strong> — {stepLabel(d.step, lang)}
              </Link>
              {d.exercise ? <span className="tag">{t('common.exercise')}</span> : null}
              {d.urgent ? <span className="tag tag--urgent">{t('decision.urgentPath')}</span> : null}
              {d.dueAt ? <Countdown dueAt={d.dueAt} serverOffsetMs={serverOffsetMs} /> : d.requestedAt ? <span className="muted">{t('decision.requestedAt', { at: dateTime(d.requestedAt) })}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
