/**
 * pg-boss on the same database as the rest of the state, in both modes. In embedded mode pg-boss
 * goes through its PGlite adapter, wrapped so each statement takes the same exclusive lease of the
 * PGlite session that Kysely takes (otherwise a job poll could land inside a use case's transaction).
 *
 * @example
 *   const jobs = await startJobQueue(store, { supervise: true });
 *   await jobs.boss.send('retention.run', {});
 *   await jobs.stop();
 */
import { type Db as IDatabase, PgBoss, fromKysely, fromPglite } from 'pg-boss';
import type { Transaction } from 'kysely';
import type { Database } from '../store/database.ts';
import type { DB } from '../store/schema.ts';
import type { JobSender } from '../app/job-sender.ts';
import { createQueues } from './queues.ts';

export interface JobQueue {
  readonly boss: PgBoss;
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  /** Run pg-boss maintenance and scheduling in this process (servers and workers both may). */
  readonly supervise: boolean;
}

function embeddedAdapter(store: Database): IDatabase {
  const pool = store.embedded;
  if (!pool) throw new Error('embedded adapter requested on a PostgreSQL store');
  const inner = fromPglite(pool.pg);
  const adapter: IDatabase = {
    executeSql: (text, values) => pool.mutex.run(() => inner.executeSql(text, values)),
  };
  const setSession = inner.setSessionStatements?.bind(inner);
  if (setSession) adapter.setSessionStatements = (statements: string[]) => pool.mutex.run(() => setSession(statements));
  return adapter;
}

/** pg-boss emits Errors and, from its supervisor, plain objects with a message: never "[object Object]". */
function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') return err.message;
  return typeof err === 'string' ? err : 'an unidentified error';
}

export async function startJobQueue(store: Database, connectionUrl: string | undefined, options: JobQueueOptions): Promise<JobQueue> {
  // Supervision every 10 s (pg-boss's default is 60): a job whose worker was killed loses its claim
  // (missed heartbeat) and is retried within seconds rather than a minute.
  const common = { schema: 'pgboss', supervise: options.supervise, schedule: options.supervise, migrate: true, superviseIntervalSeconds: 10, monitorIntervalSeconds: 10 };
  const boss =
    store.mode === 'embedded'
      ? new PgBoss({ ...common, db: embeddedAdapter(store), backend: 'pglite' })
      : // A busy host can keep a pooled connection waiting past pg-boss's 10 s default; waiting longer
        // beats failing a poll, or a worker's start.
        new PgBoss({ ...common, connectionString: connectionUrl, max: 4, connectionTimeoutMillis: 30_000, application_name: 'tifli-jobs', useListenNotify: true });
  // pg-boss reports background failures as events; a listener keeps them from crashing the process.
  boss.on('error', (err: unknown) => {
    process.emitWarning(`job queue: ${errorText(err)}`);
  });
  await boss.start();
  await createQueues(boss);
  return {
    boss,
    // Long enough for a delivery chunk in hand to get its answers (each call is capped by the channel
    // timeout); jobs stop taking new chunks as soon as the stop begins (AppContext.stopping).
    stop: () => boss.stop({ graceful: true, timeout: 30_000 }),
  };
}

/**
 * The pg-boss connection for a job sent inside a use case's transaction: the transactional outbox.
 * The job exists if and only if the transaction commits.
 */
export function jobsIn(trx: Transaction<DB>): IDatabase {
  return fromKysely(trx);
}

/** The outbox port over pg-boss: jobs sent through the caller's transaction. */
export function jobSender(boss: PgBoss): JobSender {
  return {
    async send(trx, queue, data, options = {}) {
      await boss.send(queue, data, {
        db: jobsIn(trx),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      });
    },
    async sendMany(trx, queue, jobs) {
      if (jobs.length === 0) return;
      await boss.insert(queue, jobs.map((j) => ({ data: j.data, ...(j.singletonKey ? { singletonKey: j.singletonKey } : {}) })), { db: jobsIn(trx) });
    },
  };
}
