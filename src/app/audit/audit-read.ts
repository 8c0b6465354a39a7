/**
 * Records a read of restricted or sensitive data (Law 09-08: every such access is logged with its
 * purpose). Call it in the transaction that reads the data, before the data leaves the use case, with
 * the names of the fields actually returned; the entry's action is `<objectType>.read_restricted` and
 * its details list the field names (never their values). A read without a stated purpose is refused.
 *
 * @example
 *   await ctx.store.db.transaction().execute(async (trx) => {
 *     const row = await findCase(trx, caseId);
 *     await auditRead(trx, ctx.clock, actor, { objectType: 'case', objectId: caseId, fields: ['birthDate', 'guardianPhone'], purpose: input.purpose });
 *     return row;
 *   });
 */
import type { Transaction } from 'kysely';
import type { Actor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../store/schema.ts';
import { audit } from './audit.ts';

/** Longest purpose kept, in characters: a sentence, not a report. */
export const PURPOSE_MAX_LENGTH = 500;

export interface RestrictedRead {
  /** What was read, e.g. "case", "tip", "user". */
  readonly objectType: string;
  readonly objectId: string;
  /** Names of the restricted or sensitive fields returned, e.g. ["birthDate", "medicalNeeds"]. */
  readonly fields: readonly string[];
  /** The reason the actor gave for reading. Required. */
  readonly purpose: string | null | undefined;
}

/** Throws AppError('validation_failed') naming the field `purpose` when no purpose (or too long a one) is given. */
export async function auditRead(trx: Transaction<DB>, clock: Clock, actor: Actor, read: RestrictedRead): Promise<void> {
  const purpose = read.purpose?.trim() ?? '';
  if (purpose === '') throw new AppError('validation_failed', 'Reading restricted data needs a stated purpose.', { errors: [{ field: 'purpose', message: 'must state why the data is read' }] });
  if (purpose.length > PURPOSE_MAX_LENGTH) throw new AppError('validation_failed', 'The stated purpose is too long.', { errors: [{ field: 'purpose', message: `must be at most ${PURPOSE_MAX_LENGTH} characters` }] });
  if (read.fields.length === 0) throw new Error('auditRead needs the names of the fields read');
  await audit(trx, clock, actor, {
    objectType: read.objectType,
    objectId: read.objectId,
    action: `${read.objectType}.read_restricted`,
    purpose,
    details: { fields: [...new Set(read.fields)].sort() },
  });
}
