/**
 * The session cookie: `tifli_session`, HttpOnly (no script can read it), Secure (HTTPS only;
 * browsers accept it on http://localhost too), SameSite=Strict (never sent on cross-site requests),
 * Path=/. No Max-Age: it ends with the browser, and the server ends it sooner when idle.
 */
import type { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'tifli_session';

const OPTIONS = { httpOnly: true, secure: true, sameSite: 'strict', path: '/' } as const;

export function setSessionCookie(reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, OPTIONS);
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, OPTIONS);
}
