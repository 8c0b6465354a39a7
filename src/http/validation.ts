/**
 * Request validation. Bodies are validated strictly: no type coercion ("5" is not 5) and unknown
 * fields are rejected (never silently removed). Query strings and path parameters arrive as text,
 * so those are coerced to the declared scalar types.
 */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS with a default export; under NodeNext its callable sits on `.default`.
const addFormats = addFormatsModule.default;

const base: Options = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false, allowUnionTypes: true };
const bodyAjv = new Ajv({ ...base, coerceTypes: false });
const textAjv = new Ajv({ ...base, coerceTypes: 'array' });
for (const ajv of [bodyAjv, textAjv]) {
  addFormats(ajv);
  // Keywords TypeBox and OpenAPI use for documentation only.
  ajv.addKeyword({ keyword: 'example' });
}

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  return ajv.compile(schema as object);
};
