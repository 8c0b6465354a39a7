/**
 * The alert board: per version and channel, status and counts; dead letters with the provider's code
 * and the recipient's opaque id (subscription id or broadcast target), never an address.
 */
import { Type } from 'typebox';
import type { DeadLetter } from '../../app/distribution/alert-distribution.ts';
import type { DispatchRow } from '../../store/repositories/dispatches.repository.ts';

export const DispatchItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  version: Type.Integer(),
  channel: Type.String(),
  action: Type.String(),
  status: Type.String(),
  planned: Type.Boolean(),
  counts: Type.Object({ total: Type.Integer(), sent: Type.Integer(), skipped: Type.Integer(), deferred: Type.Integer(), failed: Type.Integer(), pending: Type.Integer() }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export const DistributionResponse = Type.Object({ items: Type.Array(DispatchItem) });

export const DeadLetterItem = Type.Object({
  dispatchId: Type.String({ format: 'uuid' }),
  version: Type.Integer(),
  channel: Type.String(),
  recipient: Type.String(),
  attempts: Type.Integer(),
  errorCode: Type.Union([Type.String(), Type.Null()]),
  failedAt: Type.String({ format: 'date-time' }),
});
export const DeadLettersResponse = Type.Object({ items: Type.Array(DeadLetterItem) });
export const RetryResponse = Type.Object({ requeued: Type.Integer() });

export function presentDispatch(d: DispatchRow) {
  return {
    id: d.id,
    version: d.version,
    channel: d.channel,
    action: d.action,
    status: d.status,
    planned: d.planned,
    counts: { total: d.total, sent: d.sent, skipped: d.skipped, deferred: d.deferred, failed: d.dead, pending: Math.max(0, d.total - d.sent - d.skipped - d.deferred - d.dead) },
    updatedAt: d.updated_at.toISOString(),
  };
}

export function presentDeadLetter(d: DeadLetter) {
  return { dispatchId: d.dispatchId, version: d.version, channel: d.channel, recipient: d.recipient, attempts: d.attempts, errorCode: d.errorCode, failedAt: d.failedAt.toISOString() };
}
