/**
 * The TOTP second factor: enrolment (a new seed shown once as an otpauth URI and QR code, confirmed
 * by a first valid code) and verification at each sign-in. A code is accepted once: the time step
 * it belongs to must be later than the last accepted one. Wrong codes count towards the lockout
 * like wrong passwords. Success replaces the half-signed-in session by a complete one.
 *
 * @example
 *   const { otpauthUri, qrSvgDataUrl } = await startTotpEnrolment(ctx, session);
 *   const issued = await confirmTotpEnrolment(ctx, session, '123456', client);
 */
import { AppError } from '../../domain/errors.ts';
import { lockSecondsRemaining } from '../../domain/accounts/lockout.ts';
import { isFreshTotpStep } from '../../domain/accounts/session-rules.ts';
import { findUserById, updateUser, type UserRow } from '../../store/repositories/users.repository.ts';
import type { AppContext } from '../context.ts';
import { audit } from '../audit/audit.ts';
import { accountLocked, recordFailedAttempt } from './failed-attempts.ts';
import { rotateSession, type ActiveSession, type ClientInfo, type IssuedSession } from './sessions.ts';
import { matchTotp, newTotpSeed, openTotpSeed, sealTotpSeed, totpQrDataUrl, totpUri } from './totp.ts';

export interface TotpEnrolment {
  readonly otpauthUri: string;
  readonly qrSvgDataUrl: string;
  /** The seed in base32, for typing into an app that cannot scan. */
  readonly secret: string;
}

const wrongCode = (): AppError => new AppError('second_factor_invalid', 'The code is wrong, expired or already used.');

function requireStage(session: ActiveSession, stage: ActiveSession['stage']): void {
  if (session.stage === stage) return;
  switch (session.stage) {
    case 'complete':
      throw new AppError('conflict', 'This session has already passed the second factor.');
    case 'second_factor':
      throw new AppError('conflict', 'The second factor is already enrolled: send a code instead.');
    case 'enrol_second_factor':
      throw new AppError('second_factor_enrolment_required', 'Enrol the second factor first.');
  }
}

export async function startTotpEnrolment(ctx: AppContext, session: ActiveSession): Promise<TotpEnrolment> {
  requireStage(session, 'enrol_second_factor');
  const seed = newTotpSeed();
  await ctx.store.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await updateUser(trx, session.user.id, { totp_secret_enc: sealTotpSeed(ctx.keys, session.user.id, seed), totp_enabled_at: null, totp_last_step: null, updated_at: now });
    await audit(trx, ctx.clock, session.user, { objectType: 'user', objectId: session.user.id, action: 'user.second_factor_enrolment_started' });
  });
  const otpauthUri = totpUri(seed, session.user.username);
  return { otpauthUri, qrSvgDataUrl: await totpQrDataUrl(otpauthUri), secret: seed };
}

type CheckOutcome = { readonly ok: true; readonly issued: IssuedSession } | { readonly ok: false; readonly reason: 'wrong' | 'replayed' | 'locked'; readonly retryAfter?: number };

async function checkCode(ctx: AppContext, session: ActiveSession, code: string, client: ClientInfo, mode: 'confirm' | 'verify'): Promise<IssuedSession> {
  const outcome = await ctx.store.db.transaction().execute(async (trx): Promise<CheckOutcome> => {
    const now = ctx.clock.now();
    const user: UserRow | undefined = await findUserById(trx, session.user.id, { forUpdate: true });
    if (!user || user.disabled_at !== null) throw new AppError('session_expired');
    const lockedFor = lockSecondsRemaining(user.locked_until, now);
    if (lockedFor !== undefined) return { ok: false, reason: 'locked', retryAfter: lockedFor };
    if (user.totp_secret_enc === null) throw new AppError('conflict', 'Start the second-factor enrolment first.');
    if ((mode === 'confirm') !== (user.totp_enabled_at === null)) throw new AppError('conflict', 'The second factor changed meanwhile; sign in again.');
    const step = matchTotp(openTotpSeed(ctx.keys, user.id, user.totp_secret_enc), code, now);
    if (step === undefined) return { ok: false, reason: 'wrong' };
    if (!isFreshTotpStep(user.totp_last_step, step)) return { ok: false, reason: 'replayed' };
    await updateUser(trx, user.id, {
      totp_last_step: step,
      failed_logins: 0,
      locked_until: null,
      ...(mode === 'confirm' ? { totp_enabled_at: now } : {}),
      updated_at: now,
    });
    const issued = await rotateSession(trx, ctx, session.idHash, { ...user, totp_enabled_at: mode === 'confirm' ? now : user.totp_enabled_at }, true, client);
    await audit(trx, ctx.clock, session.user, { objectType: 'user', objectId: user.id, action: mode === 'confirm' ? 'user.second_factor_enrolled' : 'session.second_factor_passed' });
    return { ok: true, issued };
  });
  if (outcome.ok) return outcome.issued;
  if (outcome.reason === 'locked') throw accountLocked(outcome.retryAfter ?? 60);
  const locked = await recordFailedAttempt(ctx, session.user.id, 'session.second_factor_failed', outcome.reason, session.user);
  throw locked === undefined ? wrongCode() : accountLocked(locked);
}

/** Confirms a pending enrolment with its first code; completes the session. */
export async function confirmTotpEnrolment(ctx: AppContext, session: ActiveSession, code: string, client: ClientInfo): Promise<IssuedSession> {
  requireStage(session, 'enrol_second_factor');
  return checkCode(ctx, session, code, client, 'confirm');
}

/** Checks the code of an enrolled user; completes the session. */
export async function verifySecondFactor(ctx: AppContext, session: ActiveSession, code: string, client: ClientInfo): Promise<IssuedSession> {
  requireStage(session, 'second_factor');
  return checkCode(ctx, session, code, client, 'verify');
}
