/**
 * A FIFO mutex with re-entrancy detection. PGlite is one PostgreSQL session, so every lease of it
 * (a Kysely connection, a pg-boss statement) must be exclusive, or one caller's statements would run
 * inside another caller's transaction. Written here because it also has to detect a lease taken from
 * inside a lease (a deadlock on PGlite, a hidden second connection on PostgreSQL) and fail loudly.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();
  private readonly holder = new AsyncLocalStorage<AsyncMutex>();

  private readonly waitLimitMs: number;
  constructor(waitLimitMs = 30_000) {
    this.waitLimitMs = waitLimitMs;
  }

  /** Waits for the lock; the returned function releases it exactly once. */
  async acquire(): Promise<() => void> {
    if (this.holder.getStore() === this) {
      throw new Error('Nested database lease: a query used the pool while this async context already holds the embedded connection (use the transaction handle instead).');
    }
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => next);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.waitLimitMs);
      timer.unref();
    });
    const outcome = await Promise.race([previous.then(() => 'ok' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      // Give our place back once it comes, so the queue keeps moving.
      void previous.then(() => release());
      throw new Error(`The embedded database stayed busy for ${this.waitLimitMs} ms (a query issued outside its transaction handle, or a stuck transaction).`);
    }
    let released = false;
    return () => {
      if (!released) {
        released = true;
        release();
      }
    };
  }

  /** Runs `fn` holding the lock; nested calls from inside `fn` are detected. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await this.holder.run(this, fn);
    } finally {
      release();
    }
  }
}
