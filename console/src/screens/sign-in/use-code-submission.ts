/**
 * The state of a six-digit code form (the second factor at sign-in, the authenticator's enrolment): the
 * code as typed (digits only, six at most), a busy flag while it is checked, and the server's problem; a
 * refused code is cleared so the next one is typed afresh.
 *
 * @example
 *   const form = useCodeSubmission(sendSecondFactor, onDone);
 *   <form onSubmit={(e) => void form.submit(e)}>…<TextField value={form.code} onChange={form.type} /></form>
 */
import { useState, type FormEvent } from 'react';
import type { SessionStage } from '../../api/types.ts';

export const CODE_PATTERN = /^[0-9]{6}$/;

export interface CodeSubmission {
  readonly code: string;
  readonly busy: boolean;
  readonly error: unknown;
  /** Whether the code has its six digits. */
  readonly complete: boolean;
  readonly type: (value: string) => void;
  readonly submit: (e: FormEvent) => Promise<void>;
  readonly fail: (err: unknown) => void;
}

export function useCodeSubmission(
  send: (code: string) => Promise<{ stage: SessionStage; csrfToken: string }>,
  onDone: (stage: SessionStage, csrf: string) => void,
): CodeSubmission {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const step = await send(code);
      onDone(step.stage, step.csrfToken);
    } catch (err) {
      setCode('');
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return { code, busy, error, complete: CODE_PATTERN.test(code), type: (v) => setCode(v.replace(/\D/g, '').slice(0, 6)), submit, fail: setError };
}
