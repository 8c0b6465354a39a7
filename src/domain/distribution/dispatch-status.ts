/**
 * The status of one (version, channel) dispatch, derived from its delivery counts so it can never
 * disagree with them. Skipped deliveries (alert-fatigue: not news, area limit) count as handled.
 *
 * @example
 *   dispatchStatus({ planned: true, total: 10, sent: 9, skipped: 0, dead: 1, deferred: 0 }, false) // 'partially_failed'
 */
export const DISPATCH_STATUSES = ['queued', 'sending', 'sent', 'partially_failed', 'failed', 'retracted'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'skipped', 'deferred', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DispatchCounts {
  /** Every recipient has been listed (fan-out planning finished). */
  readonly planned: boolean;
  readonly total: number;
  readonly sent: number;
  readonly skipped: number;
  readonly dead: number;
  readonly deferred: number;
}

export function dispatchStatus(c: DispatchCounts, retracted: boolean): DispatchStatus {
  if (retracted) return 'retracted';
  const finished = c.sent + c.skipped + c.dead;
  if (!c.planned || finished + c.deferred < c.total) return c.sent + c.dead + c.skipped > 0 ? 'sending' : 'queued';
  if (c.deferred > 0) return 'sending';
  if (c.dead === 0) return 'sent';
  return c.sent + c.skipped > 0 ? 'partially_failed' : 'failed';
}
