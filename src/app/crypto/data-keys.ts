/**
 * Per-owner data keys (one per case) for envelope encryption of sensitive fields: a random 32-byte key,
 * stored only sealed under the active master key (context `datakey:<type>:<id>`). These functions run
 * inside the caller's transaction so the key is created or destroyed together with the change that
 * needs it, and audited in the same transaction.
 *
 * Destroying a key (crypto-shredding) erases its material from the table: every ciphertext made with
 * it, wherever it was copied, becomes unreadable. A backup taken before the destruction still holds the
 * sealed key, which opens only while the master key that sealed it exists; rotating master keys
 * (master-key-rotation.ts) and then destroying the retired key makes the erasure final in those
 * backups too. The same holds for PostgreSQL's own remnants (row versions not yet vacuumed, WAL
 * archives): they only ever held the key sealed.
 *
 * Reading the key is not audited here: the use case that reads sensitive fields logs that read, with
 * its purpose.
 *
 * @example
 *   await ctx.store.db.transaction().execute(async (trx) => {
 *     const fk = await createDataKey(trx, ctx, { type: 'case', id: caseId }, actor);
 *     const medical = encryptField(fk, 'medicalNeeds', input.medicalNeeds);
 *   });
 *   const fk = await getDataKey(trx, ctx, { type: 'case', id: caseId }); // DataKeyDestroyedError once erased
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { type FieldKey, type KeyOwner, fieldKey, keyOwner } from '../../platform/crypto/field-cipher.ts';
import { open, seal, sealedKeyId } from '../../platform/crypto/secret-box.ts';
import {
  countDataKeys,
  destroyDataKeyRow,
  findDataKey,
  insertDataKey,
  insertDestroyedDataKey,
  lockLiveKeysNotUnder,
  rewrapDataKey,
} from '../../store/repositories/data-keys.repository.ts';
import type { DB } from '../../store/schema.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { SealedValueSource } from './sealed-values.ts';

type KeyContext = Pick<AppContext, 'keys' | 'clock'>;

/** A reason code such as "retention.expired" or "dpo.erasure_request": stored and audited, so never free text. */
const REASON = /^[a-z][a-z0-9_.:-]{0,63}$/;

/** The owner's data key was destroyed: its sensitive data is erased and must be presented as such. */
export class DataKeyDestroyedError extends AppError {
  readonly owner: KeyOwner;
  readonly destroyedAt: Date;
  constructor(owner: KeyOwner, destroyedAt: Date) {
    super('data_erased', `The sensitive data of this ${owner.type} was erased.`);
    this.name = 'DataKeyDestroyedError';
    this.owner = owner;
    this.destroyedAt = destroyedAt;
  }
}

/** The secret-box context of an owner's sealed data key. */
export const dataKeyContext = (owner: KeyOwner): string => `datakey:${owner.type}:${owner.id}`;

/** Creates the owner's data key. Conflict if it already has one; DataKeyDestroyedError if it was erased. */
export async function createDataKey(trx: Transaction<DB>, ctx: KeyContext, owner: KeyOwner, actor: Actor): Promise<FieldKey> {
  const o = keyOwner(owner.type, owner.id);
  const key = randomBytes(32);
  const id = randomUUID();
  const masterKeyId = ctx.keys.active.id;
  const inserted = await insertDataKey(trx, { id, owner: o, wrappedKey: seal(ctx.keys, key, dataKeyContext(o)), masterKeyId, at: ctx.clock.now() });
  if (!inserted) {
    const existing = await findDataKey(trx, o);
    if (existing?.destroyedAt) throw new DataKeyDestroyedError(o, existing.destroyedAt);
    throw new AppError('conflict', `This ${o.type} already has a data key.`);
  }
  await audit(trx, ctx.clock, actor, { objectType: o.type, objectId: o.id, action: 'data_key.create', details: { dataKeyId: id, masterKeyId } });
  return fieldKey(o, key);
}

/** Unwraps the owner's data key. DataKeyDestroyedError once it was destroyed. */
export async function getDataKey(trx: Transaction<DB> | Kysely<DB>, ctx: Pick<AppContext, 'keys'>, owner: KeyOwner): Promise<FieldKey> {
  const o = keyOwner(owner.type, owner.id);
  const row = await findDataKey(trx, o);
  if (!row) throw new Error(`no data key for ${o.type} ${o.id}`);
  if (row.destroyedAt || row.wrappedKey === null) throw new DataKeyDestroyedError(o, row.destroyedAt ?? new Date(0));
  return fieldKey(o, open(ctx.keys, row.wrappedKey, dataKeyContext(o)));
}

export interface DestroyOutcome {
  readonly dataKeyId: string;
  readonly destroyedAt: Date;
  /** True when the key had already been destroyed: nothing changed and nothing was audited. */
  readonly alreadyDestroyed: boolean;
}

/**
 * Crypto-shreds the owner's data: erases the key material and records when and why. Idempotent. An
 * owner that never had a key gets a tombstone, so no key can be created for it afterwards.
 */
export async function destroyDataKey(trx: Transaction<DB>, ctx: KeyContext, owner: KeyOwner, reason: string, actor: Actor): Promise<DestroyOutcome> {
  const o = keyOwner(owner.type, owner.id);
  if (!REASON.test(reason)) {
    throw new AppError('validation_failed', 'The reason must be a short code.', { errors: [{ field: 'reason', message: 'must be a lower-case code such as "retention.expired"' }] });
  }
  const at = ctx.clock.now();
  let row = await findDataKey(trx, o, { forUpdate: true });
  if (!row) {
    const id = randomUUID();
    if (await insertDestroyedDataKey(trx, { id, owner: o, reason, at })) {
      await audit(trx, ctx.clock, actor, { objectType: o.type, objectId: o.id, action: 'data_key.destroy', details: { dataKeyId: id, reason, hadKey: false } });
      return { dataKeyId: id, destroyedAt: at, alreadyDestroyed: false };
    }
    // A key was created concurrently: destroy that one.
    row = await findDataKey(trx, o, { forUpdate: true });
    if (!row) throw new Error(`data key for ${o.type} ${o.id} vanished`);
  }
  if (row.destroyedAt) return { dataKeyId: row.id, destroyedAt: row.destroyedAt, alreadyDestroyed: true };
  if (!(await destroyDataKeyRow(trx, o, { reason, at }))) throw new Error(`data key ${row.id} could not be destroyed`);
  await audit(trx, ctx.clock, actor, {
    objectType: o.type,
    objectId: o.id,
    action: 'data_key.destroy',
    details: { dataKeyId: row.id, reason, hadKey: true, masterKeyId: row.masterKeyId },
  });
  return { dataKeyId: row.id, destroyedAt: at, alreadyDestroyed: false };
}

/** Data keys as a source of sealed values for master-key rotation and status. */
export const dataKeySealedValues: SealedValueSource = {
  name: 'data keys',
  async lockNotUnder(trx, keyId, afterId, limit) {
    const rows = await lockLiveKeysNotUnder(trx, keyId, afterId, limit);
    return rows.flatMap((r) => (r.wrappedKey === null ? [] : [{ id: r.id, sealed: r.wrappedKey, context: dataKeyContext({ type: r.ownerType, id: r.ownerId }) }]));
  },
  async replace(trx, id, sealed, keyId, at) {
    if (sealedKeyId(sealed) !== keyId) throw new Error(`re-sealed data key ${id} is not under master key "${keyId}"`);
    return rewrapDataKey(trx, id, { wrappedKey: sealed, masterKeyId: keyId, at });
  },
  async countByMasterKey(db) {
    return (await countDataKeys(db)).live;
  },
};
