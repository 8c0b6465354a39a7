/**
 * Lists the jurisdiction tree (national, regions, prefectures/provinces, police units) with each
 * node's parent, for every staff member: the tree and its names are not personal data.
 *
 * @example
 *   await listJurisdictions(ctx, actor, { under: 'MA-06', level: 'province' }); // Casablanca-Settat's nine
 */
import type { Actor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { findJurisdiction, type JurisdictionFilter, type JurisdictionRow, listJurisdictionRows } from '../../store/repositories/jurisdiction-tree.repository.ts';
import type { AppContext } from '../context.ts';

export async function listJurisdictions(ctx: AppContext, actor: Actor, filter: JurisdictionFilter = {}): Promise<JurisdictionRow[]> {
  assertAllowed(actor, 'jurisdiction.list');
  if (filter.under !== undefined && !(await findJurisdiction(ctx.store.db, filter.under))) throw new AppError('not_found', 'No jurisdiction has this code.', { errors: [{ field: 'under', message: 'is not a known jurisdiction code' }] });
  return listJurisdictionRows(ctx.store.db, filter);
}
