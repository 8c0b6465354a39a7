/**
 * Creates a police unit (level "unit") under a prefecture/province. Administrators do this within
 * their jurisdiction: a national or regional administrator for any province below them, a
 * provincial administrator for their own province. The unit's code is its province's code plus a
 * local part ("MA-CAS-U01"), so the parent follows from the code.
 *
 * @example
 *   await createUnit(ctx, actor, { code: 'MA-CAS-ANFA', nameAr: 'المنطقة الأمنية أنفا', nameFr: 'Arrondissement Anfa' });
 */
import type { Actor } from '../../domain/actor.ts';
import { AppError, type FieldError } from '../../domain/errors.ts';
import { provinceOfUnitCode } from '../../domain/geo/jurisdiction-codes.ts';
import { hasLetterOf } from '../../domain/geo/place-names.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { findJurisdiction, insertJurisdiction, type JurisdictionRow } from '../../store/repositories/jurisdiction-tree.repository.ts';
import { jurisdictionPath } from '../../store/repositories/jurisdictions.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';

export const UNIT_NAME_MAX = 120;

export interface NewUnitInput {
  readonly code: string;
  /** Optional: when given it must be the province the code starts with. */
  readonly parentCode?: string | undefined;
  readonly nameAr: string;
  readonly nameFr: string;
  readonly nameZgh?: string | undefined;
}

function nameErrors(field: string, value: string | undefined, script: 'arabic' | 'latin' | 'tifinagh', required: boolean): FieldError[] {
  if (value === undefined || value === '') return required ? [{ field, message: 'is required' }] : [];
  if (value.length > UNIT_NAME_MAX) return [{ field, message: `must be at most ${UNIT_NAME_MAX} characters` }];
  if (!hasLetterOf(script, value)) return [{ field, message: `must be written in ${script === 'latin' ? 'Latin' : script === 'arabic' ? 'Arabic' : 'Tifinagh'} script` }];
  return [];
}

export async function createUnit(ctx: AppContext, actor: Actor, input: NewUnitInput): Promise<JurisdictionRow> {
  const code = input.code.trim();
  const names = { ar: input.nameAr.trim().replace(/\s+/gu, ' '), fr: input.nameFr.trim().replace(/\s+/gu, ' '), zgh: input.nameZgh?.trim().replace(/\s+/gu, ' ') || undefined };
  const province = provinceOfUnitCode(code);
  const errors: FieldError[] = [];
  if (!province) errors.push({ field: 'code', message: 'must be a province code followed by 2 to 8 capital letters or digits, e.g. MA-CAS-U01' });
  else if (input.parentCode !== undefined && input.parentCode !== province) errors.push({ field: 'parentCode', message: 'must be the province the unit code starts with' });
  errors.push(...nameErrors('nameAr', names.ar, 'arabic', true), ...nameErrors('nameFr', names.fr, 'latin', true), ...nameErrors('nameZgh', names.zgh, 'tifinagh', false));
  if (errors.length || !province) throw new AppError('validation_failed', 'The unit details are not valid.', { errors });

  const parent = await findJurisdiction(ctx.store.db, province);
  if (parent?.level !== 'province') throw new AppError('validation_failed', 'A unit must sit under a known prefecture or province.', { errors: [{ field: input.parentCode !== undefined ? 'parentCode' : 'code', message: 'is not under a known prefecture or province' }] });
  const path = await jurisdictionPath(ctx.store.db, province);
  if (!path) throw new Error('a province found a moment ago has no path');
  assertAllowed(actor, 'jurisdiction.create_unit', { jurisdictionPath: [...path, code] });

  const row: JurisdictionRow = { code, level: 'unit', parentCode: province, nameAr: names.ar, nameFr: names.fr, nameZgh: names.zgh ?? null };
  return ctx.store.db.transaction().execute(async (trx) => {
    if (!(await insertJurisdiction(trx, row, ctx.clock.now()))) throw new AppError('conflict', 'A jurisdiction with this code exists already.', { errors: [{ field: 'code', message: 'is taken' }] });
    await audit(trx, ctx.clock, actor, { objectType: 'jurisdiction', objectId: code, action: 'jurisdiction.create_unit', details: { parentCode: province } });
    return row;
  });
}
