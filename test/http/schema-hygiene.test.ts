/**
 * Every input the API accepts is bounded and closed: in the OpenAPI document (generated from the route
 * schemas, which are also what validates requests), every request-body object refuses unknown fields,
 * every string has a maximum length (or a format/enum that bounds it) and every array a maximum size.
 * A route added with an open or unbounded schema fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext } from '../support/test-store.ts';
import { buildHttpApp } from '../../src/http/app.ts';

type Schema = Record<string, unknown>;
const BOUNDED_FORMATS = new Set(['uuid', 'date', 'date-time', 'email', 'uri']);

function problems(schema: unknown, where: string, out: string[]): void {
  if (!schema || typeof schema !== 'object') return;
  const s = schema as Schema;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(s[key])) (s[key] as unknown[]).forEach((sub, i) => problems(sub, `${where}/${key}/${i}`, out));
  const type = s.type;
  if (type === 'object' || s.properties) {
    if (s.additionalProperties !== false) out.push(`${where}: object without additionalProperties: false`);
    for (const [name, sub] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) problems(sub, `${where}/${name}`, out);
  }
  if (type === 'array') {
    if (typeof s.maxItems !== 'number') out.push(`${where}: array without maxItems`);
    problems(s.items, `${where}/items`, out);
  }
  if (type === 'string' && typeof s.maxLength !== 'number' && !Array.isArray(s.enum) && s.const === undefined && !BOUNDED_FORMATS.has(String(s.format))) {
    out.push(`${where}: string without maxLength`);
  }
}

test('every request body and parameter schema is closed and bounded', async () => {
  const t = await createTestContext();
  const app = await buildHttpApp(t);
  try {
    const doc = app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> }; parameters?: { name: string; in: string; schema?: unknown }[] }>> };
    const found: string[] = [];
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
          if (type.startsWith('image/') || type === 'application/octet-stream') continue;
          checked += 1;
          problems(media.schema, `${method.toUpperCase()} ${path} body`, found);
        }
        for (const p of op.parameters ?? []) {
          checked += 1;
          problems(p.schema, `${method.toUpperCase()} ${path} ${p.in} ${p.name}`, found);
        }
      }
    }
    assert.ok(checked > 30, `checked ${checked} schemas`);
    assert.deepEqual(found, []);
  } finally {
    await app.close();
    await t.close();
  }
});

test('the check itself catches an open object, an unbounded string and an unbounded array', () => {
  const found: string[] = [];
  problems({ type: 'object', properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string', maxLength: 5 } } } }, 'x', found);
  assert.deepEqual(found, ['x: object without additionalProperties: false', 'x/name: string without maxLength', 'x/tags: array without maxItems']);
});
