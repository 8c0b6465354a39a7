/**
 * The security headers of every answer, through @fastify/helmet: a strict Content-Security-Policy
 * (scripts, styles, fonts and connections from our own origin only; no inline script or style, no
 * eval, no plugins, no framing, forms post only to us), HSTS for a year with subdomains, nosniff,
 * no referrer. The public pages are written for it (no script, no inline style: http/public/layout.ts)
 * and so is the console's build (external module scripts only).
 *
 * Answers Fastify gives before any hook runs (a path with broken percent-encoding) get the same core
 * headers from FALLBACK_SECURITY_HEADERS, built from the same constants.
 *
 * @example
 *   await registerSecurityHeaders(app);
 *   void reply.headers(FALLBACK_SECURITY_HEADERS); // only where helmet's hook has not run
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const;

export const HSTS = { maxAge: 31_536_000, includeSubDomains: true } as const;

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The CSP header value, as helmet writes it. */
export const CSP_HEADER = Object.entries(CSP_DIRECTIVES)
  .map(([name, values]) => `${kebab(name)} ${values.join(' ')}`)
  .join(';');

export const FALLBACK_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CSP_HEADER,
  'strict-transport-security': `max-age=${HSTS.maxAge}; includeSubDomains`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'SAMEORIGIN',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES } },
    strictTransportSecurity: { ...HSTS },
    crossOriginEmbedderPolicy: false,
  });
}
