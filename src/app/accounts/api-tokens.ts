/**
 * API tokens for machine clients (partners' tip relays, feed readers): created by an administrator
 * for a jurisdiction with a set of scopes and an optional expiry, shown once, stored as a hash,
 * revocable. A bearer token resolves to a TokenActor that policies check by scope and jurisdiction.
 *
 * @example
 *   const { token } = await createApiToken(ctx, admin, { name: 'relay', scopes: ['tips:write'], jurisdiction: 'MA-CAS' });
 *   const actor = await resolveApiToken(ctx, token, ip); // TokenActor, or throws token_invalid
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor, TokenActor } from '../../domain/actor.ts';
import { AppError, type FieldError } from '../../domain/errors.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { formatApiToken, isKnownScope, parseApiToken, prefixFromBytes } from '../../domain/accounts/api-token-format.ts';
import { findApiTokenById, findApiTokenByPrefix, insertApiToken, listApiTokens as listTokenRows, prefixTaken, revokeApiToken as revokeTokenRow, touchApiToken, type ApiTokenRow } from '../../store/repositories/api-tokens.repository.ts';
import { jurisdictionPath } from '../../store/repositories/jurisdictions.repository.ts';
import type { AppContext } from '../context.ts';
import { audit } from '../audit/audit.ts';
import { randomToken, safeEqual, sha256Hex } from './secrets.ts';
import { homeJurisdiction } from './users.ts';

export interface NewApiTokenInput {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly jurisdiction?: string | undefined;
  readonly expiresAt?: Date | undefined;
}

/** Record last use at most this often: a busy relay should not write on every request. */
const TOUCH_EVERY_MS = 60_000;
const LIST_LIMIT = 500;

const tokenInvalid = (): AppError => new AppError('token_invalid', 'The API token is unknown, revoked or expired.');

export async function createApiToken(ctx: AppContext, actor: Actor, input: NewApiTokenInput): Promise<{ readonly token: string; readonly row: ApiTokenRow }> {
  const errors: FieldError[] = [];
  const name = input.name.trim();
  if (!name) errors.push({ field: 'name', message: 'must not be blank' });
  if (input.scopes.length === 0) errors.push({ field: 'scopes', message: 'must name at least one scope' });
  input.scopes.forEach((s, i) => {
    if (!isKnownScope(s)) errors.push({ field: `scopes/${i}`, message: 'is not a known scope' });
  });
  const now = ctx.clock.now();
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) errors.push({ field: 'expiresAt', message: 'must be in the future' });
  const jurisdiction = input.jurisdiction ?? homeJurisdiction(actor);
  const path = await jurisdictionPath(ctx.store.db, jurisdiction);
  if (!path) errors.push({ field: 'jurisdiction', message: 'is not a known jurisdiction code' });
  if (errors.length || !path) throw new AppError('validation_failed', 'The token request is not valid.', { errors });
  assertAllowed(actor, 'api_token.create', { jurisdictionPath: path });

  return ctx.store.db.transaction().execute(async (trx) => {
    let prefix = prefixFromBytes(randomBytes(8));
    // 36^8 prefixes: a collision is rare, but the column is unique, so draw again rather than fail.
    while (await prefixTaken(trx, prefix)) prefix = prefixFromBytes(randomBytes(8));
    const token = formatApiToken(prefix, randomToken());
    const id = randomUUID();
    const scopes = [...new Set(input.scopes)].sort();
    await insertApiToken(trx, { id, name, prefix, tokenHash: sha256Hex(token), scopes, jurisdictionCode: jurisdiction, createdBy: actor.kind === 'user' ? actor.id : null, at: now, expiresAt: input.expiresAt ?? null });
    await audit(trx, ctx.clock, actor, { objectType: 'api_token', objectId: id, action: 'api_token.create', details: { scopes, jurisdiction, expires: input.expiresAt?.toISOString() ?? null } });
    const row = await findApiTokenById(trx, id);
    if (!row) throw new Error('created token not found in its own transaction');
    return { token, row };
  });
}

export async function listApiTokens(ctx: AppContext, actor: Actor): Promise<ApiTokenRow[]> {
  const within = homeJurisdiction(actor);
  assertAllowed(actor, 'api_token.list', { jurisdictionPath: (await jurisdictionPath(ctx.store.db, within)) ?? [within] });
  return listTokenRows(ctx.store.db, within, LIST_LIMIT);
}

/** Revokes a token; revoking one already revoked changes nothing. */
export async function revokeApiToken(ctx: AppContext, actor: Actor, id: string): Promise<ApiTokenRow> {
  const row = await findApiTokenById(ctx.store.db, id);
  if (!row) throw new AppError('not_found', 'No API token with this id.');
  assertAllowed(actor, 'api_token.revoke', { jurisdictionPath: (await jurisdictionPath(ctx.store.db, row.jurisdiction_code)) ?? [row.jurisdiction_code] });
  return ctx.store.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    if (await revokeTokenRow(trx, id, now)) {
      await audit(trx, ctx.clock, actor, { objectType: 'api_token', objectId: id, action: 'api_token.revoke' });
      return { ...row, revoked_at: now };
    }
    return row;
  });
}

/** The actor a bearer token stands for; throws `token_invalid` for anything but a live token. */
export async function resolveApiToken(ctx: AppContext, raw: string, ip: string | null): Promise<TokenActor> {
  const parsed = parseApiToken(raw);
  if (!parsed) throw tokenInvalid();
  const row = await findApiTokenByPrefix(ctx.store.db, parsed.prefix);
  if (!row || !safeEqual(row.token_hash, sha256Hex(raw))) throw tokenInvalid();
  const now = ctx.clock.now();
  if (row.revoked_at !== null || (row.expires_at !== null && row.expires_at.getTime() <= now.getTime())) throw tokenInvalid();
  if (row.last_used_at === null || now.getTime() - row.last_used_at.getTime() >= TOUCH_EVERY_MS) await touchApiToken(ctx.store.db, row.id, now);
  const path = (await jurisdictionPath(ctx.store.db, row.jurisdiction_code)) ?? [row.jurisdiction_code];
  return { kind: 'api_token', id: row.id, name: row.name, scopes: row.scopes, jurisdiction: row.jurisdiction_code, jurisdictionPath: path, ip };
}
