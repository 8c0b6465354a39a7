/**
 * The console's root: finds out whether this browser is signed in, shows the enrolment page for a
 * one-time link, the sign-in steps otherwise, and the screens once signed in. When any API answer
 * says the session is over, the sign-in screen replaces the screens while the path stays the same:
 * signing in again brings the officer back to where they were, their draft restored.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, onSessionLost, setCsrfToken } from '../api/client.ts';
import { getSession, logout } from '../api/endpoints.ts';
import type { SessionStage, SessionView } from '../api/types.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import { EnrolScreen } from '../screens/sign-in/EnrolScreen.tsx';
import { SignInScreen } from '../screens/sign-in/SignInScreen.tsx';
import { Problem } from '../ui/Problem.tsx';
import { Layout } from './Layout.tsx';
import { navigate, usePath } from './router.ts';
import { Screens } from './Screens.tsx';
import { canRole, SessionContext, type SessionContextValue } from './session.tsx';

type Auth =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'signed_out'; readonly stage: Exclude<SessionStage, 'complete'> | null; readonly notice: 'expired' | 'enrolled' | 'signed_out' | null; readonly username?: string }
  | { readonly kind: 'signed_in'; readonly session: SessionView };

export function App() {
  const path = usePath();
  const [auth, setAuth] = useState<Auth>({ kind: 'loading' });
  // Each session check, and each local change of who is signed in, takes a new number: an answer that
  // comes back after a newer one (a slow check started on the enrolment page, say) is dropped, so it can
  // never reset a sign-in already under way.
  const generation = useRef(0);
  const setAuthNow = useCallback((next: Auth) => {
    generation.current += 1;
    setAuth(next);
  }, []);

  const refresh = useCallback(async (notice: 'expired' | null = null) => {
    const mine = (generation.current += 1);
    try {
      const session = await getSession();
      if (mine !== generation.current) return;
      setCsrfToken(session.csrfToken);
      if (session.stage === 'complete') setAuth({ kind: 'signed_in', session });
      else setAuth({ kind: 'signed_out', stage: session.stage, notice });
    } catch (err) {
      if (mine !== generation.current) return;
      setCsrfToken(null);
      if (err instanceof ApiError && err.status === 401) setAuth({ kind: 'signed_out', stage: null, notice });
      else setAuth({ kind: 'failed', error: err });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      onSessionLost(() => {
        generation.current += 1;
        setCsrfToken(null);
        setAuth((a) => (a.kind === 'signed_in' ? { kind: 'signed_out', stage: null, notice: 'expired', username: a.session.username } : a));
      }),
    [],
  );

  const sessionValue = useMemo<SessionContextValue | null>(() => {
    if (auth.kind !== 'signed_in') return null;
    return {
      user: auth.session,
      can: (action) => canRole(auth.session.role, action),
      signOut: async () => {
        try {
          await logout();
        } finally {
          setCsrfToken(null);
          setAuthNow({ kind: 'signed_out', stage: null, notice: 'signed_out' });
          navigate('/', { replace: true });
        }
      },
    };
  }, [auth, setAuthNow]);

  const userId = auth.kind === 'signed_in' ? auth.session.id : null;
  const accountLocale = auth.kind === 'signed_in' ? auth.session.locale : null;

  let content;
  if (path === '/enrol') {
    content = (
      <EnrolScreen
        onEnrolled={(username) => {
          setAuthNow({ kind: 'signed_out', stage: null, notice: 'enrolled', username });
          navigate('/', { replace: true });
        }}
      />
    );
  } else if (auth.kind === 'loading') {
    content = <p className="loading" role="status" aria-busy="true" />;
  } else if (auth.kind === 'failed') {
    content = (
      <main id="main" className="sign-in">
        <Problem error={auth.error} />
        <button type="button" className="button" onClick={() => void refresh()}>
          ↻
        </button>
      </main>
    );
  } else if (auth.kind === 'signed_out') {
    content = <SignInScreen key={auth.notice ?? 'none'} stage={auth.stage} notice={auth.notice} {...(auth.username ? { username: auth.username } : {})} onSignedIn={() => void refresh()} />;
  } else if (sessionValue) {
    content = (
      <SessionContext.Provider value={sessionValue}>
        <Layout>
          <Screens path={path} />
        </Layout>
      </SessionContext.Provider>
    );
  }

  return (
    <I18nProvider userId={userId} accountLocale={accountLocale}>
      {content}
    </I18nProvider>
  );
}
