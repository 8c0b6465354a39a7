/**
 * Schemas of the tip routes. The public form's body has none here on purpose: it arrives as
 * urlencoded or multipart bytes and is read strictly by tip-body.ts, then checked field by field by
 * the intake validation (a browser gets its form back with localized messages, not a schema error).
 * The API body is JSON with this schema; the same intake validation runs after it. A photo through the
 * API travels as base64 (at most 15 MiB decoded; the server's own cap, TIP_PHOTO_MAX_BYTES, applies).
 */
import { Type } from 'typebox';
import { closed, enumOf } from '../../schema-kit.ts';
import { PROOF_MAX_LENGTH } from '../../../domain/tips/intake-proof-of-work.ts';
import { SEEN_AT_MAX, TIP_FIELD_LIMITS, TIP_LANGUAGES } from '../../../domain/tips/tip-fields.ts';
import { IDEMPOTENCY_KEY_MAX } from '../../../app/tips/submit-tip.ts';
import { PUBLIC_ID_MAX } from '../public-site/schema.ts';

/** The API's largest photo: 15 MiB, as base64. */
export const API_PHOTO_BASE64_MAX = Math.ceil((15 * 1024 * 1024) / 3) * 4;

export const PublicTipParams = Type.Object({ publicId: Type.String({ minLength: 1, maxLength: PUBLIC_ID_MAX, pattern: '^[A-Za-z0-9_-]+$' }) }, closed);

/** The alert's id (uuid) or its public id. */
export const ApiTipParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }, closed);

/** `proof`: the solved challenge the form's script adds; `lang`: the site's language switch, as on every public page. */
export const ProofQuery = Type.Object({ proof: Type.Optional(Type.String({ minLength: 1, maxLength: PROOF_MAX_LENGTH })), lang: Type.Optional(Type.String({ maxLength: 8 })) }, closed);

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX, pattern: '^[\\x21-\\x7e]+$' })),
});

export const ApiTipBody = Type.Object(
  {
    seen: Type.String({ minLength: 1, maxLength: TIP_FIELD_LIMITS.seen }),
    seenAt: Type.Optional(Type.String({ maxLength: SEEN_AT_MAX })),
    place: Type.Optional(Type.String({ maxLength: TIP_FIELD_LIMITS.place })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    name: Type.Optional(Type.String({ maxLength: TIP_FIELD_LIMITS.name })),
    phone: Type.Optional(Type.String({ maxLength: TIP_FIELD_LIMITS.phone })),
    contactConsent: Type.Optional(Type.Boolean()),
    lang: Type.Optional(enumOf(TIP_LANGUAGES)),
    version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    photo: Type.Optional(
      Type.Object(
        {
          contentType: Type.Optional(Type.String({ maxLength: 100 })),
          base64: Type.String({ minLength: 4, maxLength: API_PHOTO_BASE64_MAX, pattern: '^[A-Za-z0-9+/]+={0,2}$' }),
        },
        closed,
      ),
    ),
  },
  closed,
);

export const ApiTipResponse = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    reference: Type.String({ description: 'The receipt reference (8 Crockford base32 characters).' }),
    receivedAt: Type.String({ format: 'date-time' }),
    replayed: Type.Boolean({ description: 'True when this Idempotency-Key already made this tip.' }),
  },
  closed,
);

export const PublicTipResponse = Type.Object({ reference: Type.String(), receivedAt: Type.String({ format: 'date-time' }) }, closed);

export const ChallengeResponse = Type.Object(
  {
    required: Type.Boolean(),
    challenge: Type.Optional(Type.String()),
    bits: Type.Optional(Type.Integer()),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  closed,
);
