/**
 * A case as its reader may see it: the whole file for the case officer (and deciders of the
 * jurisdiction), the public summary for other staff. Restricted parts are shown only when the server
 * sent them; nothing here asks for more.
 */
import type { CaseResponse } from '../../api/types.ts';
import type { CaseRecord } from '../../../../src/domain/case/case-record.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { caseStatusLabel, vocabLabel } from '../../i18n/vocab.ts';
import { AssessmentPanel } from './AssessmentPanel.tsx';
import { childName } from './case-labels.ts';

function Row({ label, value }: { readonly label: string; readonly value: string | null | undefined }) {
  if (value === null || value === undefined || value === '') return null;
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function CaseSummary({ response }: { readonly response: CaseResponse }) {
  const { t, lang, dateTime } = useI18n();
  const meta = response.case;
  const full = response.audience === 'case_officer' ? response.record : null;
  const rec = response.record as Partial<CaseRecord>;
  const child = rec.child;
  return (
    <section className="panel case-summary" aria-labelledby="case-summary-title" data-audience={response.audience}>
      <h2 id="case-summary-title">
        <span dir="ltr">{meta.reference}</span> · {caseStatusLabel(meta.status, lang)}
        {meta.exercise ? <span className="tag">{t('common.exercise')}</span> : null}
      </h2>
      {response.audience === 'other_staff' ? <p className="notice" data-testid="summary-only">{t('case.summaryOnly')}</p> : null}
      <dl className="facts">
        <Row label={t('case.child')} value={childName(rec, lang) ?? t('case.nameWithheld')} />
        <Row label={t('intake.sex')} value={child?.sex ? vocabLabel('sex', child.sex, lang) : null} />
        <Row label={t('intake.age')} value={typeof child?.ageYears === 'number' ? String(child.ageYears) : null} />
        <Row label={t('intake.birthDate')} value={full?.child.birthDate ?? null} />
        <Row label={t('intake.height')} value={typeof child?.heightCm === 'number' ? `${child.heightCm} cm` : null} />
        <Row label={t('case.lastSeenAt')} value={dateTime(meta.lastSeenAt)} />
        <Row label={t('case.sinceLastSeen')} value={meta.sinceLastSeen[lang]} />
        <Row label={t('intake.area')} value={[rec.lastSeen?.area?.neighbourhood, rec.lastSeen?.area?.commune].filter(Boolean).join(', ') || null} />
        <Row label={t('intake.address')} value={full?.lastSeen.address ?? null} />
        <Row label={t('intake.clothing')} value={child?.clothing?.items?.map((i) => (i?.garment ? vocabLabel('garment', i.garment, lang) : '')).join(', ') || null} />
        <Row label={t('intake.indicators')} value={full?.circumstances.indicators.map((i) => vocabLabel('circumstance', i, lang)).join(', ') || null} />
        <Row label={t('intake.narrative')} value={full?.circumstances.narrative ?? null} />
        <Row label={t('intake.reporter')} value={full ? `${full.reporter.givenName} ${full.reporter.familyName} (${vocabLabel('relation', full.reporter.relation, lang)})` : null} />
      </dl>
      {response.audience === 'case_officer' && response.assessment ? <AssessmentPanel assessment={response.assessment} /> : null}
    </section>
  );
}
