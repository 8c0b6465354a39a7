/**
 * The console's one door to the API: same-origin fetch with the session cookie, the CSRF token on
 * every unsafe method, JSON in and out, and every failure turned into an ApiError carrying the
 * problem+json `code` (or `network` when the server cannot be reached). When the server says the
 * session is gone, listeners hear it once so the console can return to the sign-in screen while the
 * screen's draft stays saved.
 *
 * @example
 *   const session = await api<SessionView>('GET', '/api/session');
 *   await api('POST', `/api/alerts/${id}/end`, { body: { outcome: 'found', reason } });
 */

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** `code` is the catalogue code of the problem, or `network` when no answer came back. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: readonly FieldProblem[];
  readonly requestId: string | null;

  constructor(status: number, code: string, detail: string, errors: readonly FieldProblem[] = [], requestId: string | null = null) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.requestId = requestId;
  }
}

export const NETWORK = 'network';

/** Codes that mean "sign in again": the session ended, or the server no longer knows it. */
const SESSION_LOST = new Set(['session_expired', 'authentication_required']);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface RequestOptions {
  readonly body?: unknown;
  /** Let the request outlive the page (a reload right after the click must not cancel a small save). */
  readonly keepalive?: boolean;
  /** Raw bytes (a photo): sent as is with `contentType`. */
  readonly blob?: Blob;
  readonly contentType?: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly signal?: AbortSignal;
  /** Sign-in steps expect 401s: they must not trigger the "session lost" path. */
  readonly authStep?: boolean;
}

let csrfToken: string | null = null;
const lostListeners = new Set<(code: string) => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an API answer says the session is over; returns the unsubscribe function. */
export function onSessionLost(listener: (code: string) => void): () => void {
  lostListeners.add(listener);
  return () => lostListeners.delete(listener);
}

/** For answers that arrive outside api() (the event stream): the session is over. */
export function reportSessionLost(code: string): void {
  for (const l of lostListeners) l(code);
}

export function queryString(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') params.append(key, String(value));
    else for (const v of value) params.append(key, v);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function problemOf(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as { code?: unknown; detail?: unknown; title?: unknown; errors?: unknown; requestId?: unknown };
      const errors = Array.isArray(body.errors)
        ? body.errors.filter((e): e is FieldProblem => typeof e === 'object' && e !== null && typeof (e as FieldProblem).field === 'string' && typeof (e as FieldProblem).message === 'string')
        : [];
      const detail = typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : res.statusText;
      return new ApiError(res.status, typeof body.code === 'string' ? body.code : `http_${res.status}`, detail, errors, typeof body.requestId === 'string' ? body.requestId : null);
    } catch {
      // fall through: a broken body is reported by its status
    }
  }
  return new ApiError(res.status, `http_${res.status}`, res.statusText);
}

export async function api<T = unknown>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.blob) {
    body = options.blob;
    headers['content-type'] = options.contentType ?? (options.blob.type || 'application/octet-stream');
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(`${path}${queryString(options.query)}`, { method, headers, credentials: 'same-origin', cache: 'no-store', ...(body !== undefined ? { body } : {}), ...(options.signal ? { signal: options.signal } : {}), ...(options.keepalive ? { keepalive: true } : {}) });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, NETWORK, 'The server could not be reached.');
  }
  if (!res.ok) {
    const problem = await problemOf(res);
    if (!options.authStep && SESSION_LOST.has(problem.code)) for (const l of lostListeners) l(problem.code);
    throw problem;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}
