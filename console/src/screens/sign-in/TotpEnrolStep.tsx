/**
 * First sign-in of a role that needs the second factor: the server makes a new authenticator seed,
 * shown as a QR code (and as text, for typing in by hand); the first valid code confirms it and
 * completes the sign-in.
 */
import { useEffect, useState } from 'react';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../api/endpoints.ts';
import type { SessionStage, TotpEnrolment } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { Problem } from '../../ui/Problem.tsx';
import { useCodeSubmission } from './use-code-submission.ts';

/** The base32 seed in groups of four, easier to type. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

export function TotpEnrolStep({ onDone }: { onDone: (stage: SessionStage, csrf: string) => void }) {
  const { t } = useI18n();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const form = useCodeSubmission(confirmTotpEnrolment, onDone);
  const { fail } = form;

  useEffect(() => {
    let live = true;
    startTotpEnrolment().then(
      (e) => live && setEnrolment(e),
      (err: unknown) => live && fail(err),
    );
    return () => {
      live = false;
    };
  }, [fail]);

  return (
    <form onSubmit={(e) => void form.submit(e)} aria-labelledby="totp-title" noValidate>
      <h2 id="totp-title">{t('totp.title')}</h2>
      <ol className="steps">
        <li>{t('totp.step1')}</li>
        <li>{t('totp.step2')}</li>
        <li>{t('totp.step3')}</li>
      </ol>
      {enrolment ? (
        <div className="totp">
          <img className="totp__qr" src={enrolment.qrSvgDataUrl} alt={t('totp.qrAlt')} width={200} height={200} />
          <p>
            {t('totp.manual')}{' '}
            <code className="totp__secret" dir="ltr" data-testid="totp-secret">
              {grouped(enrolment.secret)}
            </code>
          </p>
        </div>
      ) : form.error ? null : (
        <p role="status">{t('common.loading')}</p>
      )}
      <TextField
        label={t('signIn.code')}
        value={form.code}
        onChange={form.type}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        dir="ltr"
        name="code"
      />
      {form.error ? <Problem error={form.error} /> : null}
      <button type="submit" className="button button--primary" disabled={form.busy || !enrolment || !form.complete}>
        {form.busy ? t('common.wait') : t('totp.confirm')}
      </button>
    </form>
  );
}
