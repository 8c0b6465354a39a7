/**
 * Runs a statement again when PostgreSQL chose it as a deadlock's victim (SQLSTATE 40P01). Statements
 * that lock many delivery rows take them in (dispatch, recipient) order, which rules out cycles among
 * themselves; this is the net for the ones that lock in an order no query can fix (an UPDATE's own join
 * order, another process's older code during a rolling deploy). The victim's work was rolled back
 * whole, so running it again is safe. Only for single statements or whole transactions passed as `run`.
 *
 * @example
 *   const moved = await retryOnDeadlock(() => advanceProviderStatuses(db, 'whatsapp', items, now));
 */
const DEADLOCK = '40P01';

function isDeadlock(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === DEADLOCK;
}

export async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= attempts) throw error;
      // A short, growing, jittered pause so the two sides do not collide again at once.
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
