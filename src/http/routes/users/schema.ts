import { Type } from 'typebox';
import { USERNAME_PATTERN } from '../../../domain/accounts/username.ts';
import { RoleSchema, UserView } from '../../presenters/user.presenter.ts';

export const USERS_BODY_LIMIT = 16 * 1024;

const JurisdictionCode = Type.String({ minLength: 2, maxLength: 32, pattern: '^[A-Z]{2}(-[A-Z0-9]{1,10}){0,4}$', example: 'MA-CAS' });
const Locale = Type.Union([Type.Literal('ar'), Type.Literal('fr')]);

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 64, pattern: USERNAME_PATTERN }),
    displayName: Type.String({ minLength: 1, maxLength: 120 }),
    role: RoleSchema,
    jurisdiction: JurisdictionCode,
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);

export const EnrolmentLinkView = Type.Object({
  /** `${PUBLIC_BASE_URL}/enrol#<token>`: hand it to the person only; it works once. */
  url: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const CreatedUserView = Type.Object({ user: UserView, enrolment: EnrolmentLinkView });

export const UserListQuery = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    jurisdiction: Type.Optional(JurisdictionCode),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const UserListView = Type.Object({
  items: Type.Array(UserView),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const UserIdParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, { additionalProperties: false });

export { UserView };
