/** The second factor at sign-in: the 6-digit code from the authenticator app. */
import { useState, type FormEvent } from 'react';
import { sendSecondFactor } from '../../api/endpoints.ts';
import type { SessionStage } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { Problem } from '../../ui/Problem.tsx';

export const CODE_PATTERN = /^[0-9]{6}$/;

export function CodeStep({ onDone }: { onDone: (stage: SessionStage, csrf: string) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const step = await sendSecondFactor(code);
      onDone(step.stage, step.csrfToken);
    } catch (err) {
      setCode('');
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="code-title" noValidate>
      <h2 id="code-title">{t('signIn.codeTitle')}</h2>
      <TextField
        label={t('signIn.code')}
        hint={t('signIn.codeHint')}
        value={code}
        onChange={(v) => setCode(v.replace(/\D/g, '').slice(0, 6))}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        dir="ltr"
        autoFocus
        name="code"
      />
      {error ? <Problem error={error} /> : null}
      <button type="submit" className="button button--primary" disabled={busy || !CODE_PATTERN.test(code)}>
        {busy ? t('common.wait') : t('signIn.verify')}
      </button>
    </form>
  );
}
