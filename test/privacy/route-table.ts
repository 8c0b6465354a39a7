/**
 * Every route the HTTP application serves, read from Fastify's own router (printRoutes), not from the
 * OpenAPI document (which hides the public site) nor from any list kept by hand: a route added
 * tomorrow is in this table without anyone declaring it. Each entry comes with a URL that reaches it
 * (path parameters filled with well-formed placeholders).
 *
 * @example
 *   const routes = routeTable(app); // [{ method: 'GET', url: '/alerts/:publicId', path: '/alerts/ZZZZZZ9' }, …]
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  readonly method: string;
  /** As declared, e.g. `/api/cases/:id/photos/:photoId`. */
  readonly url: string;
  /** A concrete path that matches it. */
  readonly path: string;
}

const PLACEHOLDERS: Readonly<Record<string, () => string>> = {
  publicId: () => 'ZZZZZZ9',
  version: () => '1',
  file: () => 'ar-square.jpg',
};

export function concretePath(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string) => (PLACEHOLDERS[name] ?? randomUUID)()).replace(/\*$/, 'anything');
}

export function routeTable(app: Pick<FastifyInstance, 'printRoutes' | 'hasRoute'>): RouteEntry[] {
  const text = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const out: RouteEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^(.*?)(?:└── |├── )(.+?)(?: \(([A-Z, ]+)\))?\s*$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    if (!Number.isInteger(depth)) throw new Error(`unexpected printRoutes line: ${line}`);
    stack.length = depth;
    const parent = depth === 0 ? '' : (stack[depth - 1] ?? '');
    const segment = m[2] ?? '';
    // printRoutes shows `/console/*` as a `*` under `console`: the slash is implied.
    const url = segment === '*' && !parent.endsWith('/') ? `${parent}/*` : `${parent}${segment}`;
    stack[depth] = url;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) out.push({ method, url, path: concretePath(url) });
  }
  if (out.length < 20) throw new Error(`the route table looks wrong (${out.length} routes):\n${text}`);
  const unknown = out.filter((r) => !app.hasRoute({ method: r.method, url: r.url }));
  if (unknown.length) throw new Error(`routes read from printRoutes that the router does not have: ${unknown.map((r) => `${r.method} ${r.url}`).join(', ')}`);
  return out;
}

export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
