/**
 * A stored case record opened for reading: its sensitive part decrypted with the case's data key, or,
 * once that key was destroyed (erasure, retention), what remains in the clear, and a flag saying so. For
 * reads that must still answer after an erasure (the officer's view, the access export); writes use
 * `openCaseRecord` directly and fail on an erased case.
 *
 * @example
 *   const { record, sensitiveErased } = await openStoredCase(trx, ctx, row);
 */
import type { Kysely, Transaction } from 'kysely';
import type { CaseRecord } from '../../domain/case/case-record.ts';
import type { PartialCaseRecord } from '../../domain/case/field-classes.ts';
import { keyOwner } from '../../platform/crypto/field-cipher.ts';
import type { CaseRow } from '../../store/repositories/cases.repository.ts';
import type { DB } from '../../store/schema.ts';
import type { AppContext } from '../context.ts';
import { DataKeyDestroyedError, getDataKey } from '../crypto/data-keys.ts';
import { openCaseRecord } from './case-codec.ts';

export interface OpenedCase {
  readonly record: CaseRecord | PartialCaseRecord;
  /** True when the data key is gone: `record` holds the clear part only. */
  readonly sensitiveErased: boolean;
}

export async function openStoredCase(trx: Transaction<DB> | Kysely<DB>, ctx: Pick<AppContext, 'keys'>, row: CaseRow): Promise<OpenedCase> {
  try {
    return { record: openCaseRecord(row.record, row.sensitive, await getDataKey(trx, ctx, keyOwner('case', row.id))), sensitiveErased: false };
  } catch (err) {
    if (!(err instanceof DataKeyDestroyedError)) throw err;
    return { record: row.record, sensitiveErased: true };
  }
}
