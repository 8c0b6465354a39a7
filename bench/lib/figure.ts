/**
 * What a bench figure module produces and how it is printed. A module measures, returns
 * `FigureInput`s (value, peer, baseline measured in the same run, target); `finalizeFigure` adds the
 * ratio, the target text and whether it was met, and rounds for a readable line.
 *
 * @example
 *   export const myFigure: FigureModule = {
 *     name: 'my-figure',
 *     description: 'what is measured, against what',
 *     async run(opts) {
 *       return [{ name: 'my-figure.case', value: 1.2, unit: 's', peer: 'bare Fastify', baseline: 0.4, target: below(10, 's') }];
 *     },
 *   };
 */

export interface BenchOptions {
  /** Fewer runs and smaller workloads: the whole bench under a minute. */
  readonly quick: boolean;
  /** Long-running variants (figures that have one opt in; the others ignore it). */
  readonly soak: boolean;
  /** A PostgreSQL URL whose role may CREATE and DROP DATABASE; scratch databases are made next to it. */
  readonly postgresUrl: string;
  /** Progress for humans; goes to stderr, never to the JSON lines. */
  readonly log: (line: string) => void;
}

export type Comparison = '<' | '<=' | '>' | '>=';

/** A goal on the figure's value (e.g. `< 10 s`) or on its ratio to the baseline (e.g. `ratio >= 0.6`). */
export interface Target {
  readonly on: 'value' | 'ratio';
  readonly op: Comparison;
  readonly bound: number;
  /** The value's unit, shown in the target text for value targets. */
  readonly unit?: string;
}

export const below = (bound: number, unit: string): Target => ({ on: 'value', op: '<', bound, unit });
export const atLeast = (bound: number, unit: string): Target => ({ on: 'value', op: '>=', bound, unit });
export const ratioAtLeast = (bound: number): Target => ({ on: 'ratio', op: '>=', bound });
export const ratioBelow = (bound: number): Target => ({ on: 'ratio', op: '<', bound });

export interface FigureInput {
  readonly name: string;
  /** Null when it could not be measured in this run (the note says why). */
  readonly value: number | null;
  readonly unit: string;
  /** What the figure is compared with; null for a figure without a peer. */
  readonly peer: string | null;
  /** The peer's figure, measured in the same run; null when there is no peer or it was unavailable. */
  readonly baseline: number | null;
  /** Null for an informational figure without a stated goal. */
  readonly target: Target | null;
  readonly note?: string;
}

/** One printed line. Key order is the documented one. */
export interface Figure {
  readonly name: string;
  readonly value: number | null;
  readonly unit: string;
  readonly peer: string | null;
  readonly baseline: number | null;
  readonly ratio: number | null;
  readonly target: string | null;
  readonly met: boolean | null;
  readonly note?: string;
}

export interface FigureModule {
  /** Matched by `--only <substring>`. */
  readonly name: string;
  /** One line, printed to stderr when the module starts. */
  readonly description: string;
  run(options: BenchOptions): Promise<readonly FigureInput[]>;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function targetText(t: Target): string {
  return t.on === 'value' ? `${t.op} ${t.bound}${t.unit ? ` ${t.unit}` : ''}` : `ratio ${t.op} ${t.bound}`;
}

function compare(x: number, op: Comparison, bound: number): boolean {
  switch (op) {
    case '<':
      return x < bound;
    case '<=':
      return x <= bound;
    case '>':
      return x > bound;
    case '>=':
      return x >= bound;
  }
}

function finiteOrNull(field: string, name: string, x: number | null): number | null {
  if (x === null) return null;
  if (!Number.isFinite(x)) throw new RangeError(`figure ${name}: ${field} must be a finite number or null`);
  return round3(x);
}

/**
 * Rounds value and baseline to 3 decimals, then derives ratio = value / baseline (4 significant
 * digits) and `met` from the target. Throws RangeError on a non-finite number: a bug in the module.
 */
export function finalizeFigure(input: FigureInput): Figure {
  const value = finiteOrNull('value', input.name, input.value);
  const baseline = finiteOrNull('baseline', input.name, input.baseline);
  const ratio = value !== null && baseline !== null && baseline !== 0 ? Number((value / baseline).toPrecision(4)) : null;
  const t = input.target;
  const measured = t === null ? null : t.on === 'value' ? value : ratio;
  const met = t === null || measured === null ? null : compare(measured, t.op, t.bound);
  return {
    name: input.name,
    value,
    unit: input.unit,
    peer: input.peer,
    baseline,
    ratio,
    target: t === null ? null : targetText(t),
    met,
    ...(input.note ? { note: input.note } : {}),
  };
}
