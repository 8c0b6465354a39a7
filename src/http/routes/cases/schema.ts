/** Request schemas of the case routes. The form itself is in case-record.schema.ts. */
import { Type } from 'typebox';
import { closed, enumOf } from '../../schema-kit.ts';
import { CLOSURE_OUTCOMES } from '../../../domain/case/case-record.ts';
import { PRIORITIES } from '../../../domain/case/assessment.ts';
import { REASON_MAX_LENGTH } from '../../../domain/case/case-lifecycle.ts';
import { CaseRecordSchema } from './case-record.schema.ts';


export const CaseIdParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, closed);
export const PhotoParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }), photoId: Type.String({ format: 'uuid', maxLength: 36 }) }, closed);

export const OpenCaseBody = Type.Object({ record: CaseRecordSchema, exercise: Type.Optional(Type.Boolean()) }, closed);
export const UpdateCaseBody = Type.Object({ version: Type.Integer({ minimum: 1 }), record: CaseRecordSchema }, closed);

export const ReadCaseQuery = Type.Object({ purpose: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) }, closed);

export const SearchCasesQuery = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    ageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 119 })),
    ageMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 119 })),
    status: Type.Optional(Type.Array(enumOf(['open', 'alert_requested', 'alert_active', 'closed'] as const), { maxItems: 4 })),
    place: Type.Optional(Type.String({ pattern: '^MA-[A-Z0-9]{2,3}$', maxLength: 6 })),
    from: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
    to: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  closed,
);

export const AssessBody = Type.Object({ publishingEndangersChild: Type.Union([Type.Boolean(), Type.Null()]) }, closed);
export const OverrideBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: REASON_MAX_LENGTH }), eligible: Type.Boolean(), priority: Type.Optional(enumOf(PRIORITIES)) },
  closed,
);
export const CloseBody = Type.Object(
  { outcome: enumOf(CLOSURE_OUTCOMES), reason: Type.String({ minLength: 1, maxLength: REASON_MAX_LENGTH }), at: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })) },
  closed,
);
export const ReopenBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: REASON_MAX_LENGTH }) }, closed);

export const PhotoUploadQuery = Type.Object({ publishable: Type.Boolean() }, closed);
export const PhotoReadQuery = Type.Object(
  { variant: Type.Optional(enumOf(['full', 'thumb'] as const)), purpose: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) },
  closed,
);
export const PhotoPatchBody = Type.Object({ publishable: Type.Boolean() }, closed);

/** Content types accepted for a photo upload; the bytes decide the real type. */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'application/octet-stream'] as const;
/** 15 MB, the upload cap; a larger body is refused before it is buffered whole. */
export const PHOTO_BODY_LIMIT = 15 * 1024 * 1024;
