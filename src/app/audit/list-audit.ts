/**
 * Reading the audit log. Auditors and the data-protection officer page through it newest first; an
 * auditor below national level sees only entries by actors of their own jurisdiction's subtree. The
 * log holds IP addresses and who looked at which case, so each page served is itself recorded
 * (action `audit_log.read`, with the filters used) in the same transaction as the read.
 *
 * @example
 *   const page = await listAuditLog(ctx, actor, { objectType: 'case', objectId: caseId, limit: 50 });
 *   // page.entries (newest first), page.nextCursor → pass as `beforeSeq` for the next page
 */
import type { Actor } from '../../domain/actor.ts';
import type { ChainedAuditEntry } from '../../domain/audit/audit-chain.ts';
import type { Database } from '../../store/database.ts';
import { type AuditLogFilter, listAuditEntries } from '../../store/repositories/audit.repository.ts';
import type { AppContext } from '../context.ts';
import { audit } from './audit.ts';

export const AUDIT_PAGE_MAX = 200;

export type AuditLogQuery = Omit<AuditLogFilter, 'withinJurisdiction'>;

export interface AuditLogPage {
  readonly entries: readonly ChainedAuditEntry[];
  /** The seq to pass as `beforeSeq` for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

/** Below national level (a jurisdiction path longer than the root), reads stay inside the actor's subtree. */
function jurisdictionScope(actor: Actor): string | undefined {
  switch (actor.kind) {
    case 'user':
    case 'api_token':
      return actor.jurisdictionPath.length > 1 ? actor.jurisdiction : undefined;
    case 'public':
    case 'system':
      return undefined;
  }
}

export async function listAuditLog(ctx: Pick<AppContext, 'store' | 'clock'>, actor: Actor, query: AuditLogQuery): Promise<AuditLogPage> {
  const limit = Math.min(Math.max(1, Math.trunc(query.limit)), AUDIT_PAGE_MAX);
  const within = jurisdictionScope(actor);
  return ctx.store.db.transaction().execute(async (trx) => {
    // One extra row tells whether an older page exists.
    const rows = await listAuditEntries(trx, { ...query, limit: limit + 1, ...(within !== undefined ? { withinJurisdiction: within } : {}) });
    const entries = rows.slice(0, limit);
    const last = entries[entries.length - 1];
    await audit(trx, ctx.clock, actor, {
      objectType: 'audit_log',
      action: 'audit_log.read',
      details: {
        filters: {
          actorId: query.actorId,
          objectType: query.objectType,
          objectId: query.objectId,
          actionPrefix: query.actionPrefix,
          from: query.from?.toISOString(),
          to: query.to?.toISOString(),
          beforeSeq: query.beforeSeq,
          withinJurisdiction: within,
        },
        returned: entries.length,
      },
    });
    return { entries, nextCursor: rows.length > limit && last ? last.seq : null };
  });
}

/** The newest `count` entries, oldest first (for `tifli audit tail`, run by operators on the server). */
export async function recentAuditEntries(ctx: { readonly store: Pick<Database, 'db'> }, count: number): Promise<readonly ChainedAuditEntry[]> {
  const rows = await listAuditEntries(ctx.store.db, { limit: count });
  return rows.reverse();
}
