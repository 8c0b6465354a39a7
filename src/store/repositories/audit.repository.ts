/**
 * Appends to and reads the audit log. Appends take a transaction-scoped advisory lock so that
 * concurrent transactions extend the chain one after another, and continue from the anchor (not from
 * the table's last row), so an append after a removed tail leaves a gap that verification reports.
 * The insert trigger moves the anchor in the same statement; the entry commits or rolls back with the
 * change it records.
 */
import { randomUUID } from 'node:crypto';
import { type Insertable, type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import { type AuditEntry, type ChainPoint, type ChainedAuditEntry, auditHash } from '../../domain/audit/audit-chain.ts';
import type { AuditActorType, AuditLogTable, DB } from '../schema.ts';
import { jurisdictionSubtree } from './jurisdictions.repository.ts';

/** Arbitrary constant naming the audit chain's advisory lock. */
const AUDIT_LOCK_KEY = 7_263_001;

/** An entry to append: everything but its place in the chain (seq, id), which the append assigns. */
export type AuditAppend = Omit<AuditEntry, 'seq' | 'id' | 'actorType'> & { readonly actorType: AuditActorType };

/**
 * Appends several entries in order, under one lock and in one INSERT: a batch of tips is audited in
 * three statements however many tips it holds, so the chain's lock is held for as short a time as one
 * entry's. The rows' trigger still checks and moves the anchor one row after another.
 */
export async function appendAuditEntries(trx: Transaction<DB>, inputs: readonly AuditAppend[]): Promise<ChainedAuditEntry[]> {
  if (inputs.length === 0) return [];
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const anchor = await trx.selectFrom('audit_anchor').select(['last_seq', 'last_hash']).where('id', '=', 1).forUpdate().executeTakeFirst();
  if (!anchor) throw new Error('The audit anchor row is missing; the audit log cannot be extended.');
  let seq = BigInt(anchor.last_seq);
  let prevHash = anchor.last_hash;
  const chained: ChainedAuditEntry[] = [];
  const rows: Insertable<AuditLogTable>[] = [];
  for (const input of inputs) {
    seq += 1n;
    // Millisecond precision, so the timestamp read back hashes exactly as written; details pass through
    // JSON once, so what is hashed is exactly what jsonb gives back.
    const at = new Date(input.at.getTime());
    const details = JSON.parse(JSON.stringify(input.details)) as Record<string, unknown>;
    const entry: AuditEntry = { ...input, details, seq: seq.toString(), id: randomUUID(), at };
    const hash = auditHash(prevHash, entry);
    chained.push({ ...entry, prevHash, hash });
    rows.push({
      seq: entry.seq,
      id: entry.id,
      at,
      actor_type: input.actorType,
      actor_id: input.actorId,
      actor_role: input.actorRole,
      actor_jurisdiction: input.actorJurisdiction,
      ip: input.ip,
      object_type: input.objectType,
      object_id: input.objectId,
      action: input.action,
      purpose: input.purpose,
      details: JSON.stringify(details),
      prev_hash: prevHash,
      hash,
    });
    prevHash = hash;
  }
  await trx.insertInto('audit_log').values(rows).execute();
  return chained;
}

function toEntry(r: Selectable<AuditLogTable>): ChainedAuditEntry {
  return {
    seq: r.seq,
    id: r.id,
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorJurisdiction: r.actor_jurisdiction,
    ip: r.ip,
    objectType: r.object_type,
    objectId: r.object_id,
    action: r.action,
    purpose: r.purpose,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface AuditBounds {
  /** The anchor, or undefined when its row was removed. */
  readonly anchor: ChainPoint | undefined;
  /** The highest seq in the table ('0' when empty). */
  readonly maxSeq: string;
}

/** The anchor and the table's highest seq, read in one statement so both come from one snapshot. */
export async function readAuditBounds(db: Kysely<DB>): Promise<AuditBounds> {
  const r = await sql<{ last_seq: string | null; last_hash: string | null; max_seq: string }>`
    select a.last_seq, a.last_hash, coalesce((select max(seq) from audit_log), 0)::int8 as max_seq
    from (select 1) as one left join audit_anchor a on a.id = 1`.execute(db);
  const row = r.rows[0];
  const anchor = row?.last_seq != null && row.last_hash != null ? { seq: String(row.last_seq), hash: row.last_hash } : undefined;
  return { anchor, maxSeq: String(row?.max_seq ?? '0') };
}

/**
 * Reads the chain in seq order up to `upTo`, a page at a time, so verification never holds the whole
 * log in memory. Entries up to a seq read from one snapshot never change (the table is append-only),
 * so paging outside a transaction still reads a consistent chain.
 */
export async function* readAuditChain(db: Kysely<DB>, options: { readonly upTo: string; readonly pageSize?: number }): AsyncGenerator<ChainedAuditEntry> {
  const pageSize = options.pageSize ?? 1000;
  let after = '0';
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).where('seq', '<=', options.upTo).orderBy('seq').limit(pageSize).execute();
    for (const r of rows) yield toEntry(r);
    const lastRow = rows[rows.length - 1];
    if (!lastRow || rows.length < pageSize) return;
    after = lastRow.seq;
  }
}

export interface AuditLogFilter {
  readonly actorId?: string;
  readonly objectType?: string;
  readonly objectId?: string;
  /** Matches the action's start, e.g. "case." or "case.read". */
  readonly actionPrefix?: string;
  /** Inclusive. */
  readonly from?: Date;
  /** Exclusive. */
  readonly to?: Date;
  /** Cursor: only entries with a lower seq. */
  readonly beforeSeq?: string;
  /** Only entries by actors whose jurisdiction lies in this jurisdiction's subtree. */
  readonly withinJurisdiction?: string;
  readonly limit: number;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Entries matching the filter, newest first. */
export async function listAuditEntries(db: Kysely<DB> | Transaction<DB>, f: AuditLogFilter): Promise<ChainedAuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId);
  if (f.objectType !== undefined) q = q.where('object_type', '=', f.objectType);
  if (f.objectId !== undefined) q = q.where('object_id', '=', f.objectId);
  if (f.actionPrefix !== undefined) q = q.where('action', 'like', `${escapeLike(f.actionPrefix)}%`);
  if (f.from !== undefined) q = q.where('at', '>=', f.from);
  if (f.to !== undefined) q = q.where('at', '<', f.to);
  if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq);
  if (f.withinJurisdiction !== undefined) q = q.where('actor_jurisdiction', 'in', jurisdictionSubtree(f.withinJurisdiction));
  const rows = await q.orderBy('seq', 'desc').limit(f.limit).execute();
  return rows.map(toEntry);
}
