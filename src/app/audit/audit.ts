/**
 * The use-case side of auditing: record what an actor did (or read), inside the same transaction as
 * the change. `purpose` is the reason the actor gave, required for reads of restricted data.
 *
 * @example
 *   await db.transaction().execute(async (trx) => {
 *     await updateCase(trx, ...);
 *     await audit(trx, clock, actor, { objectType: 'case', objectId: id, action: 'case.update', details: { fields: ['height'] } });
 *   });
 */
import type { Transaction } from 'kysely';
import type { Actor } from '../../domain/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { type AuditAppend, appendAuditEntries } from '../../store/repositories/audit.repository.ts';
import type { DB } from '../../store/schema.ts';

export interface AuditEvent {
  readonly objectType: string;
  readonly objectId?: string | null;
  /** Dotted verb, e.g. "user.create", "case.read_restricted", "session.login_failed". */
  readonly action: string;
  readonly purpose?: string | null;
  /** Identifiers and field names only, never personal values. */
  readonly details?: Readonly<Record<string, unknown>>;
}

function actorColumns(actor: Actor) {
  switch (actor.kind) {
    case 'user':
      return { actorType: 'user' as const, actorId: actor.id, actorRole: actor.role, actorJurisdiction: actor.jurisdiction, ip: actor.ip };
    case 'api_token':
      return { actorType: 'api_token' as const, actorId: actor.id, actorRole: null, actorJurisdiction: actor.jurisdiction, ip: actor.ip };
    case 'public':
      return { actorType: 'public' as const, actorId: null, actorRole: null, actorJurisdiction: null, ip: actor.ip };
    case 'system':
      return { actorType: 'system' as const, actorId: actor.process, actorRole: null, actorJurisdiction: null, ip: null };
  }
}

function entryOf(clock: Clock, actor: Actor, event: AuditEvent): AuditAppend {
  return {
    at: clock.now(),
    ...actorColumns(actor),
    objectType: event.objectType,
    objectId: event.objectId ?? null,
    action: event.action,
    purpose: event.purpose ?? null,
    details: event.details ?? {},
  };
}

export async function audit(trx: Transaction<DB>, clock: Clock, actor: Actor, event: AuditEvent): Promise<void> {
  await appendAuditEntries(trx, [entryOf(clock, actor, event)]);
}

/** Several events in one append, in this order (a batch of tips): one lock and one INSERT for all. */
export async function auditAll(trx: Transaction<DB>, clock: Clock, events: readonly { readonly actor: Actor; readonly event: AuditEvent }[]): Promise<void> {
  await appendAuditEntries(trx, events.map((e) => entryOf(clock, e.actor, e.event)));
}
