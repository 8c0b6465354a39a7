/** `tifli demo`: seed a synthetic exercise (see app/demo/seed-demo.ts). Run it with the server stopped on the embedded database. */
import { loadConfigFromEnvironment } from '../../config/config.ts';
import { boot } from '../../app/bootstrap.ts';
import { seedDemo } from '../../app/demo/seed-demo.ts';
import { createLogger } from '../../platform/logger.ts';
import type { CliCommand } from './command.ts';

export const demoCommand: CliCommand = {
  summary: 'seed a synthetic exercise: demo staff, cases at several stages, one active alert (all marked exercise)',
  async run() {
    const config = loadConfigFromEnvironment();
    const ctx = await boot(config, { log: createLogger('warn') });
    try {
      const result = await seedDemo(ctx);
      process.stdout.write(
        `Exercise seeded (synthetic data, CAP status Exercise):\n${result.cases.map((c) => `  ${c.reference}  ${c.status}`).join('\n')}\nActive exercise alert: ${result.activeAlertUrl}\n`,
      );
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
