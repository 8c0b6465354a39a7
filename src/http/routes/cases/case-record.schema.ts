/**
 * The revised report form as a JSON schema (TypeBox), built from the domain's vocabularies so the HTTP
 * edge, the OpenAPI document and the domain types cannot drift apart: `CaseRecordInput` must stay
 * assignable to the domain's `CaseRecord` (checked at the bottom of this file). Every string is capped,
 * every list bounded, every object closed.
 */
import { Type, type Static } from 'typebox';
import { closed, enumOf, nullable } from '../../schema-kit.ts';
import {
  BUILDS,
  CIRCUMSTANCE_INDICATORS,
  COLOURS,
  EYE_COLOURS,
  GARMENTS,
  HAIR_COLOURS,
  HAIR_LENGTHS,
  HAIR_TEXTURES,
  LANGUAGES,
  MARK_KINDS,
  ONLINE_PLATFORMS,
  RELATIONS,
  SEXES,
  VEHICLE_KINDS,
  VULNERABILITY_INDICATORS,
  type CaseRecord,
} from '../../../domain/case/case-record.ts';
import { CASE_LIMITS as L } from '../../../domain/case/case-validation.ts';


const text = (max: number) => Type.String({ maxLength: max });
const instant = Type.String({ format: 'date-time', maxLength: 40 });
const date = Type.String({ format: 'date', maxLength: 10 });

export const GeoPointSchema = Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) }, closed);

const ConsentRecordSchema = Type.Object({ given: Type.Boolean(), at: instant, wording: text(L.longText), withdrawnAt: nullable(instant) }, closed);

const ChildSchema = Type.Object(
  {
    givenNameAr: nullable(text(L.name)),
    familyNameAr: nullable(text(L.name)),
    givenNameLatin: nullable(text(L.name)),
    familyNameLatin: nullable(text(L.name)),
    otherNames: Type.Array(text(L.name), { maxItems: L.otherNames }),
    sex: enumOf(SEXES),
    birthDate: nullable(date),
    ageYears: nullable(Type.Integer({ minimum: 0, maximum: L.maxAgeYears })),
    idCardNumber: nullable(text(L.code)),
    heightCm: nullable(Type.Number({ minimum: 0, maximum: 300 })),
    build: nullable(enumOf(BUILDS)),
    hair: Type.Object({ colour: nullable(enumOf(HAIR_COLOURS)), length: nullable(enumOf(HAIR_LENGTHS)), texture: nullable(enumOf(HAIR_TEXTURES)) }, closed),
    eyes: nullable(enumOf(EYE_COLOURS)),
    visibleMarks: Type.Array(Type.Object({ kind: enumOf(MARK_KINDS), description: nullable(text(L.shortText)) }, closed), { maxItems: L.visibleMarks }),
    clothing: Type.Object(
      {
        items: Type.Array(
          Type.Object({ garment: enumOf(GARMENTS), colours: Type.Array(enumOf(COLOURS), { maxItems: L.coloursPerItem }), note: nullable(text(L.shortText)) }, closed),
          { maxItems: L.clothingItems },
        ),
        description: nullable(text(L.longText)),
      },
      closed,
    ),
    languages: Type.Array(enumOf(LANGUAGES), { maxItems: L.languages }),
    photos: Type.Array(Type.Object({ id: text(L.code), forPublication: Type.Boolean(), takenOn: nullable(date) }, closed), { maxItems: L.photos }),
    health: Type.Object({ medicalNeeds: nullable(text(L.longText)), disability: nullable(text(L.longText)) }, closed),
  },
  closed,
);

const LastSeenSchema = Type.Object(
  {
    at: instant,
    uncertaintyMinutes: Type.Integer({ minimum: 0, maximum: L.maxUncertaintyMinutes }),
    point: GeoPointSchema,
    address: nullable(text(L.shortText)),
    area: Type.Object({ commune: nullable(text(L.shortText)), neighbourhood: nullable(text(L.shortText)) }, closed),
    // Derived from the point by the server; accepted (and overwritten) so a client may echo a record back.
    prefectureCode: nullable(text(8)),
    regionCode: nullable(text(8)),
  },
  closed,
);

