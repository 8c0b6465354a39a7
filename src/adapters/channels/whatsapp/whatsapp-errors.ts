/**
 * WhatsApp Cloud API failures in the dispatcher's terms (DeliveryError kinds), from the Graph error
 * body `{"error":{"code",…}}` first and the HTTP status second:
 *
 * | code                                   | kind       | why                                               |
 * | -------------------------------------- | ---------- | ------------------------------------------------- |
 * | 130429, 80007, 4, 613                  | throttled  | throughput / rate limit: ≈ 1 s unless Retry-After |
 * | 131056                                 | throttled  | pair rate (same recipient within ~6 s): 6 s       |
 * | 131048                                 | throttled  | spam rate limit: back off a minute                |
 * | 1, 2, 131000–131002, 131016, 133004    | transient  | Meta's side: retry soon                           |
 * | 131026, 131047, 131049, 131051…        | permanent  | this message cannot reach this recipient          |
 * | 132000–132999                          | permanent  | template, parameter or language problem           |
 * | 100, 190, 10, 200–299, 368, 131008/9…  | permanent  | our request or credentials are wrong              |
 * | other code                             | by status  | 5xx or `is_transient` → transient, else permanent |
 * | no Graph error (HTML, garbage, empty)  | by status  | 429 → throttled, otherwise transient              |
 *
 * Codes are `whatsapp_<code>` (or `http_<status>`); Meta's message, error_data.details and fbtrace_id
 * are never kept: they can quote the recipient's number or the parameters.
 *
 * 131026 (undeliverable: not on WhatsApp, old app, terms not accepted) stays 'permanent' rather than
 * 'gone': the number may join WhatsApp later, and the subscription was confirmed over WhatsApp.
 *
 * @example
 *   whatsappFailure(400, { error: { code: 131056 } }, null, new Date()); // { kind: 'throttled', code: 'whatsapp_131056', retryAfterMs: 6000 }
 */
import { type DeliveryFailure, type DeliveryFailureKind, retryAfterMs } from '../../../domain/distribution/delivery-failure.ts';

/** Throughput throttling: a second is the documented refill time of the per-number bucket. */
const THROUGHPUT_WAIT_MS = 1_000;
/** Pair rate: about one message every 6 s to the same user. */
const PAIR_RATE_WAIT_MS = 6_000;
const SPAM_WAIT_MS = 60_000;

const THROUGHPUT_CODES = new Set([130429, 80007, 4, 613]);
const TRANSIENT_CODES = new Set([1, 2, 131000, 131001, 131002, 131016, 133004]);
const PERMANENT_CODES = new Set([
  10, 100, 190, 368,
  131008, 131009, 131021, 131026, 131030, 131031, 131045, 131047, 131049, 131050, 131051, 131052, 131053, 130472, 133010,
]);

export interface GraphErrorFields {
  readonly code: number;
  readonly isTransient: boolean;
}

/** The numeric code of a Graph error body, or null when the body is not one. */
export function graphErrorOf(body: unknown): GraphErrorFields | null {
  if (body === null || typeof body !== 'object') return null;
  const error = (body as { error?: unknown }).error;
  if (error === null || typeof error !== 'object') return null;
  const { code, is_transient: isTransient } = error as { code?: unknown; is_transient?: unknown };
  if (typeof code !== 'number' || !Number.isSafeInteger(code) || code < 0) return null;
  return { code, isTransient: isTransient === true };
}

function kindOf(code: number, status: number, isTransient: boolean): DeliveryFailureKind {
  if (THROUGHPUT_CODES.has(code) || code === 131056 || code === 131048) return 'throttled';
  if (TRANSIENT_CODES.has(code)) return 'transient';
  if (PERMANENT_CODES.has(code) || (code >= 132000 && code <= 132999) || (code >= 200 && code <= 299)) return 'permanent';
  if (isTransient || status >= 500) return 'transient';
  if (status === 429) return 'throttled';
  return 'permanent';
}

function defaultWait(code: number): number {
  if (code === 131056) return PAIR_RATE_WAIT_MS;
  if (code === 131048) return SPAM_WAIT_MS;
  return THROUGHPUT_WAIT_MS;
}

/** Maps a refused send (HTTP status, parsed body or undefined, Retry-After header) onto a DeliveryFailure. */
export function whatsappFailure(status: number, body: unknown, retryAfterHeader: string | null, now: Date): DeliveryFailure {
  const announced = retryAfterMs(retryAfterHeader, now);
  const graph = graphErrorOf(body);
  if (!graph) {
    if (status === 429) return { kind: 'throttled', code: 'http_429', retryAfterMs: announced ?? THROUGHPUT_WAIT_MS };
    return { kind: 'transient', code: `http_${status}` };
  }
  const kind = kindOf(graph.code, status, graph.isTransient);
  const code = `whatsapp_${graph.code}`;
  if (kind === 'throttled') return { kind, code, retryAfterMs: announced ?? defaultWait(graph.code) };
  return { kind, code };
}
