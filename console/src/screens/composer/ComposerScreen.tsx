/**
 * The alert composer: the generated texts in Arabic, French and Tamazight, each field editable with
 * its length limit; previews of every channel; the zone on the offline map with its growth over time,
 * provinces and regions to add, polygons to draw; then "request the decisions". On an active alert the
 * same screen prepares an Update (new photo, a sighting in the texts, a wider zone): only what changed
 * is sent, as the kind of update the officer names. The expiry moves only by a renewal, on the board.
 */
import { useEffect, useMemo, useState } from 'react';
import type { RadiusInput } from '../../../../src/domain/zone/zone-radius.ts';
import { ApiError } from '../../api/client.ts';
import { editAlertDraft, publishAlertUpdate, readAlert, readCase, requestAlert } from '../../api/endpoints.ts';
import type { AlertDraftView, AlertView, CaseResponse } from '../../api/types.ts';
import { Link } from '../../app/Link.tsx';
import { navigate } from '../../app/router.ts';
import { useSession } from '../../app/session.tsx';
import { useDraft } from '../../drafts/useDraft.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { alertStateLabel, updateKindLabel } from '../../i18n/vocab.ts';
import { SelectField } from '../../ui/Field.tsx';
import { UPDATE_KINDS, type UpdateKind } from '../../../../src/domain/alert/alert-vocabulary.ts';
import { Problem } from '../../ui/Problem.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { TextsEditor } from './TextsEditor.tsx';
import { Previews } from './Previews.tsx';
import { ZoneEditor } from './ZoneEditor.tsx';

interface ComposerDraft {
  readonly revision: number;
  readonly draft: AlertDraftView;
}

/** The facts the server's zone growth follows (age, vehicle, time since last seen), when the case file is readable. */
function radiusInputOf(file: CaseResponse | null | undefined, now: number): RadiusInput | null {
  if (!file || file.audience !== 'case_officer') return null;
  const age = file.record.child.ageYears;
  if (age === null || age >= 18) return null;
  return {
    ageYears: age,
    vehicleInvolved: file.record.vehicle !== null || file.record.circumstances.indicators.includes('vehicle_involved'),
    minutesSinceLastSeen: Math.max(0, Math.round((now - Date.parse(file.record.lastSeen.at)) / 60_000)),
  };
}

type UpdateChanges = Partial<Omit<AlertDraftView, 'durationHours'>>;

/** The fields of the draft that differ from the alert as published. */
export function changedFields(work: AlertDraftView, published: AlertDraftView): UpdateChanges {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return {
    ...(same(work.texts, published.texts) ? {} : { texts: work.texts }),
    ...(same(work.freeText, published.freeText) ? {} : { freeText: work.freeText }),
    ...(same(work.zone, published.zone) ? {} : { zone: work.zone }),
    ...(work.photoId === published.photoId ? {} : { photoId: work.photoId }),
  };
}

/** The kind an update most likely is, from what changed: the officer may say otherwise. */
export function likelyKind(changes: UpdateChanges): UpdateKind {
  if (changes.photoId !== undefined) return 'photo';
  if (changes.zone) return 'zone';
  return 'text';
}

