/**
 * One HTTP POST to a partner (signed webhooks, the Meta partner hand-off) and the translation of what
 * came back into the dispatcher's terms. Written on node:http rather than fetch so that nothing is
 * implicit: redirects are never followed (a 3xx is an answer, not a new destination: following one
 * could carry an alert to a host nobody configured), only the first `maxResponseBytes` of the answer
 * are read, and the dispatcher's signal aborts the request at any stage (connect, send, read).
 *
 * Answers: 2xx accepted; 429, and 408/425/503 carrying Retry-After, throttled (the partner's own delay);
 * other 5xx, 408/425/503 without Retry-After, connection errors, garbled answers and timeouts are
 * transient; 410 (the partner asks us to stop) and every other 3xx/4xx are permanent. Codes are
 * `<prefix>_<status>`, `<prefix>_timeout`, `<prefix>_connect`, `<prefix>_bad_response`, `<prefix>_network`.
 *
 * @example
 *   const answer = await partnerPost({ url, headers, body, signal, prefix: 'webhook', maxResponseBytes: 16_384 });
 *   throwOnFailure('webhook', answer, clock.now());
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { DeliveryError, type DeliveryFailure, retryAfterMs } from '../../../domain/distribution/delivery-failure.ts';

/** Plenty for an acknowledgement ({"id":…}); a partner cannot make us buffer a large answer. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024;

export interface PartnerPost {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly signal: AbortSignal;
  /** Failure code prefix: 'webhook', 'meta_partner'. */
  readonly prefix: string;
  readonly maxResponseBytes: number;
}

export interface PartnerAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** At most maxResponseBytes of the body. */
  readonly body: Buffer;
}

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/** What a failed request becomes; the error's own message (which may echo the host) is not kept. */
function networkFailure(prefix: string, err: unknown, signal: AbortSignal): DeliveryError {
  if (signal.aborted) return new DeliveryError({ kind: 'transient', code: `${prefix}_timeout` });
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECT_ERRORS.has(code)) return new DeliveryError({ kind: 'transient', code: `${prefix}_connect` });
  if (typeof code === 'string' && code.startsWith('HPE_')) return new DeliveryError({ kind: 'transient', code: `${prefix}_bad_response` });
  return new DeliveryError({ kind: 'transient', code: `${prefix}_network` });
}

export function partnerPost(p: PartnerPost): Promise<PartnerAnswer> {
  if (p.signal.aborted) return Promise.reject(new DeliveryError({ kind: 'transient', code: `${p.prefix}_timeout` }));
  const url = new URL(p.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<PartnerAnswer>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      reject(networkFailure(p.prefix, err, p.signal));
    };
    const req = transport.request(url, { method: 'POST', headers: { ...p.headers, 'content-length': String(p.body.length) }, signal: p.signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (): void => {
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      };
      res.on('data', (chunk: Buffer) => {
        const room = p.maxResponseBytes - size;
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size += chunk.length;
        // Enough read: the status and headers decide; the rest of the answer is dropped with the connection.
        if (size >= p.maxResponseBytes) {
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('error', fail);
      res.on('close', () => (res.complete ? done() : fail(new Error('answer cut short'))));
    });
    req.on('error', fail);
    req.end(p.body);
  });
}

/** The failure an answer stands for, or null when the partner accepted it (2xx). */
export function answerFailure(prefix: string, status: number, retryAfter: string | undefined, now: Date): DeliveryFailure | null {
  const code = `${prefix}_${status}`;
  if (status >= 200 && status < 300) return null;
  if (status === 429) return { kind: 'throttled', code, retryAfterMs: retryAfterMs(retryAfter, now) };
  if (status === 408 || status === 425 || status === 503) {
    const wait = retryAfterMs(retryAfter, now);
    return wait !== null ? { kind: 'throttled', code, retryAfterMs: wait } : { kind: 'transient', code };
  }
  if (status >= 500 && status < 600) return { kind: 'transient', code };
  // 410: the partner asked us to stop. Redirects are refused like any other 3xx/4xx: fixed by configuration.
  if (status >= 300 && status < 500) return { kind: 'permanent', code };
  return { kind: 'transient', code: `${prefix}_bad_response` };
}

export function throwOnFailure(prefix: string, answer: PartnerAnswer, now: Date): void {
  const retryAfter = answer.headers['retry-after'];
  const failure = answerFailure(prefix, answer.status, typeof retryAfter === 'string' ? retryAfter : undefined, now);
  if (failure) throw new DeliveryError(failure);
}
