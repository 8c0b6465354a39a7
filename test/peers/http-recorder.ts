/**
 * A loopback HTTP peer for channel tests: it records every request (method, path, headers, raw body)
 * and answers with what the test programmed — a status with headers and a body, after a delay, never
 * (a hung peer, for timeouts), or with bytes that are not HTTP at all (a broken peer). Answers are
 * taken from a queue in order; when the queue is empty the default answer (201, empty) is used.
 * `close()` ends hung connections too, so a test never waits on its own peer.
 *
 * @example
 *   const peer = await startHttpRecorder();
 *   after(() => peer.close());
 *   peer.enqueue({ status: 429, headers: { 'retry-after': '7' } }, { status: 200, body: '{"id":"p1"}' });
 *   await fetch(`${peer.url}/hook`, { method: 'POST', body: 'x' });
 *   peer.requests[0]?.body.toString(); // 'x'
 *   const form = await peer.requests[0]?.formData(); // multipart/form-data, parsed by the platform's own parser
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface PeerAnswer {
  /** Status code; 201 by default. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Wait this long before answering (the request is recorded at once). */
  readonly delayMs?: number;
  /** Never answer: the connection stays open until the client gives up or the peer closes. */
  readonly hang?: true;
  /** Write these raw bytes instead of an HTTP response, then close the connection. */
  readonly garbage?: string | Buffer;
  /** Drop the connection without a byte of response. */
  readonly reset?: true;
}

export interface RecordedRequest {
  readonly method: string;
  /** Path and query as received, e.g. "/hooks/tifli?x=1". */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Parses the body with the platform's fetch parser (multipart/form-data or urlencoded). */
  formData(): Promise<FormData>;
}

export interface HttpRecorder {
  /** Base URL, e.g. http://127.0.0.1:43121 (no trailing slash). */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Answers for the next requests, in order. */
  enqueue(...answers: PeerAnswer[]): void;
  /** The answer once the queue is empty (201 with no body unless set). */
  setDefault(answer: PeerAnswer): void;
  /** Forgets recorded requests and queued answers. */
  reset(): void;
  close(): Promise<void>;
}

function recorded(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer, base: string): RecordedRequest {
  return {
    method,
    path,
    headers,
    body,
    formData: () => {
      const contentType = headers['content-type'] ?? '';
      return new Request(new URL(path, base), { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) }).formData();
    },
  };
}

async function answer(res: ServerResponse, socket: Socket, a: PeerAnswer, timers: Set<NodeJS.Timeout>): Promise<void> {
  if (a.delayMs) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, a.delayMs);
      timers.add(timer);
    });
    if (socket.destroyed) return;
  }
  if (a.hang) return;
  if (a.reset) {
    socket.destroy();
    return;
  }
  if (a.garbage !== undefined) {
    socket.end(a.garbage);
    return;
  }
  res.writeHead(a.status ?? 201, { ...a.headers });
  res.end(a.body ?? '');
}

export async function startHttpRecorder(): Promise<HttpRecorder> {
  const requests: RecordedRequest[] = [];
  const queue: PeerAnswer[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let fallback: PeerAnswer = { status: 201 };
  let base = '';

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push(recorded(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks), base));
      void answer(res, req.socket, queue.shift() ?? fallback, timers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    enqueue: (...answers) => void queue.push(...answers),
    setDefault: (a) => {
      fallback = a;
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
