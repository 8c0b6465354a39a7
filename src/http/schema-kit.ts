/**
 * Small builders shared by the route schemas: closed objects, closed vocabularies as JSON-schema enums
 * (their static type is exactly the vocabulary's union), and nullable values.
 *
 * @example
 *   const Body = Type.Object({ outcome: enumOf(CLOSURE_OUTCOMES), note: nullable(Type.String({ maxLength: 200 })) }, closed);
 */
import { Type, type TSchema } from 'typebox';

export const closed = { additionalProperties: false } as const;

export const enumOf = <const V extends readonly string[]>(vocabulary: V) => Type.Unsafe<V[number]>({ type: 'string', enum: [...vocabulary] });

export const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
