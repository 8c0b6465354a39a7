/**
 * A case file. The case officer (and deciders of the jurisdiction) see the whole file with its
 * assessment, possible duplicates and photos, can record the safety judgement, edit the file (with a
 * clear conflict when someone else saved first), draft an alert and follow it; other staff see the
 * public summary only.
 */
import { useState } from 'react';
import { assessCase, createAlert, listAlerts, readCase } from '../../api/endpoints.ts';
import type { CaseResponse } from '../../api/types.ts';
import { Link } from '../../app/Link.tsx';
import { navigate } from '../../app/router.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { alertStateLabel } from '../../i18n/vocab.ts';
import { Problem } from '../../ui/Problem.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { CaseEditor, editDraftName } from './CaseEditor.tsx';
import { CasePhotos } from './CasePhotos.tsx';
import { CaseSummary } from './CaseSummary.tsx';
import { loadDraft } from '../../drafts/drafts.ts';

export function CaseScreen({ id }: { readonly id: string }) {
  const { t, lang } = useI18n();
  const { user, can } = useSession();
  const file = useAsync(() => readCase(id, 'console: case file'), [id]);
  const alerts = useAsync(async () => (can('alert.read') ? (await listAlerts([])).items.filter((a) => a.caseId === id) : []), [id]);
  const [editing, setEditing] = useState(() => loadDraft(user.id, editDraftName(id)) !== null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (file.error) return <Problem error={file.error} />;
  const r: CaseResponse | undefined = file.value;
  if (!r) return <p role="status" aria-busy="true">{t('common.loading')}</p>;
  const full = r.audience === 'case_officer';
  const openAlert = alerts.value?.find((a) => a.state === 'draft' || a.state === 'awaiting_decisions' || a.state === 'active');
  const safetyUnknown = full && r.assessment?.criteria['safety']?.met === 'unknown';

  return (
    <div className="screen case">
      <div className="screen__head">
        <h1>
          {t('case.title')} <span dir="ltr">{r.case.reference}</span>
        </h1>
        <p className="muted">{r.case.sinceLastSeen[lang]}</p>
      </div>
      {error ? <Problem error={error} /> : null}
      {editing && full ? (
        <CaseEditor
          response={r}
          onSaved={(saved) => {
            setEditing(false);
            if (saved) file.replace(saved);
            else file.reload();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="two-columns">
          <div>
            <CaseSummary response={r} />
            {full && r.possibleDuplicates?.length ? (
              <section className="notice notice--warn" data-testid="case-duplicates">
                <strong>{t('intake.duplicates')}</strong>
                <ul>
                  {r.possibleDuplicates.map((d) => (
                    <li key={d.id}>
                      <Link to={`/cases/${d.id}`} dir="ltr">
                        {d.reference}
                      </Link>{' '}
                      {Math.round(d.nameScore * 100)}%{d.sameBirthDate ? ` · ${t('case.sameBirthDate')}` : ''}
                      {d.samePlace ? ` · ${t('case.samePlace')}` : ''}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {full ? <CasePhotos caseId={id} /> : null}
          </div>
          <div>
            <section className="panel" aria-labelledby="case-actions">
              <h2 id="case-actions">{t('case.actions')}</h2>
              {full && can('case.update') && r.case.status !== 'closed' ? (
                <button type="button" className="button" onClick={() => setEditing(true)} data-testid="edit-case">
                  {t('case.edit')}
                </button>
              ) : null}
              {safetyUnknown && can('case.update') ? (
                <div className="actions" role="group" aria-label={t('intake.endangers')}>
                  <p>{t('intake.endangers')}</p>
                  <button type="button" className="button" disabled={busy} onClick={() => void act(async () => (await assessCase(id, false), file.reload()))} data-testid="safe-to-publish">
                    {t('intake.endangersNo')}
                  </button>
                  <button type="button" className="button" disabled={busy} onClick={() => void act(async () => (await assessCase(id, true), file.reload()))}>
                    {t('intake.endangersYes')}
                  </button>
                </div>
              ) : null}
              {openAlert ? (
                <p>
                  <Link to={openAlert.state === 'awaiting_decisions' ? `/decisions/${openAlert.id}` : `/alerts/${openAlert.id}`} data-testid="case-alert">
                    {t('case.alert', { state: alertStateLabel(openAlert.state, lang) })}
                  </Link>
                </p>
              ) : full && can('alert.create') && r.case.status === 'open' ? (
                <button
                  type="button"
                  className="button button--primary"
                  disabled={busy || !r.assessment?.eligible}
                  onClick={() => void act(async () => navigate(`/alerts/${(await createAlert(id)).id}/compose`))}
                  data-testid="draft-alert"
                >
                  {t('case.draftAlert')}
                </button>
              ) : null}
              {full && !r.assessment?.eligible && !openAlert && r.case.status === 'open' ? <p className="field__hint">{t('case.notEligible')}</p> : null}
              {can('tip.read') && alerts.value?.some((a) => a.state === 'active' || a.state === 'ended') ? (
                <p>
                  <Link to={`/cases/${id}/tips`} data-testid="case-tips">
                    {t('tips.title')}
                  </Link>
                </p>
              ) : null}
              {alerts.value?.filter((a) => a !== openAlert).map((a) => (
                <p key={a.id} className="muted">
                  <Link to={`/alerts/${a.id}`}>{t('case.alert', { state: alertStateLabel(a.state, lang) })}</Link>
                </p>
              ))}
            </section>
          </div>
        </div>
      )}
    </div>
  );
}
