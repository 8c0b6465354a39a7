/**
 * Appends to and reads the audit log. Appends take a transaction-scoped advisory lock so that
 * concurrent transactions extend the chain one after another; the entry commits or rolls back with
 * the change it records.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Transaction, sql } from 'kysely';
import { type AuditEntry, type ChainedAuditEntry, GENESIS_HASH, auditHash } from '../../domain/audit/audit-chain.ts';
import type { AuditActorType, DB } from '../schema.ts';

/** Arbitrary constant naming the audit chain's advisory lock. */
const AUDIT_LOCK_KEY = 7_263_001;

export interface AuditAppend {
  readonly at: Date;
  readonly actorType: AuditActorType;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly actorJurisdiction: string | null;
  readonly ip: string | null;
  readonly objectType: string;
  readonly objectId: string | null;
  readonly action: string;
  readonly purpose: string | null;
  /** Identifiers and field names only: never a personal value. */
  readonly details: Readonly<Record<string, unknown>>;
}

export async function appendAuditEntry(trx: Transaction<DB>, input: AuditAppend): Promise<ChainedAuditEntry> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = (BigInt(last?.seq ?? '0') + 1n).toString();
  // Millisecond precision, so the timestamp read back hashes exactly as written.
  const at = new Date(input.at.getTime());
  const entry: AuditEntry = { ...input, seq, id: randomUUID(), at };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = auditHash(prevHash, entry);
  await trx
    .insertInto('audit_log')
    .values({
      seq,
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
      details: JSON.stringify(input.details),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { ...entry, prevHash, hash };
}

/** Reads the chain in seq order, a page at a time, so verification never holds the whole log in memory. */
export async function* readAuditChain(db: Kysely<DB>, pageSize = 1000): AsyncGenerator<ChainedAuditEntry> {
  let after = '0';
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    for (const r of rows) {
      yield {
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
    const lastRow = rows[rows.length - 1];
    if (!lastRow || rows.length < pageSize) return;
    after = lastRow.seq;
  }
}
