import { Type } from 'typebox';
import { LocationView } from '../../presenters/jurisdiction.presenter.ts';

export const LocateQuery = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90, example: 33.5731 }),
    lon: Type.Number({ minimum: -180, maximum: 180, example: -7.5898 }),
  },
  { additionalProperties: false },
);

export { LocationView };
