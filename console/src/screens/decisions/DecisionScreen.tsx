/**
 * One alert awaiting decisions: the case as the decider may see it, the assessment, the alert's texts
 * and zone, the chain so far, and — when the next step is mine — approve or refuse with a reason (the
 * prosecutor liaison records the prosecutor's decision; the central command room may take the
 * urgent path, after which the prosecutor's decision is due with a countdown).
 */
import { readAlert, readCase } from '../../api/endpoints.ts';
import { useSession } from '../../app/session.tsx';
import { Link } from '../../app/Link.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { alertStateLabel } from '../../i18n/vocab.ts';
import { Problem } from '../../ui/Problem.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { Countdown } from '../../ui/Countdown.tsx';
import { CaseSummary } from '../case/CaseSummary.tsx';
import { AlertTextsView } from '../alert-board/AlertTextsView.tsx';
import { ChainView } from './ChainView.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { UrgentForm } from './UrgentForm.tsx';
import { myStep, urgentRecord } from './alert-steps.ts';

export function DecisionScreen({ alertId }: { readonly alertId: string }) {
  const { t, lang } = useI18n();
  const { user, can } = useSession();
  const alert = useAsync(() => readAlert(alertId), [alertId]);
  const caseId = alert.value?.caseId;
  const file = useAsync(async () => (caseId ? readCase(caseId, 'console: alert decision') : null), [caseId]);

  if (alert.error) return <Problem error={alert.error} />;
  const a = alert.value;
  if (!a) return <p role="status" aria-busy="true">{t('common.loading')}</p>;
  const step = myStep(a, user);
  const urgent = urgentRecord(a);
  const mayUrgent = can('alert.urgent_publish') && a.state === 'awaiting_decisions' && !urgent && a.request?.by.id !== user.id;

  return (
    <div className="screen decision">
      <div className="screen__head">
        <h1>{t('decision.title')}</h1>
        <p className="state" data-testid="alert-state" data-state={a.state}>
          {alertStateLabel(a.state, lang)}
          {a.exercise ? <span className="tag">{t('common.exercise')}</span> : null}
        </p>
        {a.state === 'active' || a.state === 'ended' ? <Link to={`/alerts/${a.id}`}>{t('decision.toBoard')}</Link> : null}
      </div>
      {a.prosecutor.status === 'pending' && a.prosecutor.dueAt ? (
        <p className="notice notice--warn" role="status">
          {t('decision.prosecutorDue')} <Countdown dueAt={a.prosecutor.dueAt} />
        </p>
      ) : null}
      {a.prosecutor.status === 'overdue' ? (
        <p className="notice notice--alarm" role="alert">
          {t('decision.prosecutorOverdue')} <Countdown dueAt={a.prosecutor.dueAt} />
        </p>
      ) : null}
      <div className="two-columns">
        <div>
          {file.error ? <Problem error={file.error} /> : file.value ? <CaseSummary response={file.value} /> : <p role="status">{t('common.loading')}</p>}
          <AlertTextsView texts={a.draft.texts} />
        </div>
        <div>
          <ChainView alert={a} />
          {step ? <DecisionForm alert={a} step={step} onDecided={alert.reload} /> : <p className="muted" data-testid="no-step">{t('decision.notYourStep')}</p>}
          {mayUrgent ? <UrgentForm alert={a} onDone={alert.reload} /> : null}
        </div>
      </div>
    </div>
  );
}
