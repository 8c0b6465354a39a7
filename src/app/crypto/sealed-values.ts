/**
 * Everything stored sealed under a master key (secret-box), as sources that master-key rotation walks
 * and `tifli keys status` counts. A master key may be removed from MASTER_KEYS only when no source
 * still holds a value sealed under it, so every kind of sealed value must be listed here.
 *
 * To add one, implement SealedValueSource next to its use cases and add it to SEALED_VALUE_SOURCES.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../store/schema.ts';
import { dataKeySealedValues } from './data-keys.ts';
import { totpSeedSealedValues } from '../accounts/totp-sealed-values.ts';

export interface SealedValue {
  /** Row id, also the rotation cursor: ids must be totally ordered by the source's SQL. */
  readonly id: string;
  readonly sealed: string;
  /** The secret-box context the value was sealed with. */
  readonly context: string;
}

export interface SealedValueSource {
  /** For reports, e.g. "data keys". */
  readonly name: string;
  /** Up to `limit` values not sealed under `keyId`, ids after `afterId` in id order, locked FOR UPDATE. */
  lockNotUnder(trx: Transaction<DB>, keyId: string, afterId: string | undefined, limit: number): Promise<readonly SealedValue[]>;
  /** Stores a value re-sealed under `keyId`; false when the value was removed meanwhile. */
  replace(trx: Transaction<DB>, id: string, sealed: string, keyId: string, at: Date): Promise<boolean>;
  /** How many values each master key id seals. */
  countByMasterKey(db: Kysely<DB>): Promise<readonly { readonly masterKeyId: string; readonly count: number }[]>;
}

export const SEALED_VALUE_SOURCES: readonly SealedValueSource[] = [dataKeySealedValues, totpSeedSealedValues];
