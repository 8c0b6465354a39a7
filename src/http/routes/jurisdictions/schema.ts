import { Type } from 'typebox';
import { UNIT_CODE_PATTERN } from '../../../domain/geo/jurisdiction-codes.ts';
import { UNIT_NAME_MAX } from '../../../app/jurisdictions/create-unit.ts';
import { JurisdictionLevelSchema, JurisdictionView } from '../../presenters/jurisdiction.presenter.ts';

export const JURISDICTIONS_BODY_LIMIT = 4 * 1024;

const AnyJurisdictionCode = Type.String({ minLength: 2, maxLength: 32, pattern: '^MA(-[A-Z0-9]{2,8}){0,2}$', example: 'MA-06' });

export const JurisdictionListQuery = Type.Object(
  {
    /** Only this jurisdiction and everything below it. */
    under: Type.Optional(AnyJurisdictionCode),
    level: Type.Optional(JurisdictionLevelSchema),
  },
  { additionalProperties: false },
);

export const JurisdictionListView = Type.Object({ items: Type.Array(JurisdictionView) });

export const CreateUnitBody = Type.Object(
  {
    code: Type.String({ minLength: 9, maxLength: 15, pattern: UNIT_CODE_PATTERN, example: 'MA-CAS-U01' }),
    /** Optional: the province the code starts with. */
    parentCode: Type.Optional(Type.String({ minLength: 6, maxLength: 6, pattern: '^MA-[A-Z]{3}$', example: 'MA-CAS' })),
    nameAr: Type.String({ minLength: 1, maxLength: UNIT_NAME_MAX }),
    nameFr: Type.String({ minLength: 1, maxLength: UNIT_NAME_MAX }),
    nameZgh: Type.Optional(Type.String({ minLength: 1, maxLength: UNIT_NAME_MAX })),
  },
  { additionalProperties: false },
);

export { JurisdictionView };
