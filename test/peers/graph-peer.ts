/**
 * A Meta Graph API peer on loopback for the Facebook and Instagram adapters' tests: a real HTTP server
 * that speaks the documented request and response shapes (shared/specs/channels.md §2), not a mock of
 * the adapters. It checks the pinned version in the path and the token (Authorization: Bearer, or the
 * access_token parameter; a wrong one gets Graph's 190 OAuthException), parses multipart uploads and
 * requires a JPEG `source`, keeps Page posts and deletes them, runs Instagram containers that stay
 * IN_PROGRESS for a number of polls, counts the publishing quota, and records every request (headers
 * without the token, body text or form fields and files) so tests can assert on what was sent.
 *
 * Faults are programmable: the next N matching calls answer with a Graph error (code, subcode, HTTP
 * status, headers such as X-Business-Use-Case-Usage), a plain HTTP error, a garbage body, a slow answer,
 * or a reset connection.
 *
 * @example
 *   const peer = await startGraphPeer({ tokens: ['page-token'], containerPolls: 2 });
 *   peer.fail({ kind: 'graph', code: 613, headers: { 'x-business-use-case-usage': '{"1":[{"estimated_time_to_regain_access":5}]}' } });
 *   // … config.graph.baseUrl = peer.url, config.graph.version = peer.version
 *   await peer.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedFile {
  readonly name: string;
  readonly type: string;
  readonly bytes: Buffer;
}

export interface RecordedRequest {
  readonly method: string;
  /** Path with the version, e.g. /v24.0/1000000001/photos. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Request headers, lower-case, without Authorization. */
  readonly headers: Readonly<Record<string, string>>;
  /** Raw body text for non-multipart bodies, null for multipart or none. */
  readonly text: string | null;
  /** Form fields (multipart or urlencoded body). */
  readonly fields: Readonly<Record<string, string>>;
  readonly files: Readonly<Record<string, RecordedFile>>;
}

export type GraphFault =
  | { readonly kind: 'graph'; readonly code: number; readonly subcode?: number; readonly status?: number; readonly type?: string; readonly headers?: Readonly<Record<string, string>> }
  | { readonly kind: 'http'; readonly status: number; readonly body?: string; readonly headers?: Readonly<Record<string, string>> }
  | { readonly kind: 'garbage'; readonly status?: number; readonly body?: string }
  | { readonly kind: 'slow'; readonly delayMs: number }
  | { readonly kind: 'reset' };

export interface PagePost {
  readonly pageId: string;
  readonly message: string;
  readonly image: Buffer;
}

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface Container {
  readonly imageUrl: string;
  readonly caption: string;
  pollsLeft: number;
  status: ContainerStatus;
  /** What the container turns into once its IN_PROGRESS polls are used up. */
  readonly outcome: 'FINISHED' | 'ERROR' | 'EXPIRED';
}

export interface GraphPeerOptions {
  readonly version?: string;
  readonly tokens?: readonly string[];
  readonly pageId?: string;
  readonly igUserId?: string;
  /** IN_PROGRESS answers each new container gives before its outcome. */
  readonly containerPolls?: number;
  readonly quota?: { readonly usage: number; readonly total: number; readonly duration?: number };
}

export interface GraphPeer {
  /** Base URL without the version: ChannelsConfig['graph'].baseUrl. */
  readonly url: string;
  readonly version: string;
  readonly pageId: string;
  readonly igUserId: string;
  readonly requests: RecordedRequest[];
  /** Live Page posts by post id ("{page}_{n}"). */
  readonly posts: Map<string, PagePost>;
  readonly deleted: string[];
  readonly containers: Map<string, Container>;
  /** Published Instagram media by media id. */
  readonly media: Map<string, { readonly imageUrl: string; readonly caption: string }>;
  readonly quota: { usage: number; total: number; duration: number };
  containerPolls: number;
  /** The next container's outcome (then back to FINISHED). */
  nextContainerOutcome: Container['outcome'];
  /** The next `times` requests matching `match` (all by default) fail with `fault`. */
  fail(fault: GraphFault, times?: number, match?: (req: RecordedRequest) => boolean): void;
  /** A post that exists before the test (as if published earlier). */
  seedPost(message?: string): string;
  close(): Promise<void>;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };
