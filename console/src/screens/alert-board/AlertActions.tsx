/**
 * What can be done to a running alert besides "child found": prepare an Update in the composer,
 * withdraw it (ended everywhere with the neutral notice, the case left open), and, for the central
 * command room, renew it (the expiry moves later, an Update goes out). Each dangerous step is
 * confirmed in a dialog with a written reason, which the server keeps as restricted data.
 */
import { useState } from 'react';
import { endAlert, renewAlert } from '../../api/endpoints.ts';
import type { AlertView } from '../../api/types.ts';
import { Link } from '../../app/Link.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { SelectField, TextArea } from '../../ui/Field.tsx';
import { Problem } from '../../ui/Problem.tsx';

const RENEWAL_HOURS = [12, 24, 48, 72] as const;
const MIN_REASON = 10;

/** The expiry a renewal by `hours` asks for: counted from the current expiry, or from now if it is past. */
export function renewedExpiry(expiresAt: string | null, hours: number, now: number): string {
  const from = Math.max(expiresAt ? Date.parse(expiresAt) : now, now);
  return new Date(from + hours * 3_600_000).toISOString();
}

type Pending = 'withdraw' | 'renew' | null;

/** A dialog's confirm and cancel buttons: confirm waits for a ready form, both wait while a request runs. */
function ConfirmRow(props: { readonly tone: 'danger' | 'primary'; readonly label: string; readonly busy: boolean; readonly ready: boolean; readonly testId: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="actions">
      <button type="button" className={`button button--${props.tone}`} disabled={props.busy || !props.ready} onClick={props.onConfirm} data-testid={props.testId}>
        {props.busy ? t('common.wait') : props.label}
      </button>
      <button type="button" className="button" disabled={props.busy} onClick={props.onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

export function AlertActions({ alert }: { readonly alert: AlertView }) {
  const { t, dateTime } = useI18n();
  const { can } = useSession();
  const [open, setOpen] = useState<Pending>(null);
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState<number>(24);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (alert.state !== 'active') return notice ? <p className="notice notice--ok" role="status" data-testid="action-done">{notice}</p> : null;
  const mayUpdate = can('alert.update');
  const mayEnd = can('alert.end');
  const mayRenew = can('alert.renew');
  if (!mayUpdate && !mayEnd && !mayRenew) return null;

  const show = (which: Pending) => {
    setReason('');
    setError(null);
    setOpen(which);
  };
  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      setNotice(await action());
      setOpen(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const reasonOk = reason.trim().length >= MIN_REASON;
  const newExpiry = renewedExpiry(alert.expiresAt, hours, Date.now());

  return (
    <section className="panel" aria-labelledby="alert-actions-title">
      <h2 id="alert-actions-title">{t('actions.title')}</h2>
      {notice ? (
        <p className="notice notice--ok" role="status" data-testid="action-done">
          {notice}
        </p>
      ) : null}
      <div className="actions">
        {mayUpdate ? (
          <Link to={`/alerts/${alert.id}/compose`} className="button">
            {t('actions.update')}
          </Link>
        ) : null}
        {mayRenew ? (
          <button type="button" className="button" onClick={() => show('renew')} data-testid="renew">
            {t('actions.renew')}
          </button>
        ) : null}
        {mayEnd ? (
          <button type="button" className="button button--danger" onClick={() => show('withdraw')} data-testid="withdraw">
            {t('actions.withdraw')}
          </button>
        ) : null}
      </div>
      <Dialog open={open === 'withdraw'} title={t('actions.withdrawTitle')} onClose={() => !busy && setOpen(null)}>
        <p>{t('actions.withdrawText')}</p>
        <TextArea label={t('actions.reason')} hint={t('actions.reasonHint')} value={reason} onChange={setReason} maxLength={2000} name="withdraw-reason" />
        {error ? <Problem error={error} /> : null}
        <ConfirmRow tone="danger" label={t('actions.withdrawConfirm')} busy={busy} ready={reasonOk} testId="confirm-withdraw" onCancel={() => setOpen(null)} onConfirm={() => void run(async () => (await endAlert(alert.id, 'withdrawn', reason.trim()), t('actions.withdrawn')))} />
      </Dialog>
      <Dialog open={open === 'renew'} title={t('actions.renewTitle')} onClose={() => !busy && setOpen(null)}>
        <p>{t('actions.renewText')}</p>
        <SelectField label={t('actions.renewBy')} value={String(hours)} onChange={(v) => setHours(Number(v))} options={RENEWAL_HOURS.map((h) => ({ value: String(h), label: t('actions.hours', { n: h }) }))} name="renew-hours" />
        <p data-testid="new-expiry">{t('actions.newExpiry', { at: dateTime(newExpiry) })}</p>
        <TextArea label={t('actions.reason')} hint={t('actions.reasonHint')} value={reason} onChange={setReason} maxLength={2000} name="renew-reason" />
        {error ? <Problem error={error} /> : null}
        <ConfirmRow
          tone="primary"
          label={t('actions.renewConfirm')}
          busy={busy}
          ready={reasonOk}
          testId="confirm-renew"
          onCancel={() => setOpen(null)}
          onConfirm={() =>
            void run(async () => {
              const renewed = await renewAlert(alert.id, newExpiry, reason.trim());
              return t('actions.renewed', { at: dateTime(renewed.expiresAt) });
            })
          }
        />
      </Dialog>
    </section>
  );
}
