/**
 * The dispatcher's workers on pg-boss: planning jobs (one per version and channel) and delivery jobs
 * (one per recipient batch, on a queue per channel). Only channels with an adapter in this process get
 * a delivery worker; their jobs wait in the queue for a worker that has one.
 *
 * @example
 *   await registerDistributionJobs(ctx.queue.boss, ctx, registry);
 */
import type { PgBoss } from 'pg-boss';
import type { AppContext } from '../app/context.ts';
import type { ChannelRegistry } from '../app/distribution/channel-registry.ts';
import { type DeliverJob, deliverBatch } from '../app/distribution/deliver-batch.ts';
import { planDispatch } from '../app/distribution/plan-dispatch.ts';
import { warmPosters } from '../app/distribution/outbound-alert.ts';
import { CHANNELS } from '../domain/distribution/channels.ts';
import { DISPATCH_PLAN_QUEUE, deliverQueue } from './queues.ts';

export interface DistributionWorkerOptions {
  /** Seconds between polls when idle (pg-boss also wakes on NOTIFY where available). */
  readonly pollingIntervalSeconds?: number;
  /** Delivery batches in flight per channel in this process. */
  readonly batchesPerChannel?: number;
  /** Reconciliation window for uncertain claims (deliver-batch.ts); default: DELIVERY_RECONCILE_SECONDS. */
  readonly reconcileWindowMs?: number;
}

const isDeliverJob = (d: unknown): d is DeliverJob =>
  typeof d === 'object' && d !== null && typeof (d as DeliverJob).dispatchId === 'string' && typeof (d as DeliverJob).from === 'string' && typeof (d as DeliverJob).to === 'string';

export async function registerDistributionJobs(boss: PgBoss, ctx: AppContext, registry: ChannelRegistry, options: DistributionWorkerOptions = {}): Promise<void> {
  // With NOTIFY (PostgreSQL) a worker wakes when a job commits; the polls are the backstop, short enough
  // that a retry or a deferred push scheduled for later is picked up within a couple of seconds.
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1, notifyPollingIntervalSeconds: 2 };
  // A publication queues one planning job per channel at once: plan them side by side.
  await boss.work<{ dispatchId?: unknown }>(DISPATCH_PLAN_QUEUE, { ...polling, localConcurrency: 10 }, async ([job]) => {
    if (typeof job?.data.dispatchId !== 'string') return;
    await planDispatch(ctx, registry, job.data.dispatchId, (alertId, version) => warmPosters(ctx, alertId, version));
  });
  for (const channel of CHANNELS) {
    if (!registry.adapter(channel)) continue;
    await boss.work<unknown>(deliverQueue(channel), { ...polling, localConcurrency: options.batchesPerChannel ?? 4 }, async ([job]) => {
      if (job && isDeliverJob(job.data)) await deliverBatch(ctx, registry, job.data, options.reconcileWindowMs ?? ctx.config.channels.reconcileWindowMs);
    });
  }
}
