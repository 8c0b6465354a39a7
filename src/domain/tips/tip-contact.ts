/**
 * A tipster's contact details: RESTRICTED data (DESIGN §2). Stored only sealed under the case's data
 * key (one field-cipher value, path `tip:<tipId>:contact`), so destroying the case's key erases every
 * tipster's contact along with the case's sensitive data. Never logged, never in an error, never on a
 * public surface; only the officers' triage views open it, audited.
 *
 * `callbackConsent` is the tipster's "the police may call me back" box. A WhatsApp sender's number is
 * known without such a box (they wrote to us): it is kept with `whatsappSender` so officers can answer
 * in the conversation, and `callbackConsent` stays false.
 *
 * @example
 *   const contact: TipContact = { name: 'Amina', phone: '+212612345678', callbackConsent: true, whatsappSender: false };
 *   encryptField(caseKey, tipContactField(tipId), tipContactJson(contact));
 */
import type { JsonValue } from '../../platform/crypto/field-cipher.ts';

export interface TipContact {
  readonly name: string | null;
  /** E.164. */
  readonly phone: string | null;
  readonly callbackConsent: boolean;
  readonly whatsappSender: boolean;
}

/** The field path the sealed contact is bound to (associated data): a value copied to another tip does not open. */
export const tipContactField = (tipId: string): string => `tip:${tipId.toLowerCase()}:contact`;

export function tipContactJson(c: TipContact): JsonValue {
  return { name: c.name, phone: c.phone, callbackConsent: c.callbackConsent, whatsappSender: c.whatsappSender };
}

/** The inverse of tipContactJson; undefined when the opened value is not a contact. */
export function tipContactFromJson(v: JsonValue): TipContact | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as { readonly [k: string]: JsonValue };
  const text = (x: JsonValue | undefined): string | null | undefined => (x === null || typeof x === 'string' ? x : undefined);
  const name = text(o.name);
  const phone = text(o.phone);
  if (name === undefined || phone === undefined || typeof o.callbackConsent !== 'boolean' || typeof o.whatsappSender !== 'boolean') return undefined;
  return { name, phone, callbackConsent: o.callbackConsent, whatsappSender: o.whatsappSender };
}
