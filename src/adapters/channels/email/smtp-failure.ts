/**
 * What an SMTP failure means for the dispatcher. Servers answer with a reply code (RFC 5321) and often
 * an enhanced status code (RFC 3463, "5.1.1"); nodemailer reports those as `responseCode` and
 * `response`, and connection trouble as its own error codes (ECONNECTION, ETIMEDOUT…).
 *
 * - 421 (service not available / "try again later", the usual rate-limit answer) → throttled.
 * - 450, 451, 452 and every other 4xx → transient: greylisting, a full queue, a local error.
 * - 550, 551, 553 → gone (the mailbox does not exist: the dispatcher drops the subscription), unless an
 *   enhanced code says the refusal is about something else (5.7.x policy, e.g. Outlook's 550 5.7.515 for
 *   a sender without DMARC): then it is permanent, so our own misconfiguration never unsubscribes people.
 * - 503 (bad sequence of commands) → transient: the session was out of step, the message was not refused.
 * - other 5xx (554 transaction failed…) → permanent.
 * - refused, reset or timed-out connections, DNS and TLS trouble, an aborted send → transient.
 *
 * Codes are stable and carry no server text: a server's reply can echo the recipient's address.
 *
 * @example
 *   smtpFailure(err); // { kind: 'gone', code: 'smtp_550_5.1.1' }
 */
import type { DeliveryFailure } from '../../../domain/distribution/delivery-failure.ts';

/** The fields of a nodemailer error that say what went wrong. */
interface SmtpErrorFields {
  readonly code?: unknown;
  readonly responseCode?: unknown;
  readonly response?: unknown;
}

const MAILBOX_UNKNOWN = new Set([550, 551, 553]);
/** Enhanced status classes that really say "no such mailbox / address" (RFC 3463 §3.2: X.1.x addressing, X.2.1 disabled). */
const MAILBOX_GONE_DETAIL = /^5\.(1\.\d{1,3}|2\.1)$/;

/** "550 5.1.1 <x@y>: user unknown" → "5.1.1"; null when the server gave no enhanced code. */
export function enhancedStatus(response: unknown): string | null {
  if (typeof response !== 'string') return null;
  const m = /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})(?:\s|$)/.exec(response);
  return m?.[1] ?? null;
}

export function smtpFailure(error: unknown): DeliveryFailure {
  const e: SmtpErrorFields = typeof error === 'object' && error !== null ? error : {};
  const code = typeof e.code === 'string' ? e.code : '';
  if (code === 'EABORT') return { kind: 'transient', code: 'timeout' };
  const reply = typeof e.responseCode === 'number' && e.responseCode >= 400 && e.responseCode < 600 ? e.responseCode : null;
  if (reply !== null) {
    const detail = enhancedStatus(e.response);
    const tag = detail ? `smtp_${reply}_${detail}` : `smtp_${reply}`;
    if (reply === 421) return { kind: 'throttled', code: tag, retryAfterMs: null };
    if (reply < 500 || reply === 503) return { kind: 'transient', code: tag };
    if (MAILBOX_UNKNOWN.has(reply) && (detail === null || MAILBOX_GONE_DETAIL.test(detail))) return { kind: 'gone', code: tag };
    return { kind: 'permanent', code: tag };
  }
  switch (code) {
    case 'ETIMEDOUT':
      return { kind: 'transient', code: 'smtp_timeout' };
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
    case 'ECONNREFUSED':
    case 'ECONNRESET':
      return { kind: 'transient', code: 'smtp_connection' };
    case 'ETLS':
    case 'EREQUIRETLS':
      return { kind: 'transient', code: 'smtp_tls' };
    case 'EAUTH':
    case 'ENOAUTH':
      return { kind: 'transient', code: 'smtp_auth' };
    case 'EENVELOPE':
      // Refused before any server reply: the address itself is unusable.
      return { kind: 'permanent', code: 'smtp_bad_address' };
    default:
      return { kind: 'transient', code: 'smtp_error' };
  }
}
