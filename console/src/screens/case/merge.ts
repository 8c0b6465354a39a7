/**
 * Three-way merge of an edited form onto a newer saved version: what I changed (from the version I
 * started from) goes onto theirs; what they changed and I did not stays theirs. Where both changed the
 * same field differently, mine wins in the merged form and the field is reported, so the officer can
 * check it before saving again. Lists count as one value (a list both edited is a conflict).
 *
 * @example
 *   merge3({ a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 3 }); // { value: { a: 2, b: 3 }, conflicts: [] }
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function merge3<T>(base: T, mine: T, theirs: T): { value: T; conflicts: string[] } {
  const conflicts: string[] = [];
  const walk = (b: unknown, m: unknown, t: unknown, path: string): unknown => {
    if (same(m, b)) return t;
    if (same(t, b) || same(t, m)) return m;
    if (isObject(b) && isObject(m) && isObject(t)) {
      const out: Record<string, unknown> = {};
      for (const key of new Set([...Object.keys(b), ...Object.keys(m), ...Object.keys(t)])) out[key] = walk(b[key], m[key], t[key], `${path}/${key}`);
      return out;
    }
    conflicts.push(path);
    return m;
  };
  return { value: walk(base, mine, theirs, '') as T, conflicts };
}
