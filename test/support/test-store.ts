/**
 * A fresh, migrated database for one test file: a temporary PGlite directory, or, when DATABASE_URL
 * is set, a new database created on that PostgreSQL server and dropped afterwards.
 *
 * @example
 *   const t = await createTestContext();
 *   after(() => t.close());
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { boot } from '../../src/app/bootstrap.ts';
import type { AppContext } from '../../src/app/context.ts';
import type { JobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger, type Logger } from '../../src/platform/logger.ts';
import { ManualClock, type Clock } from '../../src/platform/clock.ts';

export interface TestContext extends AppContext {
  /** The job queue the context sends through (use `queue.boss` to inspect or work jobs). */
  readonly queue: JobQueue;
  readonly clock: Clock;
  readonly dataDir: string;
  /** Log lines written during the test, for leak checks. */
  readonly logLines: string[];
  close(): Promise<void>;
}

export const DEV_MASTER_KEYS = `test1:${Buffer.alloc(32, 7).toString('base64')}`;

async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tifli_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createTestConfig(overrides: Record<string, string> = {}): Promise<{ config: Config; dataDir: string; cleanup: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tifli-test-'));
  const baseUrl = process.env.DATABASE_URL;
  const pgdb = baseUrl ? await createPostgresDatabase(baseUrl) : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'info',
    MASTER_KEYS: DEV_MASTER_KEYS,
    PUBLIC_BASE_URL: 'http://tifli.test',
    ...(pgdb ? { DATABASE_URL: pgdb.url } : {}),
    ...overrides,
  });
  return {
    config,
    dataDir,
    cleanup: async () => {
      await pgdb?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createTestContext(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestContext> {
  const { config, dataDir, cleanup } = await createTestConfig(options.env);
  const logLines: string[] = [];
  const sink = {
    write(line: string): void {
      logLines.push(line);
    },
  };
  const log: Logger = createLogger('info', sink);
  const clock = options.clock ?? new ManualClock('2026-11-22T10:00:00.000Z');
  const ctx = await boot(config, { log, clock });
  return {
    ...ctx,
    clock,
    dataDir,
    logLines,
    async close() {
      await ctx.close();
      await cleanup();
    },
  };
}
