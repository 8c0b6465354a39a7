/**
 * The audit log's hash chain, as pure functions. Each entry's hash covers its own fields and the
 * previous entry's hash, so changing, removing or reordering any entry breaks every hash after it.
 *
 * @example
 *   const hash = auditHash(prevHash, entry);
 *   const broken = verifyAuditChain(entries); // undefined when intact
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  readonly seq: string;
  readonly id: string;
  readonly at: Date;
  readonly actorType: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly actorJurisdiction: string | null;
  readonly ip: string | null;
  readonly objectType: string;
  readonly objectId: string | null;
  readonly action: string;
  readonly purpose: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface ChainedAuditEntry extends AuditEntry {
  readonly prevHash: string;
  readonly hash: string;
}

/** JSON with object keys sorted at every depth, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditHash(prevHash: string, e: AuditEntry): string {
  const body = canonicalJson({
    seq: e.seq,
    id: e.id,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorRole: e.actorRole,
    actorJurisdiction: e.actorJurisdiction,
    ip: e.ip,
    objectType: e.objectType,
    objectId: e.objectId,
    action: e.action,
    purpose: e.purpose,
    details: e.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export type ChainBreak =
  | { readonly kind: 'modified'; readonly seq: string; readonly id: string }
  | { readonly kind: 'missing_or_reordered'; readonly seq: string; readonly id: string; readonly expectedSeq: string }
  | { readonly kind: 'wrong_link'; readonly seq: string; readonly id: string };

/**
 * Checks entries in seq order, continuing from `prevHash`/`prevSeq` (the last verified entry, or genesis).
 * Returns the first break, or undefined when every entry links and hashes correctly.
 */
export function verifyAuditChain(entries: Iterable<ChainedAuditEntry>, start: { prevHash: string; prevSeq: bigint } = { prevHash: GENESIS_HASH, prevSeq: 0n }): ChainBreak | undefined {
  let prevHash = start.prevHash;
  let prevSeq = start.prevSeq;
  for (const e of entries) {
    const expectedSeq = prevSeq + 1n;
    if (BigInt(e.seq) !== expectedSeq) return { kind: 'missing_or_reordered', seq: e.seq, id: e.id, expectedSeq: expectedSeq.toString() };
    if (e.prevHash !== prevHash) return { kind: 'wrong_link', seq: e.seq, id: e.id };
    if (auditHash(prevHash, e) !== e.hash) return { kind: 'modified', seq: e.seq, id: e.id };
    prevHash = e.hash;
    prevSeq = expectedSeq;
  }
  return undefined;
}
