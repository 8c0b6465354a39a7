/**
 * The dashboard, live (see useLiveStream): pushed at once and again whenever something in the user's
 * jurisdiction changes. The server's clock is estimated from each snapshot, so countdowns and
 * "since last seen" keep running between pushes.
 *
 * @example
 *   const { dashboard, status, serverOffsetMs } = useLiveDashboard();
 */
import type { DashboardView } from '../api/types.ts';
import { useLiveStream, type LiveStatus } from './useLiveStream.ts';

export interface LiveDashboard {
  readonly dashboard: DashboardView | null;
  readonly status: LiveStatus;
  /** Milliseconds to add to Date.now() for the server's time. */
  readonly serverOffsetMs: number;
}

export function useLiveDashboard(): LiveDashboard {
  const s = useLiveStream<DashboardView>('/api/live/events', 'dashboard');
  return { dashboard: s.value, status: s.status, serverOffsetMs: s.value ? Date.parse(s.value.generatedAt) - s.receivedAt : 0 };
}
