/**
 * What the API shows of a staff account: identity, role, jurisdiction and state, never the
 * password hash, the TOTP seed or the failure counters.
 *
 * @example
 *   reply.send(presentUser(row, ctx.clock.now()));
 */
import { type Static, Type } from 'typebox';
import { isRole, ROLES } from '../../domain/actor.ts';
import { requiresSecondFactor } from '../../domain/accounts/session-rules.ts';
import type { UserRow } from '../../store/repositories/users.repository.ts';

export const RoleSchema = Type.Enum(ROLES);

export const SecondFactorState = Type.Union([Type.Literal('enrolled'), Type.Literal('not_enrolled'), Type.Literal('not_required')]);

export const UserView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  jurisdiction: Type.String(),
  locale: Type.Union([Type.Literal('ar'), Type.Literal('fr')]),
  /** invited: has not set a password yet; locked: too many failed attempts, for a while. */
  status: Type.Union([Type.Literal('active'), Type.Literal('invited'), Type.Literal('locked'), Type.Literal('disabled')]),
  secondFactor: SecondFactorState,
  createdAt: Type.String({ format: 'date-time' }),
});
export type UserView = Static<typeof UserView>;

export function secondFactorState(role: string, totpEnabledAt: Date | null): Static<typeof SecondFactorState> {
  if (totpEnabledAt !== null) return 'enrolled';
  return isRole(role) && requiresSecondFactor(role) ? 'not_enrolled' : 'not_required';
}

export function presentUser(row: UserRow, now: Date): UserView {
  const status = row.disabled_at !== null ? 'disabled' : row.password_hash === null ? 'invited' : row.locked_until !== null && row.locked_until.getTime() > now.getTime() ? 'locked' : 'active';
  if (!isRole(row.role)) throw new Error('a user row carries a role outside the catalogue');
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    jurisdiction: row.jurisdiction_code,
    locale: row.locale,
    status,
    secondFactor: secondFactorState(row.role, row.totp_enabled_at),
    createdAt: row.created_at.toISOString(),
  };
}
