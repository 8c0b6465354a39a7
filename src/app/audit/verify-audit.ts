/**
 * Verifies the whole audit log: streams the chain page by page (never the whole table in memory),
 * checks every link and hash, then compares the chain's end with the anchor and with any checkpoints
 * recorded outside the database. Read-only: it works on a broken log and never writes to it.
 *
 * @example
 *   const result = await verifyAudit(ctx);
 *   if (!result.ok) console.log(result.firstBreak); // { kind: 'modified', seq: '42', id: '…' }
 */
import { AuditChainVerifier, type ChainBreak, type ChainPoint, GENESIS } from '../../domain/audit/audit-chain.ts';
import type { Database } from '../../store/database.ts';
import { readAuditBounds, readAuditChain } from '../../store/repositories/audit.repository.ts';

export interface AuditVerification {
  readonly ok: boolean;
  /** Entries verified intact: all of them when ok, those before the break otherwise. */
  readonly entries: number;
  /** The last intact entry (seq '0' and the genesis hash for an empty log). */
  readonly last: ChainPoint;
  readonly firstBreak?: ChainBreak;
}

export interface VerifyAuditOptions {
  /** Points recorded earlier outside the database (seq and hash printed by an earlier verification). */
  readonly checkpoints?: readonly ChainPoint[];
  readonly pageSize?: number;
}

export async function verifyAudit(ctx: { readonly store: Pick<Database, 'db'> }, options: VerifyAuditOptions = {}): Promise<AuditVerification> {
  const { anchor, maxSeq } = await readAuditBounds(ctx.store.db);
  // A missing anchor row anchors nothing: every entry is then reported as unanchored.
  const anchorPoint = anchor ?? GENESIS;
  const verifier = new AuditChainVerifier({ anchor: anchorPoint, checkpoints: options.checkpoints ?? [] });
  // Entries appended after the snapshot are left for the next run; tampered ones beyond the anchor are read.
  const upTo = BigInt(maxSeq) > BigInt(anchorPoint.seq) ? maxSeq : anchorPoint.seq;
  for await (const entry of readAuditChain(ctx.store.db, { upTo, ...(options.pageSize ? { pageSize: options.pageSize } : {}) })) {
    if (verifier.push(entry)) break;
  }
  const firstBreak = verifier.finish();
  return { ok: firstBreak === undefined, entries: verifier.verified, last: verifier.end, ...(firstBreak ? { firstBreak } : {}) };
}
