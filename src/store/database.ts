/**
 * Opens the system of record: PGlite on disk when no DATABASE_URL is set, PostgreSQL otherwise.
 * Both go through Kysely's PostgresDialect with a node-postgres-shaped pool, so every query,
 * migration and job runs the same SQL in both modes.
 *
 * @example
 *   const store = await openDatabase(config);
 *   await migrateToLatest(store.db);
 *   await store.close();
 */
import { mkdir } from 'node:fs/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config, DatabaseMode } from '../config/config.ts';
import { PgliteLeasePool } from './pglite-pool.ts';
import type { DB } from './schema.ts';

export interface Database {
  readonly mode: DatabaseMode;
  readonly db: Kysely<DB>;
  /** Present in embedded mode: the single PGlite session, for pg-boss's adapter. */
  readonly embedded: PgliteLeasePool | undefined;
  close(): Promise<void>;
}

/** node-postgres parses DATE into a local-time Date; keep it a plain 'YYYY-MM-DD' string like PGlite does here. */
const DATE_OID = 1082;
const identity = (v: string): string => v;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID ? identity : (pg.types.getTypeParser(oid, format ?? 'text') as unknown)) as typeof pg.types.getTypeParser,
};

export async function openDatabase(database: Config['database']): Promise<Database> {
  switch (database.mode) {
    case 'embedded': {
      await mkdir(database.dir, { recursive: true });
      const pool = await PgliteLeasePool.open(database.dir);
      const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
      return { mode: 'embedded', db, embedded: pool, close: () => db.destroy() };
    }
    case 'postgres': {
      const pool = new pg.Pool({ connectionString: database.url, max: database.poolMax, types: pgTypes, application_name: 'tifli' });
      // An idle client that loses its server emits 'error'; without a listener that would crash the process.
      pool.on('error', () => undefined);
      // The same for a client in use: pg-pool listens only while a client is idle, and node-postgres also
      // emits 'error' on a client whose connection drops mid-query or mid-transaction (Kysely holds one
      // for either). Unheard, a database restart would end every server and worker. The query fails with
      // that error all the same, and the pool discards the client when it is released.
      pool.on('connect', (client) => client.on('error', () => undefined));
      const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
      return { mode: 'postgres', db, embedded: undefined, close: () => db.destroy() };
    }
  }
}
