/**
 * A node-postgres-shaped pool over one embedded PGlite instance, so Kysely's PostgresDialect and
 * pg-boss run the same SQL on PGlite and on PostgreSQL. Each `connect()` leases the single PGlite
 * session exclusively until `release()`, which keeps transactions isolated (the failure mode that
 * makes `kysely-pglite` lose committed rows under concurrency).
 *
 * @example
 *   const pool = await PgliteLeasePool.open('/var/lib/tifli/pglite');
 *   const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
 */
import { PGlite, types } from '@electric-sql/pglite';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { AsyncMutex } from './async-mutex.ts';

/** Result parsing that matches our node-postgres setup (see pg-types.ts), so both modes return the same JS values. */
const parsers = {
  [types.INT8]: (v: string) => v,
  [types.NUMERIC]: (v: string) => v,
  [types.DATE]: (v: string) => v,
};

const MUTATING = /^\s*(insert|update|delete|merge)\b/i;

function commandOf(sql: string, affected: number | undefined): PostgresQueryResult<unknown>['command'] {
  const m = MUTATING.exec(sql);
  if (m?.[1]) return m[1].toUpperCase() as 'INSERT' | 'UPDATE' | 'DELETE' | 'MERGE';
  // A data-modifying WITH reports its affected rows like the statement it ends in.
  if (/^\s*with\b/i.test(sql) && affected !== undefined && affected > 0) return 'UPDATE';
  return 'SELECT';
}

class PgliteLeaseClient implements PostgresPoolClient {
  private readonly pg: PGlite;
  private readonly releaseLock: () => void;
  constructor(pg: PGlite, releaseLock: () => void) {
    this.pg = pg;
    this.releaseLock = releaseLock;
  }

  query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(sql: string | PostgresCursor<R>, parameters?: readonly unknown[]): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sql !== 'string') throw new Error('Cursors are not supported on the embedded database; page with keyset queries instead.');
    if (!parameters || parameters.length === 0) {
      // Like node-postgres, a statement without parameters goes over the simple protocol, which
      // accepts several statements (migrations); the last statement's result is the answer.
      return this.pg.exec(sql, { parsers }).then((results) => {
        const last = results[results.length - 1];
        const rows = (last?.rows ?? []) as R[];
        return { command: commandOf(sql, last?.affectedRows), rowCount: last?.affectedRows ?? rows.length, rows };
      });
    }
    return this.pg.query<R>(sql, [...parameters], { parsers }).then((r) => ({
      command: commandOf(sql, r.affectedRows),
      rowCount: r.affectedRows ?? r.rows.length,
      rows: r.rows,
    }));
  }

  release(): void {
    this.releaseLock();
  }
}

export class PgliteLeasePool implements PostgresPool {
  readonly pg: PGlite;
  readonly mutex = new AsyncMutex();
  readonly options = { max: 1 };

  private constructor(pg: PGlite) {
    this.pg = pg;
  }

  static async open(dataDir: string): Promise<PgliteLeasePool> {
    const pg = await PGlite.create({ dataDir });
    return new PgliteLeasePool(pg);
  }

  async connect(): Promise<PostgresPoolClient> {
    const release = await this.mutex.acquire();
    return new PgliteLeaseClient(this.pg, release);
  }

  async end(): Promise<void> {
    // Wait for the current holder so a closing process never cuts a transaction in half.
    await this.mutex.run(async () => {
      if (!this.pg.closed) await this.pg.close();
    });
  }
}
