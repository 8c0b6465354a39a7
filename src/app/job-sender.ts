/**
 * The port use cases send background jobs through, inside their own transaction: the transactional
 * outbox. A job sent here exists if and only if the caller's transaction commits. Implemented over
 * pg-boss (jobs/job-queue.ts); queues are created at start.
 *
 * @example
 *   await ctx.jobs.send(trx, 'subscriptions.confirm', { subscriptionId });
 */
import type { Transaction } from 'kysely';
import type { DB } from '../store/schema.ts';

export interface JobOptions {
  /** Not before this time (retries with backoff, deferred pushes). */
  readonly startAfter?: Date;
  /** At most one queued job with this key (pg-boss singletonKey). */
  readonly singletonKey?: string;
}

export interface JobSender {
  send(trx: Transaction<DB>, queue: string, data: Record<string, unknown>, options?: JobOptions): Promise<void>;
  /**
   * Several jobs on one queue in one statement, inside the caller's transaction (a batch's outbox: tip
   * intake commits many tips at once). Optional: without it, callers send one by one.
   */
  sendMany?(trx: Transaction<DB>, queue: string, jobs: readonly { readonly data: Record<string, unknown>; readonly singletonKey?: string }[]): Promise<void>;
}
