import { Type } from 'typebox';
import { API_TOKEN_SCOPES } from '../../../domain/accounts/api-token-format.ts';
import { ApiTokenView } from '../../presenters/api-token.presenter.ts';

export const API_TOKENS_BODY_LIMIT = 16 * 1024;

export const CreateApiTokenBody = Type.Object(
  {
    /** What the token is for, e.g. "Partner relay — 2M". */
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(Type.Enum([...API_TOKEN_SCOPES]), { minItems: 1, maxItems: 20, uniqueItems: true }),
    /** Defaults to the administrator's own jurisdiction. */
    jurisdiction: Type.Optional(Type.String({ minLength: 2, maxLength: 32, pattern: '^[A-Z]{2}(-[A-Z0-9]{1,10}){0,4}$' })),
    expiresAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const CreatedApiTokenView = Type.Object({
  /** The token, shown this once: `Authorization: Bearer <token>`. */
  token: Type.String(),
  apiToken: ApiTokenView,
});

export const ApiTokenListView = Type.Object({ items: Type.Array(ApiTokenView) });

export const ApiTokenIdParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, { additionalProperties: false });

/** No query parameters: unknown ones are refused, not ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false });
