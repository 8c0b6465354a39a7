/**
 * Caching rules of the public site, for browsers and a CDN in front of it, and the helpers that apply
 * them: a strong ETag on every answer and 304 Not Modified when the client already holds it.
 *
 * The one hard rule: when an alert ends, its page, its place in the list and its photo must be gone
 * from every cache within a minute. Pages of live alerts (and the list) may be served up to 30 s old,
 * and stale for 30 s more while the cache fetches a fresh copy, so a copy from just before the end is
 * replaced at most 60 s later. Ended pages are cached 30 s (they no longer change); photos 60 s.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const LIVE_PAGE_CACHE = 'public, max-age=30, stale-while-revalidate=30';
export const ENDED_PAGE_CACHE = 'public, max-age=30';
export const NOT_FOUND_CACHE = 'public, max-age=30';
export const PHOTO_CACHE = 'public, max-age=60';
export const FINGERPRINTED_ASSET_CACHE = 'public, max-age=31536000, immutable';
export const ASSET_CACHE = 'public, max-age=300';

/** A strong ETag of the bytes of an answer. */
export const etagOf = (body: string | Buffer): string => `"${createHash('sha1').update(body).digest('base64url')}"`;

/** An ETag from elsewhere (the photo store), quoted and limited to characters an ETag may hold. */
export function quotedEtag(tag: string): string {
  const bare = tag.replace(/^W\//, '').replace(/[^A-Za-z0-9._~+/=-]/g, '').slice(0, 100);
  return `"${bare}"`;
}

/** If-None-Match matches (weak comparison, as RFC 9110 asks for GET). */
export function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string' || header.length > 2048) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  const wanted = strip(etag);
  return header.split(',').some((t) => t.trim() === '*' || strip(t) === wanted);
}

export interface Representation {
  readonly status: number;
  readonly contentType: string;
  readonly body: string | Buffer;
  readonly cacheControl: string;
  readonly etag?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export function sendRepresentation(request: FastifyRequest, reply: FastifyReply, r: Representation): FastifyReply {
  const etag = r.etag ?? etagOf(r.body);
  void reply.header('cache-control', r.cacheControl).header('etag', etag);
  for (const [name, value] of Object.entries(r.headers ?? {})) void reply.header(name, value);
  if (r.status === 200 && notModified(request, etag)) return reply.code(304).send();
  return reply.code(r.status).type(r.contentType).send(r.body);
}
