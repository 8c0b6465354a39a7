/** `tifli serve` (what `npm start` runs): migrate, start the job queue and the HTTP server. */
import { loadConfigFromEnvironment } from '../../config/config.ts';
import { boot } from '../../app/bootstrap.ts';
import { buildHttpApp } from '../../http/app.ts';
import { startJobQueue } from '../../jobs/job-queue.ts';
import { registerAlertJobs } from '../../jobs/alert-jobs.ts';
import { announceFirstAdminEnrolment } from '../../app/accounts/first-admin-announcement.ts';
import type { CliCommand } from './command.ts';

export const serveCommand: CliCommand = {
  summary: 'run the web server and the background jobs (what `npm start` runs)',
  async run() {
    const config = loadConfigFromEnvironment();
    const ctx = await boot(config);
    const jobs = config.jobsEnabled ? await startJobQueue(ctx.store, config.database.mode === 'postgres' ? config.database.url : undefined, { supervise: true }) : undefined;
    if (jobs) await registerAlertJobs(jobs.boss, ctx);
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
      await jobs?.stop();
      await ctx.close();
    };
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(signal).then(resolve));
    });
    return 0;
  },
};
