/** `tifli serve` (what `npm start` runs): migrate, start the job queue and the HTTP server. */
import { loadConfigFromEnvironment } from '../../config/config.ts';
import { boot } from '../../app/bootstrap.ts';
import { buildHttpApp } from '../../http/app.ts';
import { startWorkers } from '../../jobs/workers.ts';
import { announceFirstAdminEnrolment } from '../../app/accounts/first-admin-announcement.ts';
import type { CliCommand } from './command.ts';

export const serveCommand: CliCommand = {
  summary: 'run the web server and the background jobs (what `npm start` runs)',
  async run() {
    const config = loadConfigFromEnvironment();
    const ctx = await boot(config, { superviseJobs: config.jobsEnabled });
    const workers = config.jobsEnabled ? await startWorkers(ctx.queue.boss, ctx) : undefined;
    const app = await buildHttpApp(ctx);
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    ctx.log.info({ port, database: ctx.store.mode, version: ctx.version }, 'tifli is ready');
    process.stdout.write(`Tifli ${ctx.version} listening on http://${config.host}:${port} (database: ${ctx.store.mode})\n`);
    // No default password, ever: with no administrator yet, print a one-time enrolment link instead.
    await announceFirstAdminEnrolment(ctx, (text) => process.stdout.write(text));

    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      ctx.log.info({ signal }, 'shutting down');
      await app.close();
      await ctx.close();
      await workers?.close();
    };
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(signal).then(resolve));
    });
    return 0;
  },
};
