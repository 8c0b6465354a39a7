/** Request schemas of the staff alert routes. */
import { Type } from 'typebox';
import { closed, enumOf } from '../../schema-kit.ts';
import { ALERT_LANGUAGES, ALERT_TEXT_FIELDS, ALERT_TEXT_LIMITS, FREE_TEXT_MAX } from '../../../domain/alert-text/alert-languages.ts';
import { UPDATE_KINDS } from '../../../domain/alert/alert-vocabulary.ts';
import { DECISION_STEPS } from '../../../domain/alert/decision-record.ts';
import { PROSECUTOR_FIELD_LIMITS as P } from '../../../domain/alert/prosecutor-decision.ts';
import { REASON_MAX_LENGTH } from '../../../domain/case/case-lifecycle.ts';
import { GeoPointSchema } from '../cases/case-record.schema.ts';

const reason = Type.String({ minLength: 1, maxLength: REASON_MAX_LENGTH });

export const AlertIdParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, closed);
export const CaseIdParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, closed);

const TextSet = Type.Object(Object.fromEntries(ALERT_TEXT_FIELDS.map((f) => [f, Type.String({ maxLength: ALERT_TEXT_LIMITS[f] })])) as Record<(typeof ALERT_TEXT_FIELDS)[number], ReturnType<typeof Type.String>>, closed);
const Texts = Type.Object(Object.fromEntries(ALERT_LANGUAGES.map((l) => [l, TextSet])) as Record<(typeof ALERT_LANGUAGES)[number], typeof TextSet>, closed);
const Position = Type.Array(Type.Number({ minimum: -180, maximum: 180 }), { minItems: 2, maxItems: 2 });
const Polygon = Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Position, { maxItems: 500 }), { minItems: 1, maxItems: 10 }) }, closed);
const Zone = Type.Object(
  {
    circles: Type.Array(Type.Object({ center: GeoPointSchema, radiusKm: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }) }, closed), { maxItems: 20 }),
    provinces: Type.Array(Type.String({ pattern: '^MA-[A-Z]{3}$', maxLength: 6 }), { maxItems: 75 }),
    regions: Type.Array(Type.String({ pattern: '^MA-(0[1-9]|1[0-2])$', maxLength: 5 }), { maxItems: 12 }),
    polygons: Type.Array(Polygon, { maxItems: 20 }),
  },
  closed,
);
const FreeText = Type.Object({ ar: Type.Optional(Type.String({ maxLength: FREE_TEXT_MAX })), fr: Type.Optional(Type.String({ maxLength: FREE_TEXT_MAX })), zgh: Type.Optional(Type.String({ maxLength: FREE_TEXT_MAX })) }, closed);

const DraftChanges = {
  texts: Type.Optional(Texts),
  freeText: Type.Optional(FreeText),
  zone: Type.Optional(Zone),
  photoId: Type.Optional(Type.Union([Type.String({ format: 'uuid', maxLength: 36 }), Type.Null()])),
  durationHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720 })),
};

export const EditDraftBody = Type.Object({ revision: Type.Integer({ minimum: 1 }), ...DraftChanges }, closed);
export const UpdateBody = Type.Object({ kind: enumOf(UPDATE_KINDS), ...DraftChanges }, closed);
export const DecisionBody = Type.Object(
  {
    step: enumOf(DECISION_STEPS),
    outcome: enumOf(['approved', 'refused'] as const),
    reason: Type.Optional(Type.Union([reason, Type.Null()])),
    prosecutor: Type.Optional(
      Type.Union([
        Type.Object(
          {
            court: Type.String({ maxLength: P.court }),
            fileReference: Type.String({ maxLength: P.fileReference }),
            magistrate: Type.String({ maxLength: P.magistrate }),
            decidedAt: Type.String({ format: 'date-time', maxLength: 40 }),
            conditions: Type.Optional(Type.Union([Type.String({ maxLength: P.conditions }), Type.Null()])),
            publishName: Type.Optional(Type.Boolean()),
            publishPhoto: Type.Optional(Type.Boolean()),
            publishSuspect: Type.Optional(Type.Boolean()),
          },
          closed,
        ),
        Type.Null(),
      ]),
    ),
  },
  closed,
);
export const UrgentBody = Type.Object({ reason }, closed);
export const RenewBody = Type.Object({ expiresAt: Type.String({ format: 'date-time', maxLength: 40 }), reason }, closed);
export const EndBody = Type.Object({ outcome: enumOf(['found', 'withdrawn'] as const), reason }, closed);
export const ListQuery = Type.Object({ state: Type.Optional(Type.Array(enumOf(['draft', 'awaiting_decisions', 'active', 'ended', 'refused'] as const), { maxItems: 5 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, closed);
