/**
 * First sign-in of a role that needs the second factor: the server makes a new authenticator seed,
 * shown as a QR code (and as text, for typing in by hand); the first valid code confirms it and
 * completes the sign-in.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../api/endpoints.ts';
import type { SessionStage, TotpEnrolment } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { Problem } from '../../ui/Problem.tsx';
import { CODE_PATTERN } from './CodeStep.tsx';

/** The base32 seed in groups of four, easier to type. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

export function TotpEnrolStep({ onDone }: { onDone: (stage: SessionStage, csrf: string) => void }) {
  const { t } = useI18n();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    startTotpEnrolment().then(
      (e) => live && setEnrolment(e),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const step = await confirmTotpEnrolment(code);
      onDone(step.stage, step.csrfToken);
    } catch (err) {
      setCode('');
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="totp-title" noValidate>
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
      ) : error ? null : (
        <p role="status">{t('common.loading')}</p>
      )}
      <TextField
        label={t('signIn.code')}
        value={code}
        onChange={(v) => setCode(v.replace(/\D/g, '').slice(0, 6))}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        dir="ltr"
        name="code"
      />
      {error ? <Problem error={error} /> : null}
      <button type="submit" className="button button--primary" disabled={busy || !enrolment || !CODE_PATTERN.test(code)}>
        {busy ? t('common.wait') : t('totp.confirm')}
      </button>
    </form>
  );
}
