/**
 * Who is calling: every request gets `request.actor` (a PublicActor unless proven otherwise) from
 * either `Authorization: Bearer <api token>` or the `tifli_session` cookie. A cookie-authenticated
 * unsafe request (POST, PUT, PATCH, DELETE) must carry the session's CSRF token in `x-csrf-token`.
 * Failures do not answer by themselves: public routes keep working as the public, and the helpers
 * below turn the failure into the right 401/403 when a route needs someone.
 *
 * @example
 *   app.post('/api/users', { onRequest: [guard('user.create')] }, async (request) => {
 *     const actor = requireUser(request);           // UserActor, or throws 401/403
 *     await createUser(ctx, actor, request.body);    // the use case checks the target's jurisdiction
 *   });
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, TokenActor, UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { assertAllowed, type PolicyTarget } from '../../domain/policy/policy.ts';
import type { Action } from '../../domain/policy/rules.ts';
import type { AppContext } from '../../app/context.ts';
import { resolveApiToken } from '../../app/accounts/api-tokens.ts';
import { resolveSession, type ActiveSession, type ClientInfo } from '../../app/accounts/sessions.ts';
import { safeEqual } from '../../app/accounts/secrets.ts';
import { clearSessionCookie, SESSION_COOKIE } from './session-cookie.ts';
import { registerAuthRateLimit } from './rate-limit.ts';

export type AuthState =
  | { readonly kind: 'anonymous' }
  /** Credentials were sent but are not good: the error a protected route answers with. */
  | { readonly kind: 'rejected'; readonly error: AppError }
  /** A live session at any stage; `request.actor` is the user only once the stage is complete. */
  | { readonly kind: 'session'; readonly session: ActiveSession }
  | { readonly kind: 'token'; readonly actor: TokenActor };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    authState: AuthState;
  }
}

const ANONYMOUS: AuthState = { kind: 'anonymous' };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEARER = /^Bearer +(\S+) *$/i;

const rejected = (error: AppError): AuthState => ({ kind: 'rejected', error });

function csrfMatches(header: string | string[] | undefined, expected: string): boolean {
  return typeof header === 'string' && safeEqual(header, expected);
}

async function authenticate(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  request.actor = { kind: 'public', ip: request.ip };
  request.authState = ANONYMOUS;

  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const token = BEARER.exec(authorization)?.[1];
    if (token === undefined) {
      request.authState = rejected(new AppError('token_invalid', 'Send the API token as "Authorization: Bearer <token>".'));
      return;
    }
    try {
      const actor = await resolveApiToken(ctx, token, request.ip);
      request.actor = actor;
      request.authState = { kind: 'token', actor };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      request.authState = rejected(err);
    }
    return;
  }

  const raw = request.cookies[SESSION_COOKIE];
  if (raw === undefined) return;
  const resolved = await resolveSession(ctx, raw, request.ip);
  switch (resolved.status) {
    case 'invalid':
      clearSessionCookie(reply);
      request.authState = rejected(new AppError('authentication_required', 'The session cookie is not valid. Sign in again.'));
      return;
    case 'expired':
      clearSessionCookie(reply);
      request.authState = rejected(new AppError('session_expired', 'Your session has ended. Sign in again.'));
      return;
    case 'active':
      break;
  }
  if (!SAFE_METHODS.has(request.method) && !csrfMatches(request.headers['x-csrf-token'], resolved.csrfToken)) {
    request.authState = rejected(new AppError('csrf_failed', 'Send the session\'s CSRF token in the x-csrf-token header.'));
    return;
  }
  request.authState = { kind: 'session', session: resolved };
  if (resolved.stage === 'complete') request.actor = resolved.user;
}

/**
 * Installs cookies, the sign-in rate limit and authentication on the root instance, so every route
 * registered afterwards sees `request.actor`. Call before registering routes.
 */
export async function registerAuthentication(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(cookie);
  await registerAuthRateLimit(app);
  app.decorateRequest('actor');
  app.decorateRequest('authState');
  app.addHook('onRequest', async (request, reply) => authenticate(ctx, request, reply));
}

/** The signed-in user or API token behind the request; throws the pending 401/403 otherwise. */
export function requireActor(request: FastifyRequest): UserActor | TokenActor {
  const s = request.authState;
  switch (s.kind) {
    case 'anonymous':
      throw new AppError('authentication_required', 'Sign in, or send an API token.');
    case 'rejected':
      throw s.error;
    case 'token':
      return s.actor;
    case 'session':
      switch (s.session.stage) {
        case 'complete':
          return s.session.user;
        case 'second_factor':
          throw new AppError('second_factor_required', 'Enter the code from your authenticator app first.');
        case 'enrol_second_factor':
          throw new AppError('second_factor_enrolment_required', 'Set up your authenticator app first.');
      }
  }
}

/** A signed-in staff member (fully, with the second factor when the role needs it); API tokens get 403. */
export function requireUser(request: FastifyRequest): UserActor {
  const actor = requireActor(request);
  if (actor.kind !== 'user') throw new AppError('forbidden', 'This needs a signed-in user, not an API token.');
  return actor;
}

/** Same as requireUser: staff are users, machine clients are not. */
export const requireStaff = requireUser;

/** requireActor, then the policy check for `action` (and the target's jurisdiction, when given). */
export function authorize(request: FastifyRequest, action: Action, target?: PolicyTarget): UserActor | TokenActor {
  const actor = requireActor(request);
  assertAllowed(actor, action, target);
  return actor;
}

/** onRequest gate: authentication and the role/scope check for `action`, before the body is even read. */
export function guard(action: Action): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    authorize(request, action);
  };
}

/** The browser session at whatever stage (for the second-factor steps, GET /api/session and logout). */
export function requireSession(request: FastifyRequest): ActiveSession {
  const s = request.authState;
  switch (s.kind) {
    case 'anonymous':
      throw new AppError('authentication_required', 'Sign in first.');
    case 'rejected':
      throw s.error;
    case 'token':
      throw new AppError('forbidden', 'API tokens have no session.');
    case 'session':
      return s.session;
  }
}

/** onRequest gate for routes that need a browser session at any stage. */
export async function sessionGate(request: FastifyRequest): Promise<void> {
  requireSession(request);
}

export const clientOf = (request: FastifyRequest): ClientInfo => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
