/**
 * A live view pushed by the server over /api/live/events (server-sent events): the latest value of
 * one event, the connection state, and a `problem` code when the server refuses the subject. When
 * the server ends the stream because the session expired, the console goes back to sign-in. No
 * polling and no refresh button: the browser's EventSource reconnects by itself.
 *
 * @example
 *   const board = useLiveStream<BoardView>('/api/live/events?alert=…', 'board');
 */
import { useEffect, useState } from 'react';
import { api, reportSessionLost } from '../api/client.ts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface LiveState<T> {
  readonly value: T | null;
  readonly status: LiveStatus;
  readonly problem: string | null;
  /** When the last value arrived (Date.now()). */
  readonly receivedAt: number;
}

export function useLiveStream<T>(url: string, event: string): LiveState<T> {
  const [state, setState] = useState<LiveState<T>>({ value: null, status: 'connecting', problem: null, receivedAt: 0 });

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: number | undefined;
    let stopped = false;
    setState({ value: null, status: 'connecting', problem: null, receivedAt: 0 });

    const stop = () => {
      stopped = true;
      source?.close();
    };
    const open = () => {
      source = new EventSource(url);
      source.addEventListener(event, (e: MessageEvent<string>) => {
        setState({ value: JSON.parse(e.data) as T, status: 'live', problem: null, receivedAt: Date.now() });
      });
      source.addEventListener('problem', (e: MessageEvent<string>) => {
        stop();
        const { code } = JSON.parse(e.data) as { code: string };
        setState((s) => ({ ...s, status: 'stopped', problem: code }));
      });
      source.addEventListener('session_expired', () => {
        stop();
        reportSessionLost('session_expired');
      });
      source.onerror = () => {
        if (stopped) return;
        setState((s) => ({ ...s, status: 'reconnecting' }));
        if (source?.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself
        // Refused outright: the session route tells the console if the session is over.
        source.close();
        api('GET', '/api/session').then(
          () => {
            if (!stopped) retry = window.setTimeout(open, 3000);
          },
          () => {
            if (!stopped) retry = window.setTimeout(open, 5000);
          },
        );
      };
    };
    open();
    return () => {
      stop();
      window.clearTimeout(retry);
    };
  }, [url, event]);

  return state;
}
