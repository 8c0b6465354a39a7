/**
 * Loads something from the API for a screen: the value, the error, whether it is loading, and a
 * reload function. A newer load supersedes an older one still in flight.
 *
 * @example
 *   const alert = useAsync(() => readAlert(id), [id]);
 *   if (alert.error) return <Problem error={alert.error} />;
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface AsyncState<T> {
  readonly value: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  reload: () => void;
  /** Puts a value the screen already has (the answer of a save) in place of a load. */
  replace: (value: T) => void;
}

export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [state, setState] = useState<{ value: T | undefined; error: unknown; loading: boolean }>({ value: undefined, error: undefined, loading: true });
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const run = useCallback(() => {
    const mine = (generation.current += 1);
    setState((s) => ({ ...s, loading: true }));
    loader.current().then(
      (value) => {
        if (generation.current === mine) setState({ value, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (generation.current === mine) setState((s) => ({ value: s.value, error, loading: false }));
      },
    );
  }, []);

  const replace = useCallback((value: T) => {
    generation.current += 1;
    setState({ value, error: undefined, loading: false });
  }, []);

  // The caller's dependency list decides when to load again.
  useEffect(run, deps);
  return { ...state, reload: run, replace };
}
