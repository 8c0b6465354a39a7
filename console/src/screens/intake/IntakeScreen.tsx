/**
 * Intake: the revised report as a guided form (identity, description, last seen, circumstances,
 * investigation profile, guardian and consents, photos, then review). It saves itself as a draft in
 * this browser on every change — a lost connection, a reload or an expired session loses nothing —
 * shows the assessment as soon as the facts allow it, warns of possible duplicates while the names are
 * typed, and on "open the case" creates it, uploads the photos and records the officer's safety
 * judgement.
 */
import { useMemo, useState } from 'react';
import { assessCase as assessPreview } from '../../../../src/domain/case/assessment.ts';
import { validateCaseRecord } from '../../../../src/domain/case/case-validation.ts';
import type { FieldError } from '../../../../src/domain/errors.ts';
import { ApiError } from '../../api/client.ts';
import { assessCase, openCase, uploadPhoto } from '../../api/endpoints.ts';
import { navigate } from '../../app/router.ts';
import { useSession } from '../../app/session.tsx';
import { useDraft } from '../../drafts/useDraft.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { CheckBox } from '../../ui/Field.tsx';
import { Problem } from '../../ui/Problem.tsx';
import { AssessmentPanel } from '../case/AssessmentPanel.tsx';
import { makeBinder } from './binder.ts';
import { ChildSection } from './ChildSection.tsx';
import { CircumstancesSection } from './CircumstancesSection.tsx';
import { DescriptionSection } from './DescriptionSection.tsx';
import { DuplicateWarnings } from './DuplicateWarnings.tsx';
import { assessable, emptyIntake, toCaseRecord, type IntakeForm } from './form-model.ts';
import { InvestigationSection } from './InvestigationSection.tsx';
import { LastSeenSection } from './LastSeenSection.tsx';
import { PhotoSection, type ChosenPhoto } from './PhotoSection.tsx';
import { ReporterSection } from './ReporterSection.tsx';
import { ReviewSection } from './ReviewSection.tsx';

export const INTAKE_DRAFT = 'intake';

export function IntakeScreen() {
  const { t, dateTime } = useI18n();
  const { user } = useSession();
  const [form, setForm, draft] = useDraft<IntakeForm>(user.id, INTAKE_DRAFT, () => emptyIntake());
  const [photos, setPhotos] = useState<ChosenPhoto[]>([]);
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const wordings = useMemo(() => ({ name: t('consent.nameWording'), photo: t('consent.photoWording') }), [t]);
  const record = useMemo(() => toCaseRecord(form, wordings, photos), [form, wordings, photos]);
  const problems: FieldError[] = useMemo(() => validateCaseRecord(record, new Date()), [record]);
  const serverErrors = error instanceof ApiError ? error.errors.map((e) => ({ field: e.field.replace(/^body\/record/, ''), message: e.message })) : [];
  const b = makeBinder(form, setForm, showErrors ? [...problems, ...serverErrors] : null, t);

  // The assessment shows as soon as the child's sex and age (or birth date) are known.
  const canAssess = form.child.sex !== '' && (form.child.ageYears.trim() !== '' || form.child.birthDate !== '');
  const preview = useMemo(
    () => (canAssess ? assessPreview(assessable(record), new Date(), { publishingEndangersChild: form.endangers === '' ? null : form.endangers === 'yes' }) : null),
    [canAssess, record, form.endangers],
  );

  const submit = async () => {
    setShowErrors(true);
    setError(null);
    if (problems.length > 0) {
      document.getElementById('review-problems')?.focus();
      return;
    }
    setBusy('create');
    try {
      const created = await openCase(toCaseRecord(form, wordings), form.exercise);
      // The case exists: the draft must not create it a second time.
      draft.clear();
      const id = created.case.id;
      setBusy('photos');
      for (const p of photos) await uploadPhoto(id, p.file, p.publishable);
      if (form.endangers !== '') {
        setBusy('assess');
        await assessCase(id, form.endangers === 'yes');
      }
      navigate(`/cases/${id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const sections: { id: string; label: string }[] = [
    { id: 'section-child', label: t('intake.s1') },
    { id: 'section-description', label: t('intake.s2') },
    { id: 'section-last-seen', label: t('intake.s3') },
    { id: 'section-circumstances', label: t('intake.s4') },
    { id: 'section-investigation', label: t('intake.s5') },
    { id: 'section-reporter', label: t('intake.s6') },
    { id: 'section-photos', label: t('intake.s7') },
    { id: 'section-review', label: t('intake.s8') },
  ];

  return (
    <div className="screen intake">
      <div className="screen__head">
        <h1>{t('intake.title')}</h1>
        <p className="muted" role="status" data-testid="draft-status">
          {draft.storageFailed ? t('draft.failed') : draft.savedAt ? t('draft.savedAt', { at: dateTime(draft.savedAt) }) : t('draft.none')}
        </p>
      </div>
      {draft.restored ? (
        <p className="notice notice--ok" role="status" data-testid="draft-restored">
          {t('draft.restored')}{' '}
          <button type="button" className="button button--small" onClick={() => draft.clear()}>
            {t('draft.discard')}
          </button>
        </p>
      ) : null}
      <div className="intake__layout">
        <nav className="toc" aria-label={t('intake.sections')}>
          <ol>
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.label}</a>
              </li>
            ))}
          </ol>
        </nav>
        <form className="intake__form" onSubmit={(e) => e.preventDefault()} noValidate>
          <CheckBox label={t('intake.exercise')} checked={form.exercise} onChange={(exercise) => setForm((f) => ({ ...f, exercise }))} hint={t('intake.exerciseHint')} />
          <ChildSection b={b} />
          <DuplicateWarnings names={[form.child.givenNameLatin || form.child.givenNameAr, form.child.familyNameLatin || form.child.familyNameAr]} />
          <DescriptionSection b={b} />
          <LastSeenSection b={b} />
          <CircumstancesSection b={b} />
          <InvestigationSection b={b} />
          <ReporterSection b={b} />
          <PhotoSection photos={photos} onChange={setPhotos} />
          <ReviewSection b={b} problems={showErrors ? problems : []} busy={busy} onSubmit={() => void submit()} />
          {error ? <Problem error={error} /> : null}
        </form>
        <aside className="intake__side" aria-label={t('assessment.title')}>
          {preview ? <AssessmentPanel assessment={preview} title={t('assessment.preview')} live /> : <p className="panel muted">{t('assessment.waiting')}</p>}
        </aside>
      </div>
    </div>
  );
}
