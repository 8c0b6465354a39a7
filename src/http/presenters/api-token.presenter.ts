/**
 * What the API shows of an API token: its name, visible prefix, scopes, jurisdiction and dates.
 * The token itself is shown once, by the creation route, and never again.
 *
 * @example
 *   reply.send({ items: rows.map((r) => presentApiToken(r, now)) });
 */
import { type Static, Type } from 'typebox';
import type { ApiTokenRow } from '../../store/repositories/api-tokens.repository.ts';

const DateOrNull = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const ApiTokenView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  /** The token's visible part, `tfl_<prefix>_…`, to recognise it in a client's configuration. */
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  jurisdiction: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: DateOrNull,
  lastUsedAt: DateOrNull,
  revokedAt: DateOrNull,
});
export type ApiTokenView = Static<typeof ApiTokenView>;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function presentApiToken(row: ApiTokenRow, now: Date): ApiTokenView {
  const status = row.revoked_at !== null ? 'revoked' : row.expires_at !== null && row.expires_at.getTime() <= now.getTime() ? 'expired' : 'active';
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: [...row.scopes],
    jurisdiction: row.jurisdiction_code,
    status,
    createdAt: row.created_at.toISOString(),
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}
