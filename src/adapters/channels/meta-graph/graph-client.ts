/**
 * A small fetch-based client for the pinned Graph API version (Facebook Pages, Instagram publishing).
 * It exists so both adapters share one careful transport: the token travels in the Authorization header
 * (never in a URL, where proxies log it), redirects are never followed (the header would go along), the
 * answer is read up to a cap (Graph answers are a few hundred bytes; a 1 MiB answer is a wrong host),
 * the caller's signal and our own timeout both abort the call, and every failure becomes a
 * GraphCallError (a DeliveryError) with a stable code and no provider text.
 *
 * @example
 *   const graph = createGraphClient({ baseUrl: 'https://graph.facebook.com', version: 'v24.0', token });
 *   const { post_id } = await graph.call({ method: 'POST', path: [pageId, 'photos'], multipart: form, signal });
 */
import { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';
import { graphFailure, transportFailure } from './graph-errors.ts';

export interface GraphClientConfig {
  /** Without the version, e.g. https://graph.facebook.com (ChannelsConfig['graph'].baseUrl). */
  readonly baseUrl: string;
  /** Pinned version, e.g. v24.0. */
  readonly version: string;
  readonly token: string;
}

export interface GraphClientOptions {
  /** Abandon a call after this long (ChannelsConfig.timeoutMs); the caller's signal may end it sooner. */
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  readonly now?: () => Date;
}

export type GraphObject = { readonly [key: string]: unknown };

export interface GraphCall {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path segments under the version (each is URL-encoded): ['123', 'photos']. */
  readonly path: readonly string[];
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as application/x-www-form-urlencoded (keeps captions out of URLs). */
  readonly form?: Readonly<Record<string, string>>;
  readonly multipart?: FormData;
  readonly signal: AbortSignal;
}

export interface GraphClient {
  call(call: GraphCall): Promise<GraphObject>;
}

export const DEFAULT_GRAPH_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

async function readCapped(response: Response, max: number): Promise<Buffer> {
  if (Number(response.headers.get('content-length') ?? 0) > max) {
    await response.body?.cancel();
    throw transportFailure('graph_response_too_large');
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw transportFailure('graph_response_too_large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The JSON body, or undefined when there is none or it is not JSON. Old Graph versions answer DELETE with `true`. */
function parseBody(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (value === true) return { success: true };
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function createGraphClient(config: GraphClientConfig, options: GraphClientOptions = {}): GraphClient {
  const root = `${config.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.version)}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_GRAPH_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const now = options.now ?? (() => new Date());

  return {
    async call(call) {
      const url = new URL(`${root}/${call.path.map((s) => encodeURIComponent(s)).join('/')}`);
      for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
      const headers: Record<string, string> = { authorization: `Bearer ${config.token}`, accept: 'application/json' };
      let body: FormData | string | undefined;
      if (call.multipart) body = call.multipart;
      else if (call.form) {
        body = new URLSearchParams(call.form).toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      }
      const signal = AbortSignal.any([call.signal, AbortSignal.timeout(timeoutMs)]);
      try {
        if (signal.aborted) throw transportFailure('timeout');
        const response = await fetch(url, { method: call.method, headers, body, redirect: 'manual', signal });
        const parsed = parseBody(await readCapped(response, maxBytes));
        const failure = graphFailure({ status: response.status, body: parsed, headers: response.headers, now: now() });
        if (failure) throw failure;
        return parsed as GraphObject;
      } catch (err) {
        if (err instanceof DeliveryError) throw err;
        // The dispatcher's signal is its timeout, so either abort is a timeout; the cause is not kept
        // (undici's errors can quote the URL or the request).
        throw transportFailure(signal.aborted ? 'timeout' : 'connection_error');
      }
    },
  };
}
