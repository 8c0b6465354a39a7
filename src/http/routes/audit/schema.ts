/** Request schemas of the audit routes (responses live in the audit presenter). */
import { type Static, Type } from 'typebox';
import { AUDIT_PAGE_MAX } from '../../../app/audit/list-audit.ts';

export const AuditListQuery = Type.Object(
  {
    actorId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'User or API token id (for the system: its process name).' })),
    objectType: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    objectId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    actionPrefix: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Start of the action, e.g. "case." or "case.read_restricted".' })),
    from: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'Entries at or after this time.' })),
    to: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'Entries before this time.' })),
    cursor: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,17}$', maxLength: 18, description: 'nextCursor of the previous page.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: 50 })),
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuery>;
