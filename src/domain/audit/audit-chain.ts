/**
 * The audit log's hash chain, as pure functions. Each entry's hash covers its own fields and the
 * previous entry's hash, so changing, removing or reordering any entry breaks the chain from there on.
 * The chain alone cannot notice its last entries being cut off, so verification also compares the
 * chain's end with an anchor (the last seq and hash, kept by the database in the same transaction as
 * every append) and, optionally, with checkpoints an operator recorded outside the database.
 *
 * @example
 *   const hash = auditHash(prevHash, entry);
 *   const verifier = new AuditChainVerifier({ anchor });
 *   for await (const e of entries) if (verifier.push(e)) break;
 *   const broken = verifier.firstBreak ?? verifier.finish(); // undefined when intact
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

/** A point of the chain: an entry's seq and hash (seq 0 and GENESIS_HASH before the first entry). */
export interface ChainPoint {
  readonly seq: string;
  readonly hash: string;
}

export const GENESIS: ChainPoint = { seq: '0', hash: GENESIS_HASH };

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

/**
 * How the chain is broken at its first bad entry:
 * - `modified`: the entry follows its predecessor but its content no longer matches its hash;
 * - `missing_or_reordered`: the entry does not follow its predecessor (a seq gap, or its link names
 *   another entry): something before it was removed, or entries were moved;
 * - `wrong_link`: the entry is intact but its stored link (prev_hash) was changed;
 * - `tail_removed`: the chain ends before the anchor or a checkpoint; `seq` is the first missing one;
 * - `anchor_mismatch`: the entry at the anchor's seq is not the one the anchor recorded (the chain
 *   up to here was rewritten and re-hashed);
 * - `unanchored`: the entry lies beyond the anchor (written outside the audit writer);
 * - `checkpoint_mismatch`: the entry at a checkpoint's seq is not the one the checkpoint recorded.
 */
export const CHAIN_BREAK_KINDS = ['modified', 'missing_or_reordered', 'wrong_link', 'tail_removed', 'anchor_mismatch', 'unanchored', 'checkpoint_mismatch'] as const;
export type ChainBreakKind = (typeof CHAIN_BREAK_KINDS)[number];

export interface ChainBreak {
  readonly kind: ChainBreakKind;
  /** The first entry that fails; for `tail_removed`, the first missing seq. */
  readonly seq: string;
  /** The failing entry's id; null when the entry is gone (`tail_removed`). */
  readonly id: string | null;
  /** The seq the chain expected at this point (a gap), or where the removed tail should have ended. */
  readonly expectedSeq?: string;
}

/** Checks one entry against the chain point before it. Undefined when it links and hashes correctly. */
export function checkLink(prev: ChainPoint, e: ChainedAuditEntry): ChainBreak | undefined {
  const expectedSeq = (BigInt(prev.seq) + 1n).toString();
  if (e.seq !== expectedSeq) return { kind: 'missing_or_reordered', seq: e.seq, id: e.id, expectedSeq };
  if (e.prevHash === prev.hash) return auditHash(prev.hash, e) === e.hash ? undefined : { kind: 'modified', seq: e.seq, id: e.id };
  // The link is wrong. If the entry still hashes correctly onto its true predecessor, only the stored
  // link was edited; otherwise the entry belongs after some other entry.
  return auditHash(prev.hash, e) === e.hash ? { kind: 'wrong_link', seq: e.seq, id: e.id } : { kind: 'missing_or_reordered', seq: e.seq, id: e.id };
}

export interface VerifierOptions {
  /** Where the chain must end: the database's anchor (GENESIS for a log that never had an entry). */
  readonly anchor: ChainPoint;
  /** Points recorded earlier outside the database, e.g. the last hash a previous verification printed. */
  readonly checkpoints?: readonly ChainPoint[];
  /** Continue from an already verified point instead of genesis. */
  readonly start?: ChainPoint;
}

/**
 * Verifies a chain fed one entry at a time in seq order, so the caller can stream it. `push` returns
 * the first break (and every later call returns it again); `finish` checks the end against the anchor
 * and checkpoints once every entry was pushed.
 */
export class AuditChainVerifier {
  private readonly anchor: ChainPoint;
  private readonly checkpoints: ReadonlyMap<string, string>;
  private readonly furthestCheckpoint: bigint;
  private last: ChainPoint;
  private verifiedCount = 0;
  private broken: ChainBreak | undefined;

  constructor(options: VerifierOptions) {
    this.anchor = options.anchor;
    this.checkpoints = new Map((options.checkpoints ?? []).map((c) => [c.seq, c.hash]));
    this.furthestCheckpoint = (options.checkpoints ?? []).reduce((max, c) => (BigInt(c.seq) > max ? BigInt(c.seq) : max), 0n);
    this.last = options.start ?? GENESIS;
  }

  /** Entries verified intact so far. */
  get verified(): number {
    return this.verifiedCount;
  }

  /** The last intact entry. */
  get end(): ChainPoint {
    return this.last;
  }

  get firstBreak(): ChainBreak | undefined {
    return this.broken;
  }

  push(e: ChainedAuditEntry): ChainBreak | undefined {
    if (this.broken) return this.broken;
    this.broken = checkLink(this.last, e) ?? this.checkPoints(e);
    if (!this.broken) {
      this.last = { seq: e.seq, hash: e.hash };
      this.verifiedCount += 1;
    }
    return this.broken;
  }

  finish(): ChainBreak | undefined {
    if (this.broken) return this.broken;
    const end = BigInt(this.last.seq);
    const mustReach = BigInt(this.anchor.seq) > this.furthestCheckpoint ? BigInt(this.anchor.seq) : this.furthestCheckpoint;
    if (end < mustReach) this.broken = { kind: 'tail_removed', seq: (end + 1n).toString(), id: null, expectedSeq: mustReach.toString() };
    return this.broken;
  }

  private checkPoints(e: ChainedAuditEntry): ChainBreak | undefined {
    if (BigInt(e.seq) > BigInt(this.anchor.seq)) return { kind: 'unanchored', seq: e.seq, id: e.id };
    if (e.seq === this.anchor.seq && e.hash !== this.anchor.hash) return { kind: 'anchor_mismatch', seq: e.seq, id: e.id };
    const recorded = this.checkpoints.get(e.seq);
    if (recorded !== undefined && recorded !== e.hash) return { kind: 'checkpoint_mismatch', seq: e.seq, id: e.id };
    return undefined;
  }
}

/** Verifies a whole chain held in memory (tests, small logs). Undefined when intact. */
export function verifyAuditChain(entries: Iterable<ChainedAuditEntry>, options: VerifierOptions): ChainBreak | undefined {
  const verifier = new AuditChainVerifier(options);
  for (const e of entries) if (verifier.push(e)) return verifier.firstBreak;
  return verifier.finish();
}
