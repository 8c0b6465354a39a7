/**
 * One-time enrolment links: the first administrator's (printed by `tifli serve` on an empty system
 * and by `tifli users invite-admin`), and invitations for accounts an administrator created. A link
 * is `${PUBLIC_BASE_URL}/enrol#<token>`: the fragment never reaches a server log; the console sends
 * the token in a request body. Completing sets the password; the link then works no more.
 *
 * @example
 *   const link = await ensureFirstAdminEnrolment(ctx); // undefined when an administrator exists
 *   await completeEnrolment(ctx, token, { password: 'blue tagine at dusk', username: 'admin', displayName: 'Admin' }, client);
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor, Role } from '../../domain/actor.ts';
import { AppError, type FieldError } from '../../domain/errors.ts';
import { checkPassword } from '../../domain/accounts/password-policy.ts';
import { isValidUsername, normalizeUsername } from '../../domain/accounts/username.ts';
import type { DB, EnrolmentPurpose } from '../../store/schema.ts';
import { claimEnrolment, expireOpenEnrolments, findEnrolmentByHash, insertEnrolment, type EnrolmentRow } from '../../store/repositories/enrolments.repository.ts';
import { countActiveAdministrators, findUserById, insertUser, updateUser, usernameTaken, type UserRow } from '../../store/repositories/users.repository.ts';
import { ensureNationalJurisdiction, NATIONAL_JURISDICTION } from '../../store/repositories/jurisdictions.repository.ts';
import type { AppContext } from '../context.ts';
import { audit } from '../audit/audit.ts';
import { systemActor } from './actors.ts';
import { hashPassword } from './passwords.ts';
import { randomToken, sha256Hex, TOKEN_PATTERN } from './secrets.ts';
import type { ClientInfo } from './sessions.ts';

export interface EnrolmentLink {
  readonly url: string;
  /** The token alone, for operators who type it rather than follow the link. */
  readonly token: string;
  readonly expiresAt: Date;
}

const enrolmentInvalid = (): AppError => new AppError('enrolment_invalid', 'This enrolment link is unknown, already used or expired. Ask an administrator for a new one.');

export const enrolmentUrl = (ctx: Pick<AppContext, 'config'>, token: string): string => `${ctx.config.publicBaseUrl}/enrol#${token}`;

/** Creates an enrolment row inside the caller's transaction and returns its one-time link. */
export async function createEnrolment(
  trx: Kysely<DB>,
  ctx: Pick<AppContext, 'config' | 'clock'>,
  e: { readonly purpose: EnrolmentPurpose; readonly userId: string | null; readonly role: Role; readonly jurisdictionCode: string; readonly createdBy: string | null },
): Promise<EnrolmentLink & { readonly id: string }> {
  const now = ctx.clock.now();
  const token = randomToken();
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + ctx.config.enrolmentTtlMinutes * 60_000);
  await insertEnrolment(trx, { id, tokenHash: sha256Hex(token), purpose: e.purpose, userId: e.userId, role: e.role, jurisdictionCode: e.jurisdictionCode, createdBy: e.createdBy, at: now, expiresAt });
  return { id, url: enrolmentUrl(ctx, token), token, expiresAt };
}

/**
 * A fresh first-administrator link, closing earlier unused ones. Without `force` it does nothing
 * (returns undefined) when an administrator who can sign in already exists.
 */
export async function createFirstAdminEnrolment(ctx: AppContext, actor: Actor, options: { readonly force?: boolean } = {}): Promise<EnrolmentLink | undefined> {
  return ctx.store.db.transaction().execute(async (trx) => {
    if (!options.force && (await countActiveAdministrators(trx)) > 0) return undefined;
    const now = ctx.clock.now();
    await ensureNationalJurisdiction(trx, now);
    const closed = await expireOpenEnrolments(trx, 'first_admin', now);
    const link = await createEnrolment(trx, ctx, { purpose: 'first_admin', userId: null, role: 'administrator', jurisdictionCode: NATIONAL_JURISDICTION.code, createdBy: actor.kind === 'user' ? actor.id : null });
    await audit(trx, ctx.clock, actor, { objectType: 'enrolment', objectId: link.id, action: 'enrolment.create', details: { purpose: 'first_admin', closedEarlier: closed, forced: options.force === true } });
    return { url: link.url, token: link.token, expiresAt: link.expiresAt };
  });
}

/** At start-up: the first-administrator link when the system has no administrator yet. */
export const ensureFirstAdminEnrolment = (ctx: AppContext): Promise<EnrolmentLink | undefined> => createFirstAdminEnrolment(ctx, systemActor('bootstrap'));

