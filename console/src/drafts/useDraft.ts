/**
 * A form's state that saves itself as a draft on every change (see drafts.ts), restored when the
 * same user comes back to the same form.
 *
 * @example
 *   const [form, setForm, draft] = useDraft(userId, 'intake', emptyIntake);
 *   draft.savedAt; // when it was last kept
 *   draft.clear(); // after the case is created
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { clearDraft, loadDraft, saveDraft } from './drafts.ts';

export interface DraftControl<T> {
  readonly savedAt: Date | null;
  readonly restored: boolean;
  readonly storageFailed: boolean;
  clear: () => void;
  /** Drops the stored draft and shows `value` (what the server now holds) in its place. */
  reset: (value: T) => void;
}

export function useDraft<T>(userId: string, name: string, initial: () => T): [T, (update: T | ((prev: T) => T)) => void, DraftControl<T>] {
  const [state, setState] = useState<{ value: T; savedAt: Date | null; restored: boolean }>(() => {
    const kept = loadDraft<T>(userId, name);
    return kept ? { value: kept.value, savedAt: kept.savedAt, restored: true } : { value: initial(), savedAt: null, restored: false };
  });
  const [storageFailed, setStorageFailed] = useState(false);
  const dirty = useRef(false);
  const makeInitial = useRef(initial);
  makeInitial.current = initial;

  useEffect(() => {
    if (!dirty.current) return;
    dirty.current = false;
    const ok = saveDraft(userId, name, state.value);
    setStorageFailed(!ok);
    if (ok) setState((s) => ({ ...s, savedAt: new Date() }));
  }, [userId, name, state.value]);

  const set = useCallback((update: T | ((prev: T) => T)) => {
    dirty.current = true;
    setState((s) => ({ ...s, value: typeof update === 'function' ? (update as (prev: T) => T)(s.value) : update }));
  }, []);

  const clear = useCallback(() => {
    clearDraft(userId, name);
    setState({ value: makeInitial.current(), savedAt: null, restored: false });
  }, [userId, name]);

  const reset = useCallback(
    (value: T) => {
      clearDraft(userId, name);
      setState({ value, savedAt: null, restored: false });
    },
    [userId, name],
  );

  return [state.value, set, { savedAt: state.savedAt, restored: state.restored, storageFailed, clear, reset }];
}
