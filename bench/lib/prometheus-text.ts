/**
 * Reads what a bench needs from a Prometheus text exposition (`GET /metrics`): a histogram's cumulative
 * buckets summed over the series a filter keeps, a gauge's value, and the quantile of the observations
 * made between two scrapes (the upper bound of the bucket that holds it, as `histogram_quantile` would
 * before interpolation). Written here because the bench only reads two or three series of our own
 * server, in the fixed text format prom-client writes; a full parser would be more than the need.
 *
 * @example
 *   const before = histogramBuckets(text1, 'tifli_http_request_duration_seconds', (l) => l.route === '/x');
 *   const after = histogramBuckets(text2, 'tifli_http_request_duration_seconds', (l) => l.route === '/x');
 *   quantileBetween(before, after, 0.99); // e.g. 0.25 (seconds): 99% of the requests in between took less
 */

export type Labels = Readonly<Record<string, string>>;
/** Upper bound (le, seconds; Infinity for +Inf) → cumulative count. */
export type Buckets = ReadonlyMap<number, number>;

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function* samples(text: string): Generator<{ name: string; labels: Labels; value: number }> {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m?.[1] || m[3] === undefined) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) if (l[1] !== undefined && l[2] !== undefined) labels[l[1]] = l[2];
    const value = m[3] === '+Inf' ? Infinity : Number(m[3]);
    if (!Number.isNaN(value)) yield { name: m[1], labels, value };
  }
}

/** Cumulative buckets of histogram `name`, summed over the series `keep` accepts (by their labels, le aside). */
export function histogramBuckets(text: string, name: string, keep: (labels: Labels) => boolean): Buckets {
  const out = new Map<number, number>();
  for (const s of samples(text)) {
    if (s.name !== `${name}_bucket` || s.labels.le === undefined || !keep(s.labels)) continue;
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    out.set(le, (out.get(le) ?? 0) + s.value);
  }
  return out;
}

/** The value of gauge (or counter) `name` without labels; undefined when absent. */
export function gaugeValue(text: string, name: string): number | undefined {
  for (const s of samples(text)) if (s.name === name && Object.keys(s.labels).length === 0) return s.value;
  return undefined;
}

/**
 * The q-quantile (0–1) of the observations made between two scrapes, as the upper bound of the bucket
 * that holds it; undefined when nothing was observed in between.
 */
export function quantileBetween(before: Buckets, after: Buckets, q: number): number | undefined {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const delta = (le: number) => (after.get(le) ?? 0) - (before.get(le) ?? 0);
  const total = bounds.length ? delta(bounds[bounds.length - 1] ?? Infinity) : 0;
  if (!(total > 0)) return undefined;
  return bounds.find((le) => delta(le) >= q * total);
}
