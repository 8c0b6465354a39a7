/** Request schemas of the tip triage routes (responses live in the tip-triage presenter). */
import { Type } from 'typebox';
import { PURPOSE_MAX_LENGTH } from '../../../app/audit/audit-read.ts';
import { NOTIFICATION_PAGE_DEFAULT, NOTIFICATION_PAGE_MAX } from '../../../app/tips/triage-notifications.ts';
import { TIP_PAGE_DEFAULT, TIP_PAGE_MAX } from '../../../app/tips/triage-list.ts';
import { REASON_MAX_LENGTH, TIP_STATUSES } from '../../../domain/tips/tip-status.ts';
import { closed, enumOf, nullable } from '../../schema-kit.ts';

export const TIP_TRIAGE_BODY_LIMIT = 4096;

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
/** Why the restricted data is read; required (the read is audited with it). */
const Purpose = Type.Optional(Type.String({ minLength: 1, maxLength: PURPOSE_MAX_LENGTH, description: 'Why you read this (required: the read is audited with it).' }));
const Statuses = Type.Optional(Type.Array(enumOf(TIP_STATUSES), { maxItems: TIP_STATUSES.length, description: 'Only tips in these statuses.' }));
const Cursor = Type.Optional(Type.String({ minLength: 1, maxLength: 300, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page.' }));

export const CaseIdParams = Type.Object({ id: Uuid }, closed);
export const TipIdParams = Type.Object({ id: Uuid }, closed);
export const NotificationIdParams = Type.Object({ id: Uuid }, closed);

export const TipListQuery = Type.Object(
  {
    status: Statuses,
    /** score: best first (unscored last); time: newest arrival first. */
    sort: Type.Optional(enumOf(['score', 'time'] as const)),
    cursor: Cursor,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: TIP_PAGE_MAX, default: TIP_PAGE_DEFAULT })),
    purpose: Purpose,
  },
  closed,
);

export const TipViewQuery = Type.Object({ status: Statuses, purpose: Purpose }, closed);

export const TipReadQuery = Type.Object(
  { purpose: Purpose, contact: Type.Optional(Type.Boolean({ description: 'Open the tipster’s contact (case officers only; audited).' })) },
  closed,
);

export const TipPhotoQuery = Type.Object({ variant: Type.Optional(enumOf(['full', 'thumb'] as const)), purpose: Purpose }, closed);

export const TipStatusBody = Type.Object(
  {
    status: enumOf(TIP_STATUSES),
    /** Required for dismissed, duplicate and forwarded. */
    reason: Type.Optional(nullable(Type.String({ maxLength: REASON_MAX_LENGTH }))),
    /** For duplicate: the tip it repeats (same case); defaults to the lead of its own group. */
    duplicateOf: Type.Optional(nullable(Uuid)),
  },
  closed,
);

export const TipAssignBody = Type.Object({ userId: nullable(Uuid) }, closed);

export const NotificationListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9_-]+$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: NOTIFICATION_PAGE_MAX, default: NOTIFICATION_PAGE_DEFAULT })),
    unread: Type.Optional(Type.Boolean()),
  },
  closed,
);
