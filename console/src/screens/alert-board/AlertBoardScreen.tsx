/**
 * The alert board: where the alert stands, per channel and version the status and counts (live), the
 * dead letters with a retry, and — while the alert runs — "child found", which ends the alert
 * everywhere and closes the case, after which the retraction's progress shows per channel; beside it
 * an Update, a withdrawal and (central command) a renewal.
 */
import { ApiError } from '../../api/client.ts';
import { Link } from '../../app/Link.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { alertStateLabel } from '../../i18n/vocab.ts';
import { useLiveStream } from '../../live/useLiveStream.ts';
import { Countdown } from '../../ui/Countdown.tsx';
import { Problem } from '../../ui/Problem.tsx';
import type { BoardView } from './board-types.ts';
import { ChannelTable } from './ChannelTable.tsx';
import { DeadLetters } from './DeadLetters.tsx';
import { FoundAction } from './FoundAction.tsx';
import { AlertActions } from './AlertActions.tsx';

export function AlertBoardScreen({ alertId }: { readonly alertId: string }) {
  const { t, lang, dateTime } = useI18n();
  const { can } = useSession();
  const live = useLiveStream<BoardView>(`/api/live/events?alert=${encodeURIComponent(alertId)}`, 'board');

  if (live.problem) return <Problem error={new ApiError(live.problem === 'not_found' ? 404 : 403, live.problem, '')} />;
  const board = live.value;
  if (!board) return <p role="status" aria-busy="true">{t('common.loading')}</p>;
  const a = board.alert;
  const retracting = board.distribution.some((d) => d.action === 'retract');

  return (
    <div className="screen board">
      <div className="screen__head">
        <h1>
          {t('board.title')} <span dir="ltr">{a.publicId}</span>
        </h1>
        <p className={`state state--${a.state}`} data-testid="alert-state" data-state={a.state}>
          {alertStateLabel(a.state, lang)}
          {a.endOutcome ? ` · ${t(a.endOutcome === 'found' ? 'board.endedFound' : 'board.endedOther')}` : ''}
          {a.exercise ? <span className="tag">{t('common.exercise')}</span> : null}
        </p>
        <p className={`live live--${live.status}`} role="status" data-testid="live-status" data-status={live.status}>
          {live.status === 'live' ? t('live.live') : t('live.reconnecting')}
        </p>
      </div>
      <dl className="facts facts--inline">
        <div className="facts__row">
          <dt>{t('board.case')}</dt>
          <dd>
            <Link to={`/cases/${a.caseId}`}>{t('board.openCase')}</Link>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('board.published')}</dt>
          <dd>{dateTime(a.publishedAt)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('board.expires')}</dt>
          <dd>{dateTime(a.expiresAt)}</dd>
        </div>
        {a.publicUrl && a.state === 'active' ? (
          <div className="facts__row">
            <dt>{t('board.publicPage')}</dt>
            <dd>
              <a href={new URL(a.publicUrl).pathname} target="_blank" rel="noreferrer noopener" dir="ltr">
                {new URL(a.publicUrl).pathname}
              </a>
            </dd>
          </div>
        ) : null}
        {a.prosecutor.status === 'pending' && a.prosecutor.dueAt ? (
          <div className="facts__row">
            <dt>{t('decision.prosecutorDue')}</dt>
            <dd>
              <Countdown dueAt={a.prosecutor.dueAt} />
            </dd>
          </div>
        ) : null}
      </dl>
      {a.state === 'draft' && can('alert.edit') ? (
        <p>
          <Link to={`/alerts/${a.id}/compose`} className="button">
            {t('board.compose')}
          </Link>
        </p>
      ) : null}
      {a.state === 'awaiting_decisions' ? (
        <p>
          <Link to={`/decisions/${a.id}`}>{t('board.toDecisions')}</Link>
        </p>
      ) : null}
      {/* FoundAction hides itself once the alert has ended, except for its own "done" notice. */}
      {can('alert.end') && can('case.close') ? <FoundAction alert={a} /> : null}
      <AlertActions alert={a} />
      {retracting ? (
        <p className="notice notice--ok" role="status" data-testid="retraction">
          {t('board.retraction')}
        </p>
      ) : null}
      <ChannelTable items={board.distribution} />
      <DeadLetters alertId={a.id} items={board.deadLetters} mayRetry={can('alert.retry_delivery')} />
    </div>
  );
}
