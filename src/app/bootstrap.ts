/**
 * The composition root: configuration → logger → database (migrated) → reference data → context.
 * Servers, workers and CLI commands all start here, so they share one definition of the system.
 */
import type { Config } from '../config/config.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import { VERSION } from '../platform/version.ts';
import { openDatabase } from '../store/database.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { loadMasterKeyRing } from '../platform/crypto/master-keys.ts';
import { loadMoroccoBoundaries } from '../adapters/geo/morocco-boundaries.ts';
import { seedJurisdictions } from './reference-data/seed-jurisdictions.ts';
import type { AppContext } from './context.ts';
import { Metrics } from '../platform/metrics.ts';
import { type JobQueue, jobSender, startJobQueue } from '../jobs/job-queue.ts';

export interface BootOptions {
  readonly log?: Logger;
  readonly clock?: Clock;
  /** Apply pending migrations (default true). */
  readonly migrate?: boolean;
  /** Run pg-boss maintenance and cron scheduling in this process (servers and workers; default false). */
  readonly superviseJobs?: boolean;
}

export type BootedContext = AppContext & { readonly queue: JobQueue; readonly close: () => Promise<void> };

export async function boot(config: Config, options: BootOptions = {}): Promise<BootedContext> {
  const log = options.log ?? createLogger(config.logLevel);
  const keys = await loadMasterKeyRing(config);
  if (keys.development) log.warn('using the development master key in DATA_DIR/secrets; set MASTER_KEYS in production');
  const geo = await loadMoroccoBoundaries();
  const store = await openDatabase(config.database);
  try {
    if (options.migrate !== false) {
      const { applied } = await migrateToLatest(store.db);
      if (applied.length) log.info({ applied }, 'migrations applied');
    }
    const changed = await seedJurisdictions(store.db, geo, (options.clock ?? systemClock).now());
    if (changed) log.info({ changed }, 'jurisdiction reference data updated');
  } catch (err) {
    await store.close();
    throw err;
  }
  // The queue starts with every boot: use cases send jobs through it inside their transactions
  // (the outbox), whether or not this process also runs workers.
  let queue: JobQueue;
  try {
    queue = await startJobQueue(store, config.database.mode === 'postgres' ? config.database.url : undefined, { supervise: options.superviseJobs ?? false });
  } catch (err) {
    await store.close();
    throw err;
  }
  const stopping = new AbortController();
  const ctx: AppContext = { config, store, log, keys, geo, clock: options.clock ?? systemClock, version: VERSION, jobs: jobSender(queue.boss), metrics: new Metrics(), stopping: stopping.signal };
  return {
    ...ctx,
    queue,
    close: async () => {
      stopping.abort();
      await queue.stop();
      await store.close();
    },
  };
}
