/**
 * The activation assessment: eligible or not, the priority, and each criterion (minor, worrying
 * circumstances, description, consent, safety) with the reason in the reader's language.
 */
import type { AssessmentView } from '../../api/types.ts';
import { useI18n, type TextKey } from '../../i18n/i18n.tsx';

const CRITERIA: readonly { key: string; label: TextKey }[] = [
  { key: 'minor', label: 'assessment.minor' },
  { key: 'worrying', label: 'assessment.worrying' },
  { key: 'description', label: 'assessment.description' },
  { key: 'consent', label: 'assessment.consent' },
  { key: 'safety', label: 'assessment.safety' },
];

const PRIORITY: Readonly<Record<string, TextKey>> = { critical: 'assessment.critical', high: 'assessment.high', normal: 'assessment.normal' };

export function AssessmentPanel({ assessment, title, live }: { readonly assessment: AssessmentView; readonly title?: string; readonly live?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <section className={`panel assessment assessment--${assessment.eligible ? 'eligible' : 'not-eligible'}`} aria-labelledby="assessment-title" aria-live={live ? 'polite' : undefined} data-testid="assessment" data-eligible={assessment.eligible}>
      <h2 id="assessment-title">{title ?? t('assessment.title')}</h2>
      <p className="assessment__verdict">
        <strong>{assessment.eligible ? t('assessment.eligible') : t('assessment.notEligible')}</strong> · {t('assessment.priority')}:{' '}
        <span className={`priority priority--${assessment.priority}`}>{t(PRIORITY[assessment.priority] ?? 'assessment.normal')}</span>
      </p>
      {assessment.override ? <p className="notice">{t('assessment.overridden', { reason: assessment.override.reason })}</p> : null}
      <ul className="criteria">
        {CRITERIA.map((c) => {
          const r = assessment.criteria[c.key];
          if (!r) return null;
          const state = r.met === true ? 'met' : r.met === false ? 'unmet' : 'unknown';
          return (
            <li key={c.key} className={`criteria__item criteria__item--${state}`} data-criterion={c.key} data-state={state}>
              <span className="criteria__mark" aria-hidden="true">
                {state === 'met' ? '✓' : state === 'unmet' ? '✗' : '?'}
              </span>
              <strong>{t(c.label)}</strong> <span className="visually-hidden">{t(`assessment.${state}`)}</span> — {r.reason[lang]}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
