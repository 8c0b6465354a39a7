/** The decisions inbox: every alert waiting for my step, live, overdue first. */
import { useI18n } from '../../i18n/i18n.tsx';
import { useLiveDashboard } from '../../live/useLiveDashboard.ts';
import { DecisionList } from '../dashboard/DecisionList.tsx';

export function DecisionsScreen() {
  const { t } = useI18n();
  const { dashboard, serverOffsetMs } = useLiveDashboard();
  return (
    <div className="screen">
      <div className="screen__head">
        <h1>{t('decisions.title')}</h1>
      </div>
      {!dashboard ? (
        <p role="status" aria-busy="true">
          {t('common.loading')}
        </p>
      ) : dashboard.decisions ? (
        <DecisionList items={dashboard.decisions} serverOffsetMs={serverOffsetMs} />
      ) : (
        <p>{t('decisions.notForRole')}</p>
      )}
    </div>
  );
}
