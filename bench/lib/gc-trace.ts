/**
 * The JavaScript heap a process keeps, read from V8's `--trace-gc` output: after each full collection
 * (Mark-Compact) the heap holds only what is still reachable, so that figure over time shows a leak
 * where resident memory cannot (RSS also moves with the allocator and with V8 growing its heap up to
 * its ceiling, which is not a leak). Lines arrive in chunks cut anywhere; partial lines are kept.
 *
 * @example
 *   const gc = new GcTrace(() => minuteNow());
 *   await procs.start('worker', 'worker', env, { nodeArgs: ['--trace-gc'], onStdout: (c) => gc.feed(c) });
 *   gc.fullCollections; // [{ minute: 3.2, afterMb: 81.4 }, …]
 */

export interface FullCollection {
  readonly minute: number;
  /** Heap in use after the collection, MB (V8's own figure). */
  readonly afterMb: number;
}

// e.g. "[8790:0x2632f000]  452 ms: Mark-Compact 45.3 (63.5) -> 22.2 (56.0) MB, pooled: 0 MB, …"
// ("Mark-Compact (reduce)" is the same kind, made when memory is short).
const FULL_GC = /Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/;

export class GcTrace {
  readonly #now: () => number;
  readonly #collections: FullCollection[] = [];
  #partial = '';

  constructor(now: () => number) {
    this.#now = now;
  }

  feed(chunk: string): void {
    const lines = (this.#partial + chunk).split('\n');
    this.#partial = (lines.pop() ?? '').slice(-1000);
    for (const line of lines) {
      const m = FULL_GC.exec(line);
      if (m?.[1]) this.#collections.push({ minute: this.#now(), afterMb: Number(m[1]) });
    }
  }

  get fullCollections(): readonly FullCollection[] {
    return this.#collections;
  }

  /** The heap kept after the last full collection before `minute`'s end, or undefined. */
  keptAt(minute: number): number | undefined {
    return this.#collections.filter((c) => c.minute < minute + 1).at(-1)?.afterMb;
  }
}