async function openEnrolment(ctx: AppContext, token: string): Promise<{ row: EnrolmentRow; user: UserRow | undefined }> {
  if (!TOKEN_PATTERN.test(token)) throw enrolmentInvalid();
  const row = await findEnrolmentByHash(ctx.store.db, sha256Hex(token));
  if (!row || row.used_at !== null || row.expires_at.getTime() <= ctx.clock.now().getTime()) throw enrolmentInvalid();
  if (row.purpose !== 'first_admin' && row.purpose !== 'invite') throw enrolmentInvalid();
  const user = row.user_id ? await findUserById(ctx.store.db, row.user_id) : undefined;
  if (row.purpose === 'invite' && (!user || user.disabled_at !== null)) throw enrolmentInvalid();
  return { row, user };
}

export interface EnrolmentInfo {
  readonly purpose: 'first_admin' | 'invite';
  readonly username: string | null;
  readonly displayName: string | null;
  readonly role: string;
  readonly jurisdiction: string;
  readonly expiresAt: Date;
  /** The first administrator chooses a username and display name while enrolling. */
  readonly needsAccountDetails: boolean;
}

export async function inspectEnrolment(ctx: AppContext, token: string): Promise<EnrolmentInfo> {
  const { row, user } = await openEnrolment(ctx, token);
  const purpose = row.purpose === 'first_admin' ? 'first_admin' : 'invite';
  return {
    purpose,
    username: user?.username ?? null,
    displayName: user?.display_name ?? null,
    role: user?.role ?? row.role ?? 'administrator',
    jurisdiction: user?.jurisdiction_code ?? row.jurisdiction_code ?? NATIONAL_JURISDICTION.code,
    expiresAt: row.expires_at,
    needsAccountDetails: purpose === 'first_admin',
  };
}

export interface EnrolmentCompletion {
  readonly password: string;
  readonly username?: string | undefined;
  readonly displayName?: string | undefined;
  readonly locale?: 'ar' | 'fr' | undefined;
}

/** Sets the password (creating the account for the first administrator); returns the username to sign in with. */
export async function completeEnrolment(ctx: AppContext, token: string, input: EnrolmentCompletion, client: ClientInfo): Promise<{ readonly userId: string; readonly username: string }> {
  const { row, user } = await openEnrolment(ctx, token);
  let username: string;
  let displayName: string | undefined;
  if (row.purpose === 'first_admin') {
    const errors: FieldError[] = [];
    username = normalizeUsername(input.username ?? '');
    displayName = input.displayName?.trim();
    if (!isValidUsername(username)) errors.push({ field: 'username', message: 'is required: 3 to 64 letters, digits, dots, dashes or underscores' });
    if (!displayName) errors.push({ field: 'displayName', message: 'is required' });
    if (errors.length) throw new AppError('validation_failed', 'The account details are incomplete.', { errors });
  } else {
    if (!user) throw enrolmentInvalid();
    if (input.username !== undefined || input.displayName !== undefined) {
      throw new AppError('validation_failed', 'This invitation already names the account.', { errors: [{ field: input.username !== undefined ? 'username' : 'displayName', message: 'must not be sent for an invitation' }] });
    }
    username = user.username;
  }
  const problems = checkPassword(input.password, username);
  if (problems.length) throw new AppError('validation_failed', 'The password does not meet the policy.', { errors: problems });
  const passwordHash = await hashPassword(input.password);

  return ctx.store.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const claimed = await claimEnrolment(trx, row.id, now);
    if (!claimed) throw enrolmentInvalid();
    const anonymous = { kind: 'public' as const, ip: client.ip };
    if (claimed.purpose === 'first_admin') {
      if (await usernameTaken(trx, username)) throw new AppError('conflict', 'This username is taken; choose another.', { errors: [{ field: 'username', message: 'is taken' }] });
      const userId = randomUUID();
      await ensureNationalJurisdiction(trx, now);
      await insertUser(trx, { id: userId, username, displayName: displayName ?? username, role: 'administrator', jurisdictionCode: claimed.jurisdiction_code ?? NATIONAL_JURISDICTION.code, locale: input.locale ?? 'ar', passwordHash, at: now });
      await audit(trx, ctx.clock, anonymous, { objectType: 'user', objectId: userId, action: 'user.create', details: { role: 'administrator', via: 'first_admin_enrolment', enrolmentId: claimed.id } });
      await audit(trx, ctx.clock, anonymous, { objectType: 'enrolment', objectId: claimed.id, action: 'enrolment.complete', details: { purpose: 'first_admin', userId } });
      return { userId, username };
    }
    const current = claimed.user_id ? await findUserById(trx, claimed.user_id, { forUpdate: true }) : undefined;
    if (!current || current.disabled_at !== null) throw enrolmentInvalid();
    await updateUser(trx, current.id, { password_hash: passwordHash, failed_logins: 0, locked_until: null, ...(input.locale ? { locale: input.locale } : {}), updated_at: now });
    await audit(trx, ctx.clock, anonymous, { objectType: 'user', objectId: current.id, action: 'user.password_set', details: { via: 'invite_enrolment', enrolmentId: claimed.id } });
    await audit(trx, ctx.clock, anonymous, { objectType: 'enrolment', objectId: claimed.id, action: 'enrolment.complete', details: { purpose: 'invite', userId: current.id } });
    return { userId: current.id, username: current.username };
  });
}
