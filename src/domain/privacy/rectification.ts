/**
 * A rectification names one leaf of the case record, with list positions where the path goes through a
 * list: "child.birthDate", "reporter.phones" (a list of plain values is one leaf), "investigation.friends[1].phone".
 * These helpers check such a path against the classification (field-classes.ts), read the value there
 * and write a new one, without touching anything else. Photos are rectified through the photo routes and
 * derived fields (province, region) follow the last-seen point, so neither can be named here.
 *
 * @example
 *   const p = parseRectificationPath('investigation.friends[0].phone'); // { fieldPath: 'investigation.friends[].phone', steps: [...] }
 *   const before = valueAt(record, p);
 *   const after = withValueAt(record, p, '0611223344');
 */
import { type CaseFieldPath, isCaseFieldPath } from '../case/field-classes.ts';

export const MAX_RECTIFICATION_PATH = 200;

/** Fields no rectification may name: photos have their own routes, the derived codes follow the point. */
const NOT_RECTIFIABLE: readonly string[] = ['child.photos[]', 'lastSeen.prefectureCode', 'lastSeen.regionCode'];

export type PathStep = { readonly key: string } | { readonly index: number };

export interface RectificationPath {
  /** As given, e.g. "investigation.friends[1].phone". */
  readonly path: string;
  /** The classified field it names, e.g. "investigation.friends[].phone". */
  readonly fieldPath: CaseFieldPath;
  readonly steps: readonly PathStep[];
}

const SEGMENT = /^([A-Za-z][A-Za-z0-9]*)((?:\[\d{1,4}\])*)$/;

/** The parsed path, or a message saying what is wrong with it (never echoing more than the path itself). */
export function parseRectificationPath(path: string): RectificationPath | { readonly problem: string } {
  if (path.length === 0 || path.length > MAX_RECTIFICATION_PATH) return { problem: `must be 1 to ${MAX_RECTIFICATION_PATH} characters` };
  const steps: PathStep[] = [];
  const classified: string[] = [];
  for (const segment of path.split('.')) {
    const m = SEGMENT.exec(segment);
    if (!m?.[1]) return { problem: 'must be a dotted field path such as "child.birthDate" or "investigation.friends[0].phone"' };
    steps.push({ key: m[1] });
    const indices = [...(m[2] ?? '').matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    for (const index of indices) steps.push({ index });
    classified.push(m[1] + '[]'.repeat(indices.length));
  }
  const fieldPath = classified.join('.');
  if (!isCaseFieldPath(fieldPath)) return { problem: 'names no field of the case record' };
  if (NOT_RECTIFIABLE.some((p) => fieldPath === p || fieldPath.startsWith(`${p}.`))) return { problem: 'cannot be rectified here (photos have their own routes; the province and region follow the last-seen point)' };
  return { path, fieldPath, steps };
}

type Node = unknown;
const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at the path; undefined when a list position or an object on the way does not exist. */
export function valueAt(record: unknown, p: RectificationPath): unknown {
  let node: Node = record;
  for (const step of p.steps) {
    if ('key' in step) {
      if (!isObject(node) || !Object.hasOwn(node, step.key)) return undefined;
      node = node[step.key];
    } else {
      if (!Array.isArray(node) || step.index >= node.length) return undefined;
      node = (node as unknown[])[step.index];
    }
  }
  return node;
}

/** A copy of the record with `value` at the path. Throws RangeError when the path does not reach an existing place. */
export function withValueAt<T>(record: T, p: RectificationPath, value: unknown): T {
  const write = (node: Node, i: number): Node => {
    const step = p.steps[i];
    if (step === undefined) return value;
    if ('key' in step) {
      // The last key may be absent on an object that exists (e.g. a nullable leaf never filled); a branch on the way must exist.
      if (!isObject(node) || (i < p.steps.length - 1 && !Object.hasOwn(node, step.key))) throw new RangeError(`${p.path}: no such place in this record`);
      return { ...node, [step.key]: write(node[step.key], i + 1) };
    }
    if (!Array.isArray(node) || step.index >= node.length) throw new RangeError(`${p.path}: no such list element in this record`);
    const copy = [...(node as unknown[])];
    copy[step.index] = write(copy[step.index], i + 1);
    return copy;
  };
  return write(record, 0) as T;
}
