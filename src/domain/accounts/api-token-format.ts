/**
 * API tokens for machine clients: `tfl_<prefix>_<secret>`, where the prefix is 8 lower-case letters
 * or digits (stored in clear to find the row) and the secret is 32 random bytes in base64url (only
 * its hash is stored). The scopes a token may carry are declared here: the explicit list below plus
 * every `tokenScope` named by a policy rule.
 *
 * @example
 *   parseApiToken('tfl_ab12cd34_' + 'x'.repeat(43)) // { prefix: 'ab12cd34' }
 */
import { POLICY_RULES, type PolicyRule } from '../policy/rules.ts';

export const API_TOKEN_PATTERN = /^tfl_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
export const API_TOKEN_PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Scopes machine clients may be granted, besides those policy rules name. */
const DECLARED_SCOPES = ['tips:write', 'tips:read', 'cases:read', 'alerts:read', 'alerts:write', 'feeds:read', 'audit:read'] as const;

const ruleScopes = (Object.values(POLICY_RULES) as readonly PolicyRule[]).flatMap((r) => (r.tokenScope ? [r.tokenScope] : []));

export const API_TOKEN_SCOPES: readonly string[] = [...new Set<string>([...DECLARED_SCOPES, ...ruleScopes])].sort();

export const isKnownScope = (s: string): boolean => API_TOKEN_SCOPES.includes(s);

export function formatApiToken(prefix: string, secret: string): string {
  return `tfl_${prefix}_${secret}`;
}

/** The prefix of a well-formed token, or undefined for anything else. */
export function parseApiToken(raw: string): { readonly prefix: string } | undefined {
  const m = API_TOKEN_PATTERN.exec(raw);
  return m?.[1] ? { prefix: m[1] } : undefined;
}

/** Maps random bytes onto the prefix alphabet (8 characters). */
export function prefixFromBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += API_TOKEN_PREFIX_ALPHABET[(bytes[i] ?? 0) % API_TOKEN_PREFIX_ALPHABET.length];
  return out;
}
