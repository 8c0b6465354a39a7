/** Request schemas of the privacy routes (responses live in the privacy presenter). */
import { Type } from 'typebox';
import { MAX_RECTIFICATION_PATH } from '../../../domain/privacy/rectification.ts';
import { HOLD_REASON_MAX, HOLD_REASON_MIN } from '../../../app/privacy/legal-holds.ts';
import { MAX_CHANGES, RECTIFICATION_REASON_MAX, RECTIFICATION_REASON_MIN, REQUESTERS } from '../../../app/privacy/rectify-case.ts';
import { PURPOSE_MAX_LENGTH } from '../../../app/audit/audit-read.ts';
import { closed, enumOf } from '../../schema-kit.ts';

export const PRIVACY_BODY_LIMIT = 64 * 1024;

export const CaseIdParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, closed);
export const HoldIdParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, closed);

export const HoldBody = Type.Object({ reason: Type.String({ minLength: HOLD_REASON_MIN, maxLength: HOLD_REASON_MAX, description: 'Why the case must not be purged yet (an inquiry, a court order).' }) }, closed);

export const AccessExportBody = Type.Object(
  {
    purpose: Type.String({ minLength: 1, maxLength: PURPOSE_MAX_LENGTH, description: 'The request being answered (who asked, when, reference).' }),
    format: Type.Optional(enumOf(['json', 'markdown'] as const)),
    lang: Type.Optional(enumOf(['fr', 'ar'] as const)),
  },
  closed,
);

const Scalar = Type.Union([Type.String({ maxLength: 4000 }), Type.Number(), Type.Boolean(), Type.Null()]);
const RectifiedValue = Type.Union([Scalar, Type.Array(Type.Union([Type.String({ maxLength: 4000 }), Type.Number(), Type.Boolean()]), { maxItems: 50 })]);

export const RectificationBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The case version the request was checked against.' }),
    requestedBy: enumOf(REQUESTERS),
    reason: Type.String({ minLength: RECTIFICATION_REASON_MIN, maxLength: RECTIFICATION_REASON_MAX }),
    changes: Type.Array(Type.Object({ path: Type.String({ minLength: 1, maxLength: MAX_RECTIFICATION_PATH, example: 'child.birthDate' }), value: RectifiedValue }, closed), { minItems: 1, maxItems: MAX_CHANGES }),
  },
  closed,
);

export const RectificationsQuery = Type.Object({ purpose: Type.Optional(Type.String({ minLength: 1, maxLength: PURPOSE_MAX_LENGTH })) }, closed);
export const StatisticsQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200 })) }, closed);
