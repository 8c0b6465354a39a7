/**
 * The urgent path (central command room): publish at once, with a written reason; the prosecutor's
 * decision then falls due within the configured delay, shown as a countdown everywhere.
 */
import { useState } from 'react';
import { urgentPublish } from '../../api/endpoints.ts';
import type { AlertView } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextArea } from '../../ui/Field.tsx';
import { Problem } from '../../ui/Problem.tsx';

export function UrgentForm({ alert, onDone }: { readonly alert: AlertView; onDone: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await urgentPublish(alert.id, reason.trim());
      setAsking(false);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel panel--urgent" aria-labelledby="urgent-title">
      <h2 id="urgent-title">{t('urgent.title')}</h2>
      <p>{t('urgent.explain')}</p>
      <TextArea label={t('urgent.reason')} value={reason} onChange={setReason} maxLength={2000} name="urgent-reason" />
      <button type="button" className="button button--danger" disabled={reason.trim().length < 10} onClick={() => setAsking(true)}>
        {t('urgent.publish')}
      </button>
      <Dialog open={asking} title={t('urgent.confirmTitle')} onClose={() => setAsking(false)}>
        <p>{t('urgent.confirmText')}</p>
        {error ? <Problem error={error} /> : null}
        <div className="actions">
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void publish()} autoFocus>
            {busy ? t('common.wait') : t('urgent.confirm')}
          </button>
          <button type="button" className="button" onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </section>
  );
}