function UpdateComposer({ alert }: { readonly alert: AlertView }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const [work, setWork, control] = useDraft<ComposerDraft>(user.id, `update.${alert.id}`, () => ({ revision: alert.revision, draft: alert.draft }));
  const [kind, setKind] = useState<UpdateKind | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const changes = changedFields(work.draft, alert.draft);
  const changed = Object.keys(changes).length > 0;
  const setDraft = (update: (d: AlertDraftView) => AlertDraftView) => setWork((w) => ({ ...w, draft: update(w.draft) }));

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await publishAlertUpdate(alert.id, kind ?? likelyKind(changes), changes);
      control.clear();
      navigate(`/alerts/${alert.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="screen composer">
      <div className="screen__head">
        <h1>{t('update.title')}</h1>
        <p className="state" data-testid="alert-state" data-state={alert.state}>
          {alertStateLabel(alert.state, lang)}
        </p>
      </div>
      <p className="muted">{t('update.intro')}</p>
      {error ? <Problem error={error} /> : null}
      <TextsEditor texts={work.draft.texts} onChange={(texts) => setDraft((d) => ({ ...d, texts }))} />
      <ZoneEditor zone={work.draft.zone} onChange={(zone) => setDraft((d) => ({ ...d, zone }))} durationHours={work.draft.durationHours} radiusInput={null} />
      <Previews alert={alert} draft={work.draft} />
      <div className="actions sticky-actions">
        <SelectField label={t('update.kind')} value={kind ?? likelyKind(changes)} onChange={(v) => setKind(UPDATE_KINDS.find((k) => k === v) ?? null)} options={UPDATE_KINDS.map((k) => ({ value: k, label: updateKindLabel(k, lang) }))} name="update-kind" />
        <button type="button" className="button button--primary" disabled={busy || !changed} onClick={() => void publish()} data-testid="publish-update">
          {busy ? t('common.wait') : t('update.publish')}
        </button>
        <Link to={`/alerts/${alert.id}`}>{t('decision.toBoard')}</Link>
      </div>
    </div>
  );
}

function Composer({ alert, onChanged }: { readonly alert: AlertView; onChanged: (a: AlertView) => void }) {
  const { t, lang, dateTime } = useI18n();
  const { user } = useSession();
  const [work, setWork, control] = useDraft<ComposerDraft>(user.id, `compose.${alert.id}`, () => ({ revision: alert.revision, draft: alert.draft }));
  const file = useAsync(() => readCase(alert.caseId, 'console: alert composer'), [alert.caseId]);
  const radiusInput = useMemo(() => radiusInputOf(file.value, Date.now()), [file.value]);
  const [busy, setBusy] = useState<'save' | 'request' | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** A conflict on saving the draft means someone else edited it; on requesting, it is the server's own reason. */
  const [failed, setFailed] = useState<'save' | 'request' | null>(null);
  const dirty = JSON.stringify(work.draft) !== JSON.stringify(alert.draft) || work.revision !== alert.revision;

  const save = async (): Promise<AlertView | null> => {
    setBusy('save');
    setError(null);
    try {
      const saved = await editAlertDraft(alert.id, work.revision, { texts: work.draft.texts, freeText: work.draft.freeText, zone: work.draft.zone, photoId: work.draft.photoId, durationHours: work.draft.durationHours });
      control.reset({ revision: saved.revision, draft: saved.draft });
      onChanged(saved);
      return saved;
    } catch (err) {
      setError(err);
      setFailed('save');
      return null;
    } finally {
      setBusy(null);
    }
  };

  const request = async () => {
    const saved = dirty ? await save() : alert;
    if (!saved) return;
    setBusy('request');
    setError(null);
    try {
      await requestAlert(alert.id);
      navigate(`/decisions/${alert.id}`);
    } catch (err) {
      setError(err);
      setFailed('request');
    } finally {
      setBusy(null);
    }
  };

  const setDraft = (update: (d: AlertDraftView) => AlertDraftView) => setWork((w) => ({ ...w, draft: update(w.draft) }));

  return (
    <div className="screen composer">
      <div className="screen__head">
        <h1>{t('composer.title')}</h1>
        <p className="state" data-testid="alert-state" data-state={alert.state}>
          {alertStateLabel(alert.state, lang)}
        </p>
        <p className="muted" role="status">
          {control.savedAt ? t('draft.savedAt', { at: dateTime(control.savedAt) }) : ''}
        </p>
      </div>
      {failed === 'save' && error instanceof ApiError && error.code === 'conflict' ? (
        <div className="problem problem--conflict" role="alert" data-testid="conflict">
          <p className="problem__title">{t('conflict.title')}</p>
          <p>{t('composer.conflict')}</p>
          <button type="button" className="button" onClick={() => setWork((w) => ({ ...w, revision: alert.revision }))}>
            {t('conflict.keepMine')}
          </button>
        </div>
      ) : error ? (
        <Problem error={error} />
      ) : null}
      <TextsEditor texts={work.draft.texts} onChange={(texts) => setDraft((d) => ({ ...d, texts }))} />
      <ZoneEditor zone={work.draft.zone} onChange={(zone) => setDraft((d) => ({ ...d, zone }))} durationHours={work.draft.durationHours} onDuration={(durationHours) => setDraft((d) => ({ ...d, durationHours }))} radiusInput={radiusInput} />
      <Previews alert={alert} draft={work.draft} />
      <div className="actions sticky-actions">
        <button type="button" className="button" disabled={busy !== null || !dirty} onClick={() => void save()} data-testid="save-draft" data-state={busy === 'save' ? 'saving' : dirty ? 'changed' : 'saved'}>
          {busy === 'save' ? t('common.wait') : t('composer.save')}
        </button>
        <button type="button" className="button button--primary" disabled={busy !== null} onClick={() => void request()} data-testid="request-decisions">
          {busy === 'request' ? t('common.wait') : t('composer.request')}
        </button>
        <Link to={`/cases/${alert.caseId}`}>{t('board.openCase')}</Link>
      </div>
    </div>
  );
}

export function ComposerScreen({ alertId }: { readonly alertId: string }) {
  const { t } = useI18n();
  const loaded = useAsync(() => readAlert(alertId), [alertId]);
  const [alert, setAlert] = useState<AlertView | null>(null);
  useEffect(() => {
    if (loaded.value) setAlert(loaded.value);
  }, [loaded.value]);
  if (loaded.error) return <Problem error={loaded.error} />;
  if (!alert) return <p role="status" aria-busy="true">{t('common.loading')}</p>;
  if (alert.state === 'active') return <UpdateComposer alert={alert} />;
  if (alert.state !== 'draft') {
    return (
      <div className="screen">
        <p className="notice">{t('composer.notDraft')}</p>
        <Link to={alert.state === 'awaiting_decisions' ? `/decisions/${alert.id}` : `/alerts/${alert.id}`}>{t('decision.toBoard')}</Link>
      </div>
    );
  }
  return <Composer alert={alert} onChanged={setAlert} />;
}
