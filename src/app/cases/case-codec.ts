/**
 * A case record at rest: the sensitive leaves (field-classes.ts) are taken out and encrypted as one
 * value with the case's data key, bound to the case id; the rest is stored as JSON. Destroying the
 * data key therefore erases the sensitive part everywhere, backups included.
 */
import { type CaseRecord } from '../../domain/case/case-record.ts';
import { type PartialCaseRecord, mergeSensitive, splitSensitive } from '../../domain/case/field-classes.ts';
import { type FieldKey, decryptField, encryptField } from '../../platform/crypto/field-cipher.ts';

const SENSITIVE_FIELD = 'case.sensitive';

export interface SealedCase {
  readonly rest: Record<string, unknown>;
  /** Null when the record holds no sensitive value. */
  readonly sensitive: string | null;
}

export function sealCaseRecord(record: CaseRecord, key: FieldKey): SealedCase {
  const { rest, sensitive } = splitSensitive(record);
  const hasSensitive = Object.keys(sensitive).length > 0;
  return {
    rest: rest,
    sensitive: hasSensitive ? encryptField(key, SENSITIVE_FIELD, sensitive) : null,
  };
}

export function openCaseRecord(rest: Record<string, unknown>, sensitive: string | null, key: FieldKey): CaseRecord {
  const part = sensitive ? (decryptField(key, SENSITIVE_FIELD, sensitive) as unknown as PartialCaseRecord) : {};
  return mergeSensitive(rest, part);
}
