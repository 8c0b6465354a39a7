/**
 * The one-time enrolment link (`/enrol#<code>`, printed at first start or sent with an invitation):
 * the code is read from the fragment and removed from the address bar at once, checked with the
 * server, then the officer sets a password (the first administrator also chooses a username and a
 * display name). Signing in next sets up the authenticator app by QR code.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { completeEnrolment, inspectEnrolment } from '../../api/endpoints.ts';
import type { EnrolmentInfo } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { roleLabel } from '../../i18n/vocab.ts';
import { TextField } from '../../ui/Field.tsx';
import { Problem } from '../../ui/Problem.tsx';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';

/** Read once: the fragment leaves the address bar (and the history) as soon as the page opens. */
function takeTokenFromFragment(): string {
  const token = decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  return token;
}

export function EnrolScreen({ onEnrolled }: { onEnrolled: (username: string) => void }) {
  const { t, lang, dateTime } = useI18n();
  const [token, setToken] = useState(() => takeTokenFromFragment());
  const [typed, setTyped] = useState('');
  const [info, setInfo] = useState<EnrolmentInfo | null>(null);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!token) return;
    let live = true;
    setError(null);
    inspectEnrolment(token).then(
      (i) => live && setInfo(i),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [token]);

  const mismatch = confirm.length > 0 && confirm !== password;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!info || mismatch) return;
    setBusy(true);
    setError(null);
    try {
      const done = await completeEnrolment({
        token,
        password,
        locale: lang,
        ...(info.needsAccountDetails ? { username: username.trim(), displayName: displayName.trim() } : {}),
      });
      onEnrolled(done.username);
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
          <h1>{t('enrol.title')}</h1>
          <LanguageSwitch />
        </div>
        {!token ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setToken(typed.trim());
            }}
          >
            <p>{t('enrol.noCode')}</p>
            <TextField label={t('enrol.code')} value={typed} onChange={setTyped} dir="ltr" required name="enrolment-code" />
            <button type="submit" className="button button--primary" disabled={!typed.trim()}>
              {t('common.continue')}
            </button>
          </form>
        ) : null}
        {info ? (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <p data-testid="enrol-info">
              {info.purpose === 'first_admin' ? t('enrol.firstAdmin') : t('enrol.invite', { name: info.displayName ?? info.username ?? '' })}{' '}
              {t('enrol.role', { role: roleLabel(info.role, lang), jurisdiction: info.jurisdiction })}
            </p>
            <p className="field__hint">{t('enrol.expires', { at: dateTime(info.expiresAt) })}</p>
            {info.needsAccountDetails ? (
              <>
                <TextField label={t('enrol.username')} hint={t('enrol.usernameHint')} value={username} onChange={setUsername} autoComplete="username" dir="ltr" required name="username" />
                <TextField label={t('enrol.displayName')} value={displayName} onChange={setDisplayName} autoComplete="name" required name="display-name" />
              </>
            ) : (
              <p>
                {t('signIn.username')}: <strong dir="ltr">{info.username}</strong>
              </p>
            )}
            <TextField label={t('enrol.password')} hint={t('enrol.passwordHint')} type="password" value={password} onChange={setPassword} autoComplete="new-password" dir="ltr" required name="new-password" />
            <TextField
              label={t('enrol.confirm')}
              type="password"
              value={confirm}
              onChange={setConfirm}
              autoComplete="new-password"
              dir="ltr"
              required
              name="confirm-password"
              error={mismatch ? t('enrol.mismatch') : undefined}
            />
            {error ? <Problem error={error} /> : null}
            <button type="submit" className="button button--primary" disabled={busy || !password || mismatch || confirm !== password || (info.needsAccountDetails && (!username.trim() || !displayName.trim()))}>
              {busy ? t('common.wait') : t('enrol.submit')}
            </button>
          </form>
        ) : token && error ? (
          <>
            <Problem error={error} />
            <button type="button" className="button" onClick={() => setToken('')}>
              {t('enrol.tryAnother')}
            </button>
          </>
        ) : token ? (
          <p role="status">{t('common.loading')}</p>
        ) : null}
      </div>
    </main>
  );
}
