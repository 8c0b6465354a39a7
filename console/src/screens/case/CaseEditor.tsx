/**
 * Editing a case file. The edit is a draft of this user (so an expired session loses nothing) that
 * remembers the version it started from; saving names that version, and if someone else saved in
 * between the server refuses. The officer is told so plainly and chooses: apply their changes onto
 * the newer version (a three-way merge that keeps the other officer's changes and lists the fields
 * both changed, to check before saving again) or drop them — never a silent overwrite.
 */
import { useMemo, useState } from 'react';
import type { CaseRecord, ConsentRecord } from '../../../../src/domain/case/case-record.ts';
import { validateCaseRecord } from '../../../../src/domain/case/case-validation.ts';
import { ApiError } from '../../api/client.ts';
import { readCase, updateCase } from '../../api/endpoints.ts';
import type { CaseResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { useDraft } from '../../drafts/useDraft.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Problem } from '../../ui/Problem.tsx';
import { makeBinder } from '../intake/binder.ts';
import { merge3 } from './merge.ts';
import { ChildSection } from '../intake/ChildSection.tsx';
import { CircumstancesSection } from '../intake/CircumstancesSection.tsx';
import { DescriptionSection } from '../intake/DescriptionSection.tsx';
import { fromCaseRecord, toCaseRecord, type IntakeForm } from '../intake/form-model.ts';
import { InvestigationSection } from '../intake/InvestigationSection.tsx';
import { LastSeenSection } from '../intake/LastSeenSection.tsx';
import { ReporterSection } from '../intake/ReporterSection.tsx';

export const editDraftName = (caseId: string) => `case-edit.${caseId}`;

interface EditDraft {
  readonly baseVersion: number;
  /** The form as saved at baseVersion: what a merge compares my changes with. */
  readonly base: IntakeForm;
  readonly form: IntakeForm;
}

/** What the form does not edit stays as stored: photos, the prosecutor's decision, consents answered the same way. */
function mergeForUpdate(original: CaseRecord, edited: CaseRecord): CaseRecord {
  const keep = (o: ConsentRecord | null, e: ConsentRecord | null) => (o && e && o.given === e.given ? o : e);
  return {
    ...edited,
    child: { ...edited.child, photos: original.child.photos },
    reporter: { ...edited.reporter, consents: { publishName: keep(original.reporter.consents.publishName, edited.reporter.consents.publishName), publishPhoto: keep(original.reporter.consents.publishPhoto, edited.reporter.consents.publishPhoto) } },
    prosecutor: original.prosecutor,
  };
}

export function CaseEditor({ response, onSaved, onCancel }: { readonly response: Extract<CaseResponse, { audience: 'case_officer' }>; onSaved: (saved: CaseResponse | null) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { user } = useSession();
  const caseId = response.case.id;
  const [draft, setDraft, control] = useDraft<EditDraft>(user.id, editDraftName(caseId), () => {
    const form = fromCaseRecord(response.record);
    return { baseVersion: response.case.version, base: form, form };
  });
  const [bothChanged, setBothChanged] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<CaseResponse | null>(null);
  const wordings = useMemo(() => ({ name: t('consent.nameWording'), photo: t('consent.photoWording') }), [t]);
  const record = useMemo(() => mergeForUpdate(response.record, toCaseRecord(draft.form, wordings)), [response.record, draft.form, wordings]);
  const problems = useMemo(() => validateCaseRecord(record, new Date()), [record]);
  const b = makeBinder(draft.form, (update) => setDraft((d) => ({ ...d, form: update(d.form) })), problems.length ? problems : null, t);

  const save = async (version: number) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await updateCase(caseId, version, record);
      control.clear();
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict') {
        // Someone else saved first: show it, keep every change of ours in the draft.
        setConflict(await readCase(caseId, 'console: edit conflict').catch(() => null));
      }
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="case-editor" onSubmit={(e) => e.preventDefault()} noValidate aria-labelledby="edit-title">
      <h2 id="edit-title">{t('case.editing', { version: draft.baseVersion })}</h2>
      {control.restored ? (
        <p className="notice notice--ok" role="status">
          {t('draft.restored')}
        </p>
      ) : null}
      {conflict || (error instanceof ApiError && error.code === 'conflict') ? (
        <div className="problem problem--conflict" role="alert" data-testid="conflict">
          <p className="problem__title">{t('conflict.title')}</p>
          <p>{t('conflict.text', { yours: draft.baseVersion, theirs: conflict?.case.version ?? '?' })}</p>
          <p>{t('conflict.mergeExplain')}</p>
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              disabled={busy || !conflict}
              onClick={() => {
                if (conflict?.audience !== 'case_officer') return;
                const theirs = fromCaseRecord(conflict.record);
                const merged = merge3(draft.base, draft.form, theirs);
                setDraft({ baseVersion: conflict.case.version, base: theirs, form: merged.value });
                setBothChanged(merged.conflicts);
                setConflict(null);
                setError(null);
              }}
              data-testid="conflict-rebase"
            >
              {t('conflict.keepMine')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                control.clear();
                onSaved(null);
              }}
              data-testid="conflict-discard"
            >
              {t('conflict.takeTheirs')}
            </button>
          </div>
        </div>
      ) : error ? (
        <Problem error={error} />
      ) : null}
      {bothChanged.length ? (
        <div className="notice notice--warn" role="status" data-testid="merged">
          <p>{t('conflict.merged')}</p>
          <ul>
            {bothChanged.map((f) => (
              <li key={f}>
                <code dir="ltr">{f}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ChildSection b={b} />
      <DescriptionSection b={b} />
      <LastSeenSection b={b} />
      <CircumstancesSection b={b} />
      <InvestigationSection b={b} />
      <ReporterSection b={b} />
      <div className="actions sticky-actions">
        <button type="button" className="button button--primary" disabled={busy || problems.length > 0 || conflict !== null} onClick={() => void save(draft.baseVersion)} data-testid="save-case">
          {busy ? t('common.wait') : t('case.save')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            control.clear();
            onCancel();
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
