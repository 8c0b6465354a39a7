/** `tifli migrate`: apply pending forward-only migrations, then exit. */
import { loadConfigFromEnvironment } from '../../config/config.ts';
import { openDatabase } from '../../store/database.ts';
import { migrateToLatest } from '../../store/migrator.ts';
import type { CliCommand } from './command.ts';

export const migrateCommand: CliCommand = {
  summary: 'apply pending database migrations',
  async run() {
    const config = loadConfigFromEnvironment();
    const store = await openDatabase(config.database);
    try {
      const { applied } = await migrateToLatest(store.db);
      process.stdout.write(applied.length ? `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}`).join('\n')}\n` : 'Database is up to date.\n');
      return 0;
    } finally {
      await store.close();
    }
  },
};
