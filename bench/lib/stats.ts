/**
 * Small statistics for bench figures: percentiles by linear interpolation between the closest ranks
 * (so the median of an even count is the mean of the two middle values), and rates.
 *
 * @example
 *   const s = summarize(latenciesMs); // { count, min, max, mean, median, p95, p99 }
 *   const opsPerSecond = ratePerSecond(1000, elapsedMs);
 */

export interface Summary {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly median: number;
  readonly p95: number;
  readonly p99: number;
}

function checked(values: readonly number[]): number[] {
  if (values.length === 0) throw new RangeError('no samples');
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError('samples must be finite numbers');
  return [...values].sort((a, b) => a - b);
}

function percentileOfSorted(sorted: readonly number[], p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const low = sorted[lo] ?? Number.NaN;
  const high = sorted[hi] ?? Number.NaN;
  return low + (high - low) * (rank - lo);
}

/** The p-th percentile (0–100) of the samples. Throws RangeError on no samples or p out of range. */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError('percentile must be between 0 and 100');
  return percentileOfSorted(checked(values), p);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function summarize(values: readonly number[]): Summary {
  const sorted = checked(values);
  return {
    count: sorted.length,
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    median: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
  };
}

/** Operations per second for `count` operations done in `elapsedMs` milliseconds. */
export function ratePerSecond(count: number, elapsedMs: number): number {
  if (!(elapsedMs > 0)) throw new RangeError('elapsed time must be positive');
  return (count * 1000) / elapsedMs;
}

/**
 * The least-squares slope of y over x (y units per x unit): a soak's memory trend. Throws RangeError
 * with fewer than two points, unequal lengths, or every x the same.
 */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length || xs.length < 2) throw new RangeError('slope needs two or more (x, y) pairs');
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (xs[i] ?? 0) - mx;
    sxy += dx * ((ys[i] ?? 0) - my);
    sxx += dx * dx;
  }
  if (sxx === 0) throw new RangeError('slope needs at least two distinct x');
  return sxy / sxx;
}
