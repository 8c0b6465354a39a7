/**
 * How a channel adapter reports a failed delivery, in terms the dispatcher can act on: retry soon
 * (transient), retry after the provider's own delay (throttled), give up on this recipient (permanent)
 * or drop the recipient's subscription (gone: Web Push 404/410, an unknown WhatsApp number). Adapters
 * translate their provider's codes (Graph 4/17/32/613, WhatsApp 130429/131056, SMPP ESME_RTHROTTLED…)
 * into these; the code is kept for the officers' dead-letter list and never carries personal data.
 *
 * @example
 *   throw new DeliveryError({ kind: 'throttled', code: 'graph_613', retryAfterMs: 60_000 });
 */
export type DeliveryFailureKind = 'transient' | 'throttled' | 'permanent' | 'gone';

export interface DeliveryFailure {
  readonly kind: DeliveryFailureKind;
  /** Stable, provider-prefixed code, e.g. "graph_613", "whatsapp_130429", "smpp_0x58", "http_503", "timeout". */
  readonly code: string;
  /** The provider's own wait (Retry-After, estimated_time_to_regain_access), when it gave one. */
  readonly retryAfterMs?: number | null;
}

export class DeliveryError extends Error {
  readonly failure: DeliveryFailure;
  constructor(failure: DeliveryFailure) {
    // The message is the code: provider texts can echo recipients' numbers or addresses.
    super(`delivery failed: ${failure.code} (${failure.kind})`);
    this.name = 'DeliveryError';
    this.failure = failure;
  }
}

/** Parses an HTTP Retry-After header (seconds or HTTP date) into milliseconds from `now`. */
export function retryAfterMs(header: string | null | undefined, now: Date): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), 86_400) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.min(at - now.getTime(), 86_400_000));
}
