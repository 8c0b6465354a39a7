/**
 * A send-rate limiter that holds a provider's limit exactly on average: each caller is given the next
 * free slot on a fixed schedule (one slot every 1/rate seconds, like GCRA), so timer jitter does not
 * accumulate into drift. `pause` pushes the schedule back when the provider says it is throttling us.
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

  constructor(ratePerSecond: number) {
    if (!(ratePerSecond > 0)) throw new RangeError('rate must be positive');
    this.#intervalMs = 1000 / ratePerSecond;
  }

  async take(signal?: AbortSignal): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, this.#next);
    this.#next = at + this.#intervalMs;
    const wait = at - now;
    if (wait >= 1) await sleep(wait, undefined, { signal });
  }

  /** No slot before `ms` from now (the provider asked us to wait). */
  pause(ms: number): void {
    this.#next = Math.max(this.#next, performance.now() + ms);
  }
}

export class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#free = Math.max(1, size);
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
