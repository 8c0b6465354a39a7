/**
 * `tifli worker`: background work only (alert tick, dispatch, deliveries, confirmations), no HTTP.
 * Run as many as needed against one PostgreSQL; in embedded mode only one process may open the data
 * directory, so there `tifli serve` runs the workers itself.
 */
import { loadConfigFromEnvironment } from '../../config/config.ts';
import { boot } from '../../app/bootstrap.ts';
import { startWorkers } from '../../jobs/workers.ts';
import type { CliCommand } from './command.ts';

export const workerCommand: CliCommand = {
  summary: 'run the background workers only (dispatch, deliveries, alert tick); several may share one PostgreSQL',
  async run() {
    const config = loadConfigFromEnvironment();
    const ctx = await boot(config, { superviseJobs: true });
    const registry = await startWorkers(ctx.queue.boss, ctx);
    ctx.log.info({ database: ctx.store.mode, version: ctx.version }, 'tifli worker is ready');
    process.stdout.write(`Tifli worker ${ctx.version} ready (database: ${ctx.store.mode})\n`);
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      ctx.log.info({ signal }, 'worker shutting down');
      // pg-boss stops fetching and waits for the jobs in hand (graceful), then connections close.
      await ctx.close();
      await registry.close();
    };
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(signal).then(resolve));
    });
    return 0;
  },
};