const isJpeg = (b: Buffer): boolean => b.length > 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff && b.at(-2) === 0xff && b.at(-1) === 0xd9;

function send(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { ...JSON_HEADERS, ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

let trace = 0;
function graphError(res: ServerResponse, code: number, message: string, extra: { subcode?: number; status?: number; type?: string; headers?: Readonly<Record<string, string>> } = {}): void {
  const error = { message, type: extra.type ?? (code === 190 ? 'OAuthException' : 'GraphMethodException'), code, ...(extra.subcode === undefined ? {} : { error_subcode: extra.subcode }), fbtrace_id: `Atrace${++trace}` };
  send(res, extra.status ?? 400, { error }, extra.headers);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseRequest(req: IncomingMessage, url: URL): Promise<RecordedRequest> {
  const raw = await readBody(req);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (k !== 'authorization' && typeof v === 'string') headers[k] = v;
  const type = headers['content-type'] ?? '';
  const fields: Record<string, string> = {};
  const files: Record<string, RecordedFile> = {};
  const form = /^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type);
  if (form && raw.length > 0) {
    const data = await new Request(url, { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
    for (const [name, value] of data.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else files[name] = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
    }
  }
  const multipart = type.toLowerCase().startsWith('multipart/');
  return { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, text: multipart || raw.length === 0 ? null : raw.toString('utf8'), fields, files };
}

export async function startGraphPeer(options: GraphPeerOptions = {}): Promise<GraphPeer> {
  const version = options.version ?? 'v24.0';
  const tokens = new Set(options.tokens ?? ['test-graph-token']);
  const pageId = options.pageId ?? '1000000001';
  const igUserId = options.igUserId ?? '17841400000000002';
  const faults: { fault: GraphFault; left: number; match: (r: RecordedRequest) => boolean }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let next = 100;
  const newId = () => String(++next);

  const peer: GraphPeer = {
    url: '',
    version,
    pageId,
    igUserId,
    requests: [],
    posts: new Map(),
    deleted: [],
    containers: new Map(),
    media: new Map(),
    quota: { usage: options.quota?.usage ?? 0, total: options.quota?.total ?? 50, duration: options.quota?.duration ?? 86_400 },
    containerPolls: options.containerPolls ?? 0,
    nextContainerOutcome: 'FINISHED',
    fail(fault, times = 1, match = () => true) {
      faults.push({ fault, left: times, match });
    },
    seedPost(message = 'earlier post') {
      const id = `${pageId}_${newId()}`;
      peer.posts.set(id, { pageId, message, image: Buffer.alloc(0) });
      return id;
    },
    close: async () => undefined,
  };

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  /** Applies a pending fault; returns true when the request is answered (or dropped) by it. */
  async function applyFault(r: RecordedRequest, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const entry = faults.find((f) => f.match(r));
    if (!entry) return false;
    if (--entry.left <= 0) faults.splice(faults.indexOf(entry), 1);
    const f = entry.fault;
    switch (f.kind) {
      case 'graph':
        graphError(res, f.code, `(#${f.code}) Simulated failure`, { subcode: f.subcode, status: f.status, type: f.type ?? 'OAuthException', headers: f.headers });
        return true;
      case 'http':
        send(res, f.status, f.body ?? '', { 'content-type': 'text/html', ...f.headers });
        return true;
      case 'garbage':
        send(res, f.status ?? 200, f.body ?? '{"id":"12', { 'content-type': 'application/json' });
        return true;
      case 'slow':
        await delay(f.delayMs);
        return false;
      case 'reset':
        req.socket.destroy();
        return true;
    }
  }

  function route(r: RecordedRequest, res: ServerResponse): void {
    const [, ...parts] = r.path.split('/').filter(Boolean);
    const key = `${r.method} ${parts.length === 2 ? `{id}/${parts[1]}` : '{id}'}`;
    const [id = '', edge] = parts;
    if (parts.length === 0 || parts.length > 2) return graphError(res, 2500, 'Unknown path components', { type: 'OAuthException' });
    if (key === 'POST {id}/photos' && id === pageId) {
      const source = r.files.source;
      if (!source || !isJpeg(source.bytes)) return graphError(res, 324, '(#324) Requires upload file', { type: 'OAuthException' });
      const photo = newId();
      const postId = `${pageId}_${newId()}`;
      // multipart/form-data turns line breaks into CRLF (HTML's form encoding); the post shows plain lines.
      const message = (r.fields.message ?? r.fields.caption ?? '').replace(/\r\n/g, '\n');
      peer.posts.set(postId, { pageId, message, image: source.bytes });
      return send(res, 200, { id: photo, post_id: postId });
    }
    if (key === 'DELETE {id}') {
      if (!peer.posts.delete(id)) return graphError(res, 100, `Unsupported delete request. Object with ID '${id}' does not exist`, { subcode: 33 });
      peer.deleted.push(id);
      return send(res, 200, { success: true });
    }
    const params = { ...r.query, ...r.fields };
    if (key === 'GET {id}/content_publishing_limit' && id === igUserId) {
      return send(res, 200, { data: [{ quota_usage: peer.quota.usage, config: { quota_total: peer.quota.total, quota_duration: peer.quota.duration } }] });
    }
    if (key === 'POST {id}/media' && id === igUserId) {
      const imageUrl = params.image_url ?? '';
      if (!/^https?:\/\/\S+$/.test(imageUrl)) return graphError(res, 9004, 'Media download has failed', { subcode: 2207052, type: 'OAuthException' });
      if ((params.caption ?? '').length > 2200) return graphError(res, 100, 'Invalid parameter', { subcode: 2207010, type: 'OAuthException' });
      const container = newId();
      peer.containers.set(container, { imageUrl, caption: params.caption ?? '', pollsLeft: peer.containerPolls, status: 'IN_PROGRESS', outcome: peer.nextContainerOutcome });
      peer.nextContainerOutcome = 'FINISHED';
      return send(res, 200, { id: container });
    }
    if (key === 'POST {id}/media_publish' && id === igUserId) {
      const container = peer.containers.get(params.creation_id ?? '');
      if (!container || container.status !== 'FINISHED') return graphError(res, 9007, 'Media ID is not available', { subcode: 2207027, type: 'OAuthException' });
      if (peer.quota.usage >= peer.quota.total) return graphError(res, 9, 'Application request limit reached', { subcode: 2207042, type: 'OAuthException', status: 403 });
      container.status = 'PUBLISHED';
      peer.quota.usage++;
      const mediaId = newId();
      peer.media.set(mediaId, { imageUrl: container.imageUrl, caption: container.caption });
      return send(res, 200, { id: mediaId });
    }
    const container = peer.containers.get(id);
    if (key === 'GET {id}' && container && edge === undefined) {
      if (container.status === 'IN_PROGRESS') {
        if (container.pollsLeft > 0) container.pollsLeft--;
        else container.status = container.outcome;
      }
      return send(res, 200, { status_code: container.status, id });
    }
    return graphError(res, 100, `Unsupported ${r.method.toLowerCase()} request. Object with ID '${id}' does not exist`, { subcode: 33 });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const r = await parseRequest(req, url);
    peer.requests.push(r);
    if (await applyFault(r, req, res)) return;
    if (url.pathname.split('/')[1] !== version) return graphError(res, 2500, 'Unknown path components', { type: 'OAuthException' });
    const auth = /^(?:Bearer|OAuth) (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? r.query.access_token ?? r.fields.access_token;
    if (!auth || !tokens.has(auth)) {
      return graphError(res, 190, 'Invalid OAuth access token - Cannot parse access token', { type: 'OAuthException', headers: { 'www-authenticate': 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token"' } });
    }
    route(r, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: { message: 'peer failure', type: 'FacebookApiException', code: 1 } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(peer, {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  return peer;
}
