/**
 * A send-rate limiter that holds a provider's limit exactly on average: each caller is given the next
 * free slot on a fixed schedule (one slot every 1/rate seconds, like GCRA), so timer jitter does not
 * accumulate into drift. `pause` pushes the schedule back when the provider says it is throttling us,
 * and holds the callers already given a slot inside the pause too: they take a new slot after it.
 * Plus a small semaphore for the number of sends in flight. Both are per process: with several worker
 * processes, give each its share of the provider's limit (CHANNEL_LIMITS).
 *
 * @example
 *   const limiter = new RateLimiter(80);
 *   await limiter.take(signal); await send();
 */
import { setTimeout as sleep } from 'node:timers/promises';

export class RateLimiter {
  readonly #intervalMs: number;
  #next = 0;
  #pausedUntil = 0;

  constructor(ratePerSecond: number) {
    if (!(ratePerSecond > 0)) throw new RangeError('rate must be positive');
    this.#intervalMs = 1000 / ratePerSecond;
  }

  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = performance.now();
      const at = Math.max(now, this.#next);
      this.#next = at + this.#intervalMs;
      const wait = at - now;
      if (wait >= 1) await sleep(wait, undefined, { signal });
      // A pause that came while this caller waited holds it too: at 80/s a burst of slots is handed out
      // before the provider's first 429 is back, and none of them may go out inside its Retry-After.
      if (this.#pausedUntil <= performance.now() + 1) return;
    }
  }

  /** No slot before `ms` from now (the provider asked us to wait), not even one already handed out. */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, performance.now() + ms);
    this.#next = Math.max(this.#next, this.#pausedUntil);
  }
}

export class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  /** How many may run at once. */
  readonly size: number;

  constructor(size: number) {
    this.size = Math.max(1, size);
    this.#free = this.size;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    }
  }
}
