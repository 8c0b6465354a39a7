/**
 * "Child found": one action, confirmed in a dialog (how the child was found, a written note). One
 * request closes the case, and the server ends the alert in the same transaction (a CAP Cancel, posts
 * withdrawn, the "found — thank you" card); the board then shows the retraction per channel. The
 * notice stays once the live board reports the alert ended, so the officer sees the action landed.
 */
import { useState } from 'react';
import { closeCase } from '../../api/endpoints.ts';
import type { AlertView } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { closureLabel, FOUND_OUTCOMES } from '../../i18n/vocab.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { SelectField, TextArea } from '../../ui/Field.tsx';
import { Problem } from '../../ui/Problem.tsx';

export function FoundAction({ alert }: { readonly alert: AlertView }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<string>('found_safe');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await closeCase(alert.caseId, outcome, reason.trim());
      setDone(true);
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <p className="notice notice--ok" role="status" data-testid="found-done">
        {t('closure.done')}
      </p>
    );
  }
  if (alert.state !== 'active' && alert.state !== 'awaiting_decisions') return null;
  return (
    <section className="panel panel--found">
      <button type="button" className="button button--found" onClick={() => setOpen(true)} data-testid="found">
        {t('closure.found')}
      </button>
      <Dialog open={open} title={t('closure.confirmTitle')} onClose={() => !busy && setOpen(false)}>
        <p>{t('closure.confirmText')}</p>
        <SelectField label={t('closure.outcome')} value={outcome} onChange={setOutcome} options={FOUND_OUTCOMES.map((o) => ({ value: o, label: closureLabel(o, lang) }))} name="closure-outcome" />
        <TextArea label={t('closure.reason')} hint={t('closure.reasonHint')} value={reason} onChange={setReason} maxLength={2000} name="closure-reason" />
        {error ? <Problem error={error} /> : null}
        {busy ? <p role="status">{t('closure.closing')}</p> : null}
        <div className="actions">
          <button type="button" className="button button--found" disabled={busy || reason.trim().length < 10} onClick={() => void confirm()} data-testid="confirm-found">
            {t('closure.confirm')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </section>
  );
}
