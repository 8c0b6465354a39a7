import { Type } from 'typebox';
import { USERNAME_PATTERN } from '../../../domain/accounts/username.ts';
import { RoleSchema } from '../../presenters/user.presenter.ts';

export const ENROLMENT_BODY_LIMIT = 16 * 1024;

/** The token from the link's fragment (`/enrol#<token>`), sent in the body so no log records it. */
const EnrolmentToken = Type.String({ minLength: 1, maxLength: 128 });

export const InspectEnrolmentBody = Type.Object({ token: EnrolmentToken }, { additionalProperties: false });

export const EnrolmentView = Type.Object({
  purpose: Type.Union([Type.Literal('first_admin'), Type.Literal('invite')]),
  username: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.Union([Type.String(), Type.Null()]),
  role: RoleSchema,
  jurisdiction: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  /** True for the first administrator, who chooses a username and display name now. */
  needsAccountDetails: Type.Boolean(),
});

export const CompleteEnrolmentBody = Type.Object(
  {
    token: EnrolmentToken,
    password: Type.String({ minLength: 1, maxLength: 256 }),
    username: Type.Optional(Type.String({ minLength: 3, maxLength: 64, pattern: USERNAME_PATTERN })),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    locale: Type.Optional(Type.Union([Type.Literal('ar'), Type.Literal('fr')])),
  },
  { additionalProperties: false },
);

export const CompletedEnrolmentView = Type.Object({
  /** Sign in with this username and the new password. */
  username: Type.String(),
  next: Type.Literal('sign_in'),
});
