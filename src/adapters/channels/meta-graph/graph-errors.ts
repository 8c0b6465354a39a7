/**
 * Graph API failures in the dispatcher's terms (shared/specs/channels.md §2, Meta's error-handling
 * guide): codes 1 and 2 are transient, 4/17/32/613 (and 9, 341, the BUC codes 80001–80014) are
 * throttling and carry the wait Meta announces, 190/10/200–299/368/100/506 are permanent, and anything
 * without a Graph error falls back on the HTTP status (429 throttled, 5xx transient, other 4xx
 * permanent). Meta's `message`, `error_user_msg` and `fbtrace_id` are never kept: they can quote the
 * post text. A GraphCallError keeps the numeric code, subcode and HTTP status so an adapter can treat
 * "object already gone" (100/33, 404) as success.
 *
 * @example
 *   throw graphFailure({ status: 400, body: { error: { code: 613 } }, headers, now: new Date() });
 *   // GraphCallError graph_613 (throttled), retryAfterMs from X-Business-Use-Case-Usage
 */
import { DeliveryError, type DeliveryFailure, type DeliveryFailureKind, retryAfterMs } from '../../../domain/distribution/delivery-failure.ts';

export class GraphCallError extends DeliveryError {
  /** HTTP status of the answer, 0 when there was none (timeout, connection error). */
  readonly httpStatus: number;
  readonly graphCode: number | null;
  readonly graphSubcode: number | null;
  constructor(failure: DeliveryFailure, detail: { httpStatus?: number; graphCode?: number | null; graphSubcode?: number | null } = {}) {
    super(failure);
    this.name = 'GraphCallError';
    this.httpStatus = detail.httpStatus ?? 0;
    this.graphCode = detail.graphCode ?? null;
    this.graphSubcode = detail.graphSubcode ?? null;
  }
}

const TRANSIENT_CODES = new Set([1, 2]);
/**
 * 4 app, 17 user, 32 page, 613 custom-rate, 341 app limit, 9 (Instagram's 2207042: publishing limit
 * reached in the rolling 24 h); 80001–80014 are the BUC per-product codes.
 */
const THROTTLE_CODES = new Set([4, 9, 17, 32, 341, 613]);
const PERMANENT_CODES = new Set([10, 100, 190, 368, 506]);

function kindOfGraphCode(code: number, status: number, isTransient: boolean): DeliveryFailureKind {
  if (THROTTLE_CODES.has(code) || (code >= 80001 && code <= 80014)) return 'throttled';
  if (TRANSIENT_CODES.has(code)) return 'transient';
  if (PERMANENT_CODES.has(code) || (code >= 200 && code <= 299)) return 'permanent';
  if (isTransient || status >= 500) return 'transient';
  return status === 429 ? 'throttled' : 'permanent';
}

/** Longest `estimated_time_to_regain_access` (minutes) in X-Business-Use-Case-Usage / X-App-Usage, in ms. */
export function usageRetryAfterMs(headers: Headers): number | null {
  let minutes = 0;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v as unknown[]) visit(x);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'estimated_time_to_regain_access' && typeof x === 'number' && Number.isFinite(x)) minutes = Math.max(minutes, x);
        else visit(x);
      }
    }
  };
  for (const name of ['x-business-use-case-usage', 'x-app-usage', 'x-page-usage', 'x-ad-account-usage']) {
    const text = headers.get(name);
    if (!text) continue;
    try {
      visit(JSON.parse(text));
    } catch {
      // An unreadable usage header is no reason to fail differently: Retry-After or the backoff applies.
    }
  }
  return minutes > 0 ? Math.min(minutes, 24 * 60) * 60_000 : null;
}

function waitOf(headers: Headers, now: Date): number | null {
  return retryAfterMs(headers.get('retry-after'), now) ?? usageRetryAfterMs(headers);
}

const asInt = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : null);

/**
 * The failure for a Graph answer that is not a success: `body` is the parsed JSON (undefined when the
 * body was not JSON). Returns null for a 2xx answer without an `error` object.
 */
export function graphFailure(answer: { status: number; body: unknown; headers: Headers; now: Date }): GraphCallError | null {
  const { status, body, headers, now } = answer;
  const error = body !== null && typeof body === 'object' && 'error' in body ? body.error : undefined;
  const code = error !== null && typeof error === 'object' ? asInt((error as { code?: unknown }).code) : null;
  if (code !== null) {
    const e = error as { error_subcode?: unknown; is_transient?: unknown };
    const kind = kindOfGraphCode(code, status, e.is_transient === true);
    const failure: DeliveryFailure = kind === 'throttled' ? { kind, code: `graph_${code}`, retryAfterMs: waitOf(headers, now) } : { kind, code: `graph_${code}` };
    return new GraphCallError(failure, { httpStatus: status, graphCode: code, graphSubcode: asInt(e.error_subcode) });
  }
  if (status === 429) return new GraphCallError({ kind: 'throttled', code: 'http_429', retryAfterMs: waitOf(headers, now) }, { httpStatus: status });
  if (status >= 500) return new GraphCallError({ kind: 'transient', code: `http_${status}` }, { httpStatus: status });
  // Redirects are never followed (the token would go along): Graph does not send them, a wrong base URL does.
  if (status >= 300 && status < 400) return new GraphCallError({ kind: 'permanent', code: 'graph_redirect' }, { httpStatus: status });
  // A 2xx or 4xx whose body is not Graph's JSON: a proxy page or a cut answer; worth another try.
  if (body === undefined || error !== undefined) return new GraphCallError({ kind: 'transient', code: 'graph_bad_response' }, { httpStatus: status });
  if (status >= 400) return new GraphCallError({ kind: 'permanent', code: `http_${status}` }, { httpStatus: status });
  return null;
}

/** A failure that had no Graph answer at all. */
export const transportFailure = (code: 'timeout' | 'connection_error' | 'graph_response_too_large' | 'graph_bad_response'): GraphCallError =>
  new GraphCallError({ kind: 'transient', code });
