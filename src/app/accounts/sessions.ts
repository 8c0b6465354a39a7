/**
 * Browser sessions: issuing (a random id in the cookie, its sha256 in the row, a CSRF token beside
 * it), resolving a cookie back to its user and stage, keeping it alive, and ending it.
 *
 * @example
 *   const issued = await issueSession(trx, ctx, user, { secondFactorDone: false }, client);
 *   const s = await resolveSession(ctx, cookieValue, ip); // { status: 'active', ... } | expired | invalid
 */
import type { Kysely, Transaction } from 'kysely';
import type { UserActor } from '../../domain/actor.ts';
import { isSessionExpired, sessionStage, type SessionStage } from '../../domain/accounts/session-rules.ts';
import type { DB } from '../../store/schema.ts';
import { findSessionByHash, insertSession, revokeSession, touchSession } from '../../store/repositories/sessions.repository.ts';
import { findUserById } from '../../store/repositories/users.repository.ts';
import type { AppContext } from '../context.ts';
import { audit } from '../audit/audit.ts';
import { roleOf, userActorOf } from './actors.ts';
import { randomToken, sha256Hex, TOKEN_PATTERN } from './secrets.ts';

/** Where the request came from, recorded on the session and in audit entries. */
export interface ClientInfo {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export interface IssuedSession {
  /** The cookie value: shown to the client once, stored only as a hash. */
  readonly token: string;
  readonly csrfToken: string;
  readonly stage: SessionStage;
  readonly userId: string;
  readonly expiresAt: Date;
}

/** Touch last_seen_at at most this often, so busy consoles do not write on every request. */
const TOUCH_EVERY_MS = 60_000;
const USER_AGENT_MAX = 256;

export async function issueSession(
  trx: Kysely<DB>,
  ctx: Pick<AppContext, 'clock' | 'config'>,
  user: { readonly id: string; readonly role: string; readonly totp_enabled_at: Date | null },
  secondFactorDone: boolean,
  client: ClientInfo,
): Promise<IssuedSession> {
  const now = ctx.clock.now();
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + ctx.config.session.maxHours * 3_600_000);
  await insertSession(trx, {
    idHash: sha256Hex(token),
    userId: user.id,
    csrfToken,
    secondFactorDone,
    ip: client.ip,
    userAgent: client.userAgent ? client.userAgent.slice(0, USER_AGENT_MAX) : null,
    at: now,
    expiresAt,
  });
  const stage = sessionStage({ role: roleOf(user), totpEnrolled: user.totp_enabled_at !== null, secondFactorDone });
  return { token, csrfToken, stage, userId: user.id, expiresAt };
}

export interface ActiveSession {
  readonly status: 'active';
  readonly idHash: string;
  readonly csrfToken: string;
  readonly stage: SessionStage;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
  readonly user: UserActor;
  readonly displayName: string;
  readonly locale: 'ar' | 'fr';
  readonly totpEnrolled: boolean;
}

export type ResolvedSession = ActiveSession | { readonly status: 'expired' } | { readonly status: 'invalid' };

/**
 * The session a cookie value names. `invalid`: not a well-formed id, or no such session.
 * `expired`: idle too long, past its absolute limit, revoked, or its user disabled.
 */
export async function resolveSession(ctx: AppContext, token: string, ip: string | null): Promise<ResolvedSession> {
  if (!TOKEN_PATTERN.test(token)) return { status: 'invalid' };
  const idHash = sha256Hex(token);
  const db = ctx.store.db;
  const row = await findSessionByHash(db, idHash);
  if (!row) return { status: 'invalid' };
  const now = ctx.clock.now();
  if (isSessionExpired({ expiresAt: row.expires_at, lastSeenAt: row.last_seen_at, revokedAt: row.revoked_at }, now, ctx.config.session.idleMinutes)) return { status: 'expired' };
  const user = await findUserById(db, row.user_id);
  if (!user || user.disabled_at !== null) return { status: 'expired' };
  if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) await touchSession(db, idHash, now);
  const totpEnrolled = user.totp_enabled_at !== null;
  return {
    status: 'active',
    idHash,
    csrfToken: row.csrf_token,
    stage: sessionStage({ role: roleOf(user), totpEnrolled, secondFactorDone: row.second_factor_done }),
    expiresAt: row.expires_at,
    lastSeenAt: now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS ? now : row.last_seen_at,
    user: await userActorOf(db, user, ip),
    displayName: user.display_name,
    locale: user.locale,
    totpEnrolled,
  };
}

/** Ends the session (POST /api/auth/logout). */
export async function endSession(ctx: AppContext, session: ActiveSession): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    await revokeSession(trx, session.idHash, ctx.clock.now());
    await audit(trx, ctx.clock, session.user, { objectType: 'user', objectId: session.user.id, action: 'session.logout' });
  });
}

/** Replaces a session by a new one (new id, new CSRF token): used when it gains privilege. */
export async function rotateSession(
  trx: Transaction<DB>,
  ctx: AppContext,
  oldIdHash: string,
  user: { readonly id: string; readonly role: string; readonly totp_enabled_at: Date | null },
  secondFactorDone: boolean,
  client: ClientInfo,
): Promise<IssuedSession> {
  await revokeSession(trx, oldIdHash, ctx.clock.now());
  return issueSession(trx, ctx, user, secondFactorDone, client);
}
