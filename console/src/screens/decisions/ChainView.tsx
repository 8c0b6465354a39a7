/** The decision chain so far: each required step, who decided what and when, and the urgent path if taken. */
import type { AlertView } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { roleLabel, stepLabel } from '../../i18n/vocab.ts';
import { chainOf, urgentRecord } from './alert-steps.ts';

export function ChainView({ alert }: { readonly alert: AlertView }) {
  const { t, lang, dateTime } = useI18n();
  const urgent = urgentRecord(alert);
  return (
    <section className="panel" aria-labelledby="chain-title">
      <h2 id="chain-title">{t('decision.chain')}</h2>
      {alert.request ? <p className="muted">{t('decision.requestedBy', { role: roleLabel(alert.request.by.role, lang), at: dateTime(alert.request.at) })}</p> : <p className="muted">{t('decision.notRequested')}</p>}
      <ol className="chain" data-testid="chain">
        {chainOf(alert).map((s) => (
          <li key={s.step} className={`chain__step chain__step--${s.decision ? s.decision.outcome : s.current ? 'current' : 'waiting'}`} data-step={s.step} data-outcome={s.decision?.outcome ?? (s.current ? 'current' : 'waiting')}>
            <strong>{stepLabel(s.step, lang)}</strong>{' '}
            {s.decision ? (
              <span>
                {s.decision.outcome === 'approved' ? t('decision.approved') : t('decision.refused')} · {dateTime(s.decision.at)}
                {s.decision.reason ? <q className="reason">{s.decision.reason}</q> : null}
              </span>
            ) : s.current ? (
              <span>{t('decision.waiting')}</span>
            ) : (
              <span className="muted">{t('decision.later')}</span>
            )}
          </li>
        ))}
        {urgent ? (
          <li className="chain__step chain__step--urgent">
            <strong>{stepLabel('urgent_publication', lang)}</strong> · {dateTime(urgent.at)}
            {urgent.reason ? <q className="reason">{urgent.reason}</q> : null}
          </li>
        ) : null}
      </ol>
    </section>
  );
}
