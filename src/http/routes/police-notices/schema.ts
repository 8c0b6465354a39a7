/** Request schemas of the police-notice routes (responses live in the police-notice presenter). */
import { Type } from 'typebox';
import { POLICE_NOTICE_PAGE_DEFAULT, POLICE_NOTICE_PAGE_MAX } from '../../../app/police-notices/list-police-notices.ts';
import { closed } from '../../schema-kit.ts';

export const POLICE_NOTICES_BODY_LIMIT = 1024;

export const PoliceNoticeListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: POLICE_NOTICE_PAGE_MAX, default: POLICE_NOTICE_PAGE_DEFAULT })),
    /** Only notices nobody has marked read yet. */
    unread: Type.Optional(Type.Boolean()),
  },
  closed,
);

export const PoliceNoticeIdParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, closed);
