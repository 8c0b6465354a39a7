/** Tips waiting for triage: per open case, how many are new and the best score among them. */
import type { DashboardView } from '../../api/types.ts';
import { Link } from '../../app/Link.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

export function TipsWaiting({ tips }: { readonly tips: NonNullable<DashboardView['tips']> }) {
  const { t, dateTime } = useI18n();
  return (
    <section className="panel panel--tips" aria-labelledby="dash-tips">
      <h2 id="dash-tips">
        {t('dashboard.tips')} <span className={`count${tips.waiting ? ' count--alarm' : ''}`}>{tips.waiting}</span>
      </h2>
      {tips.cases.length === 0 ? (
        <p className="empty">{t('dashboard.noTips')}</p>
      ) : (
        <ul className="rows" data-testid="tips-waiting">
          {tips.cases.map((c) => (
            <li key={c.caseId} className="row">
              <Link to={`/cases/${c.caseId}/tips`}>
                <strong dir="ltr">{c.caseReference}</strong> — {t('tips.waitingCount', { n: c.waiting })}
              </Link>
              {c.bestScore !== null ? <span className="score">{t('tips.best', { score: c.bestScore })}</span> : null}
              <span className="muted">{t('tips.lastAt', { at: dateTime(c.lastReceivedAt) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
