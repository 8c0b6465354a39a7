/**
 * Where a tip came from, as stored and shown to officers: the public web form, a WhatsApp reply, a
 * media partner's API token, or the police (a unit's API token, or a staff member signed in). A token
 * belongs to a police unit when its jurisdiction is a unit (the fourth level: MA › region › province ›
 * unit); partners' tokens are issued at the national, regional or provincial level.
 *
 * @example
 *   apiTipSource({ kind: 'api_token', jurisdictionPath: ['MA', 'MA-06', 'MA-CAS', 'MA-CAS-U01'], … }); // 'police'
 *   apiTipSource({ kind: 'api_token', jurisdictionPath: ['MA'], … });                                   // 'partner'
 */
import type { TokenActor, UserActor } from '../actor.ts';

export type TipSourceKind = 'web' | 'whatsapp' | 'partner' | 'police';

export function apiTipSource(actor: TokenActor | UserActor): 'partner' | 'police' {
  if (actor.kind === 'user') return 'police';
  return actor.jurisdictionPath.length >= 4 ? 'police' : 'partner';
}
