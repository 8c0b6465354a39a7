/**
 * The dashboard: decisions waiting for me, open cases with the time since each child was last seen,
 * alerts by state and channels in trouble — live from the server, without a refresh button.
 */
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Link } from '../../app/Link.tsx';
import { useLiveDashboard } from '../../live/useLiveDashboard.ts';
import { DecisionList } from './DecisionList.tsx';
import { OpenCases } from './OpenCases.tsx';
import { AlertsByState } from './AlertsByState.tsx';
import { ChannelTrouble } from './ChannelTrouble.tsx';
import { TipsWaiting } from './TipsWaiting.tsx';

export function DashboardScreen() {
  const { t } = useI18n();
  const { can } = useSession();
  const { dashboard, status, serverOffsetMs } = useLiveDashboard();

  return (
    <div className="screen dashboard">
      <div className="screen__head">
        <h1>{t('dashboard.title')}</h1>
        <p className={`live live--${status}`} role="status" data-testid="live-status" data-status={status}>
          {status === 'live' ? t('live.live') : status === 'connecting' ? t('live.connecting') : status === 'stopped' ? t('live.stopped') : t('live.reconnecting')}
        </p>
        {can('case.create') ? (
          <Link to="/cases/new" className="button button--primary">
            {t('nav.intake')}
          </Link>
        ) : null}
      </div>
      {!dashboard ? (
        <p role="status" aria-busy="true">
          {t('common.loading')}
        </p>
      ) : (
        <div className="dashboard__grid">
          {dashboard.decisions ? <DecisionList items={dashboard.decisions} serverOffsetMs={serverOffsetMs} /> : null}
          {dashboard.tips ? <TipsWaiting tips={dashboard.tips} /> : null}
          {dashboard.openCases ? <OpenCases cases={dashboard.openCases} generatedAt={dashboard.generatedAt} serverOffsetMs={serverOffsetMs} /> : null}
          {dashboard.alerts ? <AlertsByState alerts={dashboard.alerts} /> : null}
          {dashboard.channels ? <ChannelTrouble items={dashboard.channels} /> : null}
          {!dashboard.openCases && !dashboard.alerts && !dashboard.decisions ? <p>{t('dashboard.nothingForRole')}</p> : null}
        </div>
      )}
    </div>
  );
}
