/**
 * Field-level encryption of sensitive values (health, personal problems, ID numbers…) with a per-owner
 * data key: AES-256-GCM, a random 96-bit IV per value, and the owner and field path bound as associated
 * data (`<ownerType>:<ownerId>:<fieldPath>`), so a ciphertext copied into another case or another field
 * does not decrypt. Pure crypto: the data key comes from app/crypto/data-keys.ts.
 *
 * Stored form (text, versioned): `f1.<iv>.<tag>.<ciphertext>`, base64url parts; the plaintext is the
 * value's JSON.
 *
 * @example
 *   const fk = fieldKey({ type: 'case', id: caseId }, dataKeyBytes);
 *   const stored = encryptField(fk, 'medicalNeeds', { condition: 'asthma', medication: ['inhaler'] });
 *   const value = decryptField(fk, 'medicalNeeds', stored);
 *   const row = encryptFields(fk, { medicalNeeds: value, idCardNumber: 'AB123456' }, 'child.');
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Whose data a key protects, e.g. `{ type: 'case', id: '<uuid>' }`. */
export interface KeyOwner {
  readonly type: string;
  readonly id: string;
}

/** A data key with its owner. The key bytes are non-enumerable and redacted from JSON and inspect. */
export interface FieldKey {
  readonly owner: KeyOwner;
  readonly key: Buffer;
}

const VERSION = 'f1';
const OWNER_TYPE = /^[a-z][a-z0-9_]{0,31}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_FIELD_PATH = 200;

/** A value could not be decrypted: wrong owner, wrong field, wrong key or tampered. Names the field, never the value. */
export class FieldDecryptionError extends Error {
  readonly fieldPath: string;
  constructor(owner: KeyOwner, fieldPath: string) {
    super(`field "${fieldPath}" of ${owner.type} ${owner.id} could not be decrypted`);
    this.name = 'FieldDecryptionError';
    this.fieldPath = fieldPath;
  }
}

/** Checks an owner and returns it normalised (lower-case id), as used in associated data. */
export function keyOwner(type: string, id: string): KeyOwner {
  if (!OWNER_TYPE.test(type)) throw new TypeError('owner type must be a short lower-case identifier');
  if (!UUID.test(id)) throw new TypeError('owner id must be a UUID');
  return Object.freeze({ type, id: id.toLowerCase() });
}

/** Binds a 32-byte data key to its owner. */
export function fieldKey(owner: KeyOwner, key: Buffer): FieldKey {
  if (key.length !== 32) throw new TypeError('a data key is 32 bytes');
  const fk = { owner: keyOwner(owner.type, owner.id) } as { owner: KeyOwner; key: Buffer };
  Object.defineProperty(fk, 'key', { value: key, enumerable: false });
  // Keep the key out of log lines and error dumps if a FieldKey is ever logged by mistake.
  Object.defineProperty(fk, 'toJSON', { value: () => ({ owner: fk.owner, key: '[redacted]' }), enumerable: false });
  Object.defineProperty(fk, inspect.custom, { value: () => `FieldKey(${fk.owner.type}:${fk.owner.id})`, enumerable: false });
  return Object.freeze(fk);
}

function checkFieldPath(fieldPath: string): void {
  if (fieldPath.length === 0 || fieldPath.length > MAX_FIELD_PATH || [...fieldPath].some((c) => c < ' ')) {
    throw new TypeError(`field path must be 1 to ${MAX_FIELD_PATH} printable characters`);
  }
}

/** Rejects what JSON would silently change (NaN, Infinity, undefined in arrays, functions…). */
function checkJson(value: unknown, fieldPath: string): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (Number.isFinite(value)) return;
      break;
    case 'object':
      if (value === null) return;
      if (Array.isArray(value)) {
        for (const v of value as unknown[]) checkJson(v, fieldPath);
        return;
      }
      if (Object.getPrototypeOf(value) === Object.prototype) {
        for (const v of Object.values(value)) checkJson(v, fieldPath);
        return;
      }
      break;
    case 'undefined':
    case 'bigint':
    case 'symbol':
    case 'function':
      break;
  }
  throw new TypeError(`field "${fieldPath}": value is not plain JSON`);
}

const aad = (owner: KeyOwner, fieldPath: string) => Buffer.from(`${owner.type}:${owner.id}:${fieldPath}`, 'utf8');

export function encryptField(fk: FieldKey, fieldPath: string, value: JsonValue): string {
  checkFieldPath(fieldPath);
  checkJson(value, fieldPath);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', fk.key, iv);
  cipher.setAAD(aad(fk.owner, fieldPath));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

/** True for a string in the stored form (not a proof that it decrypts). */
export function isEncryptedField(value: unknown): value is string {
  return typeof value === 'string' && /^f1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/.test(value);
}

export function decryptField(fk: FieldKey, fieldPath: string, stored: string): JsonValue {
  checkFieldPath(fieldPath);
  if (!isEncryptedField(stored)) throw new FieldDecryptionError(fk.owner, fieldPath);
  const [, iv = '', tag = '', ct = ''] = stored.split('.');
  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', fk.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(aad(fk.owner, fieldPath));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    plaintext = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new FieldDecryptionError(fk.owner, fieldPath);
  }
  return JSON.parse(plaintext) as JsonValue;
}

/**
 * Encrypts each present field of a record; the field path is `prefix + name`. Undefined fields are
 * left out; null is encrypted like any value, so storage does not reveal which fields were filled.
 */
export function encryptFields<K extends string>(fk: FieldKey, values: { readonly [P in K]?: JsonValue | undefined }, prefix = ''): { [P in K]?: string } {
  const out: { [P in K]?: string } = {};
  for (const name of Object.keys(values) as K[]) {
    const value = values[name];
    if (value !== undefined) out[name] = encryptField(fk, `${prefix}${name}`, value);
  }
  return out;
}

/** The inverse of encryptFields: absent (null or undefined) stored fields are left out. */
export function decryptFields<K extends string>(fk: FieldKey, stored: { readonly [P in K]?: string | null | undefined }, prefix = ''): { [P in K]?: JsonValue } {
  const out: { [P in K]?: JsonValue } = {};
  for (const name of Object.keys(stored) as K[]) {
    const value = stored[name];
    if (value !== undefined && value !== null) out[name] = decryptField(fk, `${prefix}${name}`, value);
  }
  return out;
}
