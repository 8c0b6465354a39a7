/**
 * Sign-in: username and password, then the authenticator code, or — on a first sign-in — the
 * authenticator set-up by QR code. After an expired session the same screen says so and the work in
 * progress waits, saved as a draft, on the screen the officer was on.
 */
import { useState, type FormEvent } from 'react';
import { setCsrfToken } from '../../api/client.ts';
import { login } from '../../api/endpoints.ts';
import type { SessionStage } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { Problem } from '../../ui/Problem.tsx';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { CodeStep } from './CodeStep.tsx';
import { TotpEnrolStep } from './TotpEnrolStep.tsx';

export interface SignInProps {
  /** A session already half signed in (reload during the second factor). */
  readonly stage: Exclude<SessionStage, 'complete'> | null;
  readonly notice: 'expired' | 'enrolled' | 'signed_out' | null;
  readonly username?: string;
  onSignedIn: () => void;
}

export function SignInScreen({ stage: initialStage, notice, username: prefill, onSignedIn }: SignInProps) {
  const { t } = useI18n();
  const [stage, setStage] = useState<SessionStage | 'password'>(initialStage ?? 'password');
  const [username, setUsername] = useState(prefill ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const after = (next: SessionStage, csrf: string) => {
    setCsrfToken(csrf);
    if (next === 'complete') onSignedIn();
    else setStage(next);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const step = await login(username.trim(), password);
      setPassword('');
      after(step.stage, step.csrfToken);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <div className="sign-in__card">
        <div className="sign-in__top">
          <h1>
            <span lang="ar">طفلي مختفي</span> · Tifli
          </h1>
          <LanguageSwitch />
        </div>
        <p className="sign-in__lead">{t('signIn.lead')}</p>
        {notice === 'expired' ? (
          <p className="notice notice--warn" role="status" data-testid="session-expired">
            {t('signIn.expired')}
          </p>
        ) : null}
        {notice === 'enrolled' ? (
          <p className="notice notice--ok" role="status">
            {t('signIn.enrolled')}
          </p>
        ) : null}
        {notice === 'signed_out' ? (
          <p className="notice" role="status">
            {t('signIn.signedOut')}
          </p>
        ) : null}
        {stage === 'password' ? (
          <form onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title" noValidate>
            <h2 id="sign-in-title">{t('signIn.title')}</h2>
            <TextField label={t('signIn.username')} value={username} onChange={setUsername} autoComplete="username" required dir="ltr" autoFocus={!prefill} name="username" />
            <TextField label={t('signIn.password')} type="password" value={password} onChange={setPassword} autoComplete="current-password" required dir="ltr" autoFocus={!!prefill} name="password" />
            {error ? <Problem error={error} /> : null}
            <button type="submit" className="button button--primary" disabled={busy || !username.trim() || !password}>
              {busy ? t('common.wait') : t('signIn.submit')}
            </button>
          </form>
        ) : null}
        {stage === 'second_factor' ? <CodeStep onDone={after} /> : null}
        {stage === 'enrol_second_factor' ? <TotpEnrolStep onDone={after} /> : null}
      </div>
    </main>
  );
}