const CircumstancesSchema = Type.Object(
  {
    narrative: nullable(text(L.narrative)),
    indicators: Type.Array(enumOf(CIRCUMSTANCE_INDICATORS), { maxItems: CIRCUMSTANCE_INDICATORS.length }),
    vulnerabilities: Type.Array(enumOf(VULNERABILITY_INDICATORS), { maxItems: VULNERABILITY_INDICATORS.length }),
  },
  closed,
);

const InvestigationSchema = Type.Object(
  {
    hobbies: Type.Array(text(L.shortText), { maxItems: L.hobbies }),
    personalProblems: nullable(text(L.longText)),
    placesFrequented: Type.Array(Type.Object({ label: text(L.shortText), address: nullable(text(L.shortText)), point: nullable(GeoPointSchema) }, closed), { maxItems: L.placesFrequented }),
    friends: Type.Array(Type.Object({ name: text(L.name), phone: nullable(text(L.code)), note: nullable(text(L.shortText)) }, closed), { maxItems: L.friends }),
    school: nullable(Type.Object({ name: text(L.shortText), level: nullable(text(L.code)), address: nullable(text(L.shortText)) }, closed)),
    onlineAccounts: Type.Array(Type.Object({ platform: enumOf(ONLINE_PLATFORMS), handle: text(L.shortText) }, closed), { maxItems: L.onlineAccounts }),
    phone: nullable(text(L.code)),
  },
  closed,
);

const ReporterSchema = Type.Object(
  {
    givenName: text(L.name),
    familyName: text(L.name),
    idCardNumber: nullable(text(L.code)),
    relation: enumOf(RELATIONS),
    relationDetail: nullable(text(L.shortText)),
    phones: Type.Array(text(L.code), { maxItems: L.phones }),
    email: nullable(text(L.shortText)),
    address: nullable(text(L.shortText)),
    consents: Type.Object({ publishName: nullable(ConsentRecordSchema), publishPhoto: nullable(ConsentRecordSchema) }, closed),
  },
  closed,
);

const SuspectSchema = Type.Object(
  { name: nullable(text(L.name)), sex: nullable(enumOf(SEXES)), approximateAge: nullable(Type.Integer({ minimum: 0, maximum: 120 })), description: nullable(text(L.longText)) },
  closed,
);

const VehicleSchema = Type.Object(
  {
    kind: nullable(enumOf(VEHICLE_KINDS)),
    make: nullable(text(L.shortText)),
    model: nullable(text(L.shortText)),
    colour: nullable(enumOf(COLOURS)),
    plate: nullable(text(L.code)),
    description: nullable(text(L.longText)),
  },
  closed,
);

const ProsecutorSchema = Type.Object(
  {
    court: nullable(text(L.shortText)),
    fileNumber: nullable(text(L.code)),
    publicationDecision: nullable(
      Type.Object({ reference: text(L.code), decidedAt: instant, publishName: Type.Boolean(), publishPhoto: Type.Boolean(), publishSuspect: Type.Boolean() }, closed),
    ),
  },
  closed,
);

export const CaseRecordSchema = Type.Object(
  {
    child: ChildSchema,
    lastSeen: LastSeenSchema,
    circumstances: CircumstancesSchema,
    investigation: InvestigationSchema,
    reporter: ReporterSchema,
    suspect: nullable(SuspectSchema),
    vehicle: nullable(VehicleSchema),
    prosecutor: nullable(ProsecutorSchema),
  },
  { ...closed, $id: 'CaseRecord' },
);

export type CaseRecordInput = Static<typeof CaseRecordSchema>;

// Compile-time guard: whatever passes the wire schema is a complete domain record.
const _wireIsDomain = (x: CaseRecordInput): CaseRecord => x;
void _wireIsDomain;
