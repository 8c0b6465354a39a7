/**
 * What auditors and the data-protection officer see of the audit log: every recorded field of an
 * entry (who, in which role and jurisdiction, from which IP, when, on what, which action, the stated
 * purpose, the ids and field names in details) and its chain hashes, so an entry can be checked by
 * hand; and the verification result with the first broken entry.
 *
 * @example
 *   reply.send(presentAuditPage(await listAuditLog(ctx, actor, query)));
 */
import { type Static, Type } from 'typebox';
import { CHAIN_BREAK_KINDS, type ChainedAuditEntry } from '../../domain/audit/audit-chain.ts';
import type { AuditLogPage } from '../../app/audit/list-audit.ts';
import type { AuditVerification } from '../../app/audit/verify-audit.ts';

const StringOrNull = Type.Union([Type.String(), Type.Null()]);
const Seq = Type.String({ pattern: '^[0-9]+$', description: 'Position in the chain (a 64-bit integer, as text).' });
const Hash = Type.String({ pattern: '^[0-9a-f]{64}$' });

export const AuditEntryView = Type.Object({
  seq: Seq,
  id: Type.String({ format: 'uuid' }),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Object({
    type: Type.Union([Type.Literal('user'), Type.Literal('api_token'), Type.Literal('system'), Type.Literal('public')]),
    /** User or API token id; for the system, the process name. */
    id: StringOrNull,
    role: StringOrNull,
    jurisdiction: StringOrNull,
  }),
  ip: StringOrNull,
  object: Type.Object({ type: Type.String(), id: StringOrNull }),
  action: Type.String(),
  purpose: StringOrNull,
  /** Identifiers and field names only. */
  details: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Hash,
  hash: Hash,
});
export type AuditEntryView = Static<typeof AuditEntryView>;

export const AuditPageView = Type.Object({
  items: Type.Array(AuditEntryView),
  /** Pass as `cursor` to get the next, older page; null on the last page. */
  nextCursor: Type.Union([Seq, Type.Null()]),
});
export type AuditPageView = Static<typeof AuditPageView>;

export const AuditVerificationView = Type.Object({
  ok: Type.Boolean(),
  /** Entries verified intact: all of them when ok, those before the break otherwise. */
  entries: Type.Integer({ minimum: 0 }),
  /** The last intact entry ("0" and the genesis hash for an empty log). */
  lastSeq: Seq,
  lastHash: Hash,
  firstBreak: Type.Union([
    Type.Object({
      kind: Type.Enum(CHAIN_BREAK_KINDS),
      /** The first failing entry; for tail_removed, the first missing seq. */
      seq: Seq,
      /** Null when the entry is gone. */
      id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
      expectedSeq: Type.Optional(Seq),
    }),
    Type.Null(),
  ]),
});
export type AuditVerificationView = Static<typeof AuditVerificationView>;

export function presentAuditEntry(e: ChainedAuditEntry): AuditEntryView {
  const actorType = e.actorType;
  if (actorType !== 'user' && actorType !== 'api_token' && actorType !== 'system' && actorType !== 'public') throw new Error('an audit entry carries an actor type outside the catalogue');
  return {
    seq: e.seq,
    id: e.id,
    at: e.at.toISOString(),
    actor: { type: actorType, id: e.actorId, role: e.actorRole, jurisdiction: e.actorJurisdiction },
    ip: e.ip,
    object: { type: e.objectType, id: e.objectId },
    action: e.action,
    purpose: e.purpose,
    details: { ...e.details },
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

export function presentAuditPage(page: AuditLogPage): AuditPageView {
  return { items: page.entries.map(presentAuditEntry), nextCursor: page.nextCursor };
}

export function presentAuditVerification(v: AuditVerification): AuditVerificationView {
  const b = v.firstBreak;
  return {
    ok: v.ok,
    entries: v.entries,
    lastSeq: v.last.seq,
    lastHash: v.last.hash,
    firstBreak: b ? { kind: b.kind, seq: b.seq, id: b.id, ...(b.expectedSeq !== undefined ? { expectedSeq: b.expectedSeq } : {}) } : null,
  };
}
