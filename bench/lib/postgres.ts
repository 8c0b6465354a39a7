/**
 * PostgreSQL for the bench: where it is, whether it answers, and scratch databases
 * (`tifli_bench_<random>`) created for one figure and dropped after, like test/support/test-store.ts.
 *
 * @example
 *   const reason = await postgresUnavailable(opts.postgresUrl);
 *   if (!reason) { const scratch = await createScratchDatabase(opts.postgresUrl); ...; await scratch.drop(); }
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** BENCH_DATABASE_URL, else DATABASE_URL, else the local test server. */
export function benchPostgresUrl(env: Readonly<Record<string, string | undefined>>): string {
  return env.BENCH_DATABASE_URL || env.DATABASE_URL || DEFAULT_POSTGRES_URL;
}

/** host:port only: a URL may carry a password, which never goes into output. */
export function describeServer(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}`;
}

/** Undefined when PostgreSQL answers; otherwise why not, without the URL's credentials. */
export async function postgresUnavailable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'error';
    return `PostgreSQL not reachable at ${describeServer(url)} (${code})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const name = `tifli_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
