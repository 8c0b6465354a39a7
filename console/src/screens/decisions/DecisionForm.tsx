/**
 * Taking my step: approve (with an optional comment) or refuse (a written reason of at least ten
 * characters). The prosecutor liaison records the prosecutor's decision itself: court, file
 * reference, magistrate, time, conditions and what it allows to be published.
 */
import { useState, type FormEvent } from 'react';
import { decideAlert, type ProsecutorInput } from '../../api/endpoints.ts';
import type { AlertView, DecisionStep } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { stepLabel } from '../../i18n/vocab.ts';
import { CheckBox, TextArea, TextField } from '../../ui/Field.tsx';
import { Problem } from '../../ui/Problem.tsx';

const REASON_MIN = 10;

/** A datetime-local value for "now" in the browser's zone. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export function DecisionForm({ alert, step, onDecided }: { readonly alert: AlertView; readonly step: DecisionStep; onDecided: () => void }) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const [court, setCourt] = useState('');
  const [fileReference, setFileReference] = useState('');
  const [magistrate, setMagistrate] = useState('');
  const [decidedAt, setDecidedAt] = useState(localNow);
  const [conditions, setConditions] = useState('');
  const [publishName, setPublishName] = useState(false);
  const [publishPhoto, setPublishPhoto] = useState(false);
  const [publishSuspect, setPublishSuspect] = useState(false);
  const [busy, setBusy] = useState<'approved' | 'refused' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const prosecutorStep = step === 'prosecutor_decision';

  const prosecutor = (outcome: 'approved' | 'refused'): ProsecutorInput => ({
    court: court.trim(),
    fileReference: fileReference.trim(),
    magistrate: magistrate.trim(),
    decidedAt: new Date(decidedAt).toISOString(),
    conditions: conditions.trim() || null,
    publishName: outcome === 'approved' && publishName,
    publishPhoto: outcome === 'approved' && publishPhoto,
    publishSuspect: outcome === 'approved' && publishSuspect,
  });

  const decide = async (outcome: 'approved' | 'refused') => {
    setBusy(outcome);
    setError(null);
    try {
      await decideAlert(alert.id, { step, outcome, reason: reason.trim() || null, ...(prosecutorStep ? { prosecutor: prosecutor(outcome) } : {}) });
      onDecided();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const refuseBlocked = reason.trim().length < REASON_MIN;
  const prosecutorMissing = prosecutorStep && (!court.trim() || !fileReference.trim() || !magistrate.trim() || !decidedAt);

  return (
    <form className="panel decision-form" onSubmit={(e: FormEvent) => e.preventDefault()} aria-labelledby="decide-title" data-testid="decision-form">
      <h2 id="decide-title">{t('decision.yourStep', { step: stepLabel(step, lang) })}</h2>
      {prosecutorStep ? (
        <fieldset>
          <legend>{t('decision.prosecutor')}</legend>
          <TextField label={t('decision.court')} value={court} onChange={setCourt} required maxLength={200} name="court" />
          <TextField label={t('decision.fileReference')} value={fileReference} onChange={setFileReference} required maxLength={100} dir="ltr" name="file-reference" />
          <TextField label={t('decision.magistrate')} value={magistrate} onChange={setMagistrate} required maxLength={200} name="magistrate" />
          <TextField label={t('decision.decidedAt')} type="datetime-local" value={decidedAt} onChange={setDecidedAt} required dir="ltr" name="decided-at" />
          <TextArea label={t('decision.conditions')} value={conditions} onChange={setConditions} maxLength={2000} name="conditions" />
          <CheckBox label={t('decision.publishName')} checked={publishName} onChange={setPublishName} />
          <CheckBox label={t('decision.publishPhoto')} checked={publishPhoto} onChange={setPublishPhoto} />
          <CheckBox label={t('decision.publishSuspect')} checked={publishSuspect} onChange={setPublishSuspect} />
        </fieldset>
      ) : null}
      <TextArea label={t('decision.reason')} hint={t('decision.reasonHint')} value={reason} onChange={setReason} maxLength={2000} rows={3} name="reason" />
      {error ? <Problem error={error} /> : null}
      <div className="actions">
        <button type="button" className="button button--primary" disabled={busy !== null || prosecutorMissing} onClick={() => void decide('approved')} data-testid="approve">
          {busy === 'approved' ? t('common.wait') : t('decision.approve')}
        </button>
        <button type="button" className="button button--danger" disabled={busy !== null || refuseBlocked || prosecutorMissing} onClick={() => void decide('refused')} data-testid="refuse">
          {busy === 'refused' ? t('common.wait') : t('decision.refuse')}
        </button>
      </div>
      {refuseBlocked ? <p className="field__hint">{t('decision.refuseNeedsReason')}</p> : null}
    </form>
  );
}
