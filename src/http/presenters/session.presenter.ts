/**
 * What a signed-in browser learns about its own session: who it is, which sign-in stage it is at,
 * and the CSRF token to send with every change. The session id itself stays in the HttpOnly cookie.
 *
 * @example
 *   reply.send(presentSession(session, ctx.config.session.idleMinutes, ctx.clock.now()));
 *   reply.send(presentSignInStep(issued));
 */
import { type Static, Type } from 'typebox';
import { sessionIdleDeadline } from '../../domain/accounts/session-rules.ts';
import type { ActiveSession, IssuedSession } from '../../app/accounts/sessions.ts';
import { RoleSchema, SecondFactorState, secondFactorState } from './user.presenter.ts';

export const SessionStageSchema = Type.Union([Type.Literal('complete'), Type.Literal('second_factor'), Type.Literal('enrol_second_factor')]);

export const SignInStepView = Type.Object({
  /** complete: signed in; second_factor: send a TOTP code; enrol_second_factor: set up an authenticator app first. */
  stage: SessionStageSchema,
  csrfToken: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type SignInStepView = Static<typeof SignInStepView>;

export const SessionView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  jurisdiction: Type.String(),
  jurisdictionPath: Type.Array(Type.String()),
  locale: Type.Union([Type.Literal('ar'), Type.Literal('fr')]),
  secondFactor: SecondFactorState,
  stage: SessionStageSchema,
  csrfToken: Type.String(),
  /** The absolute end of the session. */
  expiresAt: Type.String({ format: 'date-time' }),
  /** When it ends if left unused from now. */
  idleExpiresAt: Type.String({ format: 'date-time' }),
});
export type SessionView = Static<typeof SessionView>;

export const presentSignInStep = (issued: IssuedSession): SignInStepView => ({ stage: issued.stage, csrfToken: issued.csrfToken, expiresAt: issued.expiresAt.toISOString() });

export function presentSession(s: ActiveSession, idleMinutes: number, now: Date): SessionView {
  return {
    id: s.user.id,
    username: s.user.username,
    displayName: s.displayName,
    role: s.user.role,
    jurisdiction: s.user.jurisdiction,
    jurisdictionPath: [...s.user.jurisdictionPath],
    locale: s.locale,
    secondFactor: secondFactorState(s.user.role, s.totpEnrolled ? now : null),
    stage: s.stage,
    csrfToken: s.csrfToken,
    expiresAt: s.expiresAt.toISOString(),
    idleExpiresAt: sessionIdleDeadline(s.expiresAt, now, idleMinutes).toISOString(),
  };
}
