/**
 * Sends a new subscription's confirmation (double opt-in): the subscribe transaction queued the job;
 * here a fresh code or link is issued and handed to the channel's adapter. A failed send throws, so
 * pg-boss retries with backoff; each retry issues a new secret (only the latest is valid).
 */
import type { PgBoss } from 'pg-boss';
import type { AppContext } from '../app/context.ts';
import type { ChannelRegistry } from '../app/distribution/channel-registry.ts';
import { issueConfirmation } from '../app/subscriptions/issue-confirmation.ts';
import { SUBSCRIPTION_CONFIRM_QUEUE } from './queues.ts';
import { purgeStalePending } from '../app/subscriptions/subscription-maintenance.ts';

export async function registerSubscriptionJobs(boss: PgBoss, ctx: AppContext, registry: ChannelRegistry, pollingIntervalSeconds = 1): Promise<void> {
  await boss.work<{ subscriptionId?: unknown }>(SUBSCRIPTION_CONFIRM_QUEUE, { pollingIntervalSeconds, notifyPollingIntervalSeconds: 5 }, async ([job]) => {
    const id = job?.data.subscriptionId;
    if (typeof id !== 'string') return;
    const issued = await issueConfirmation(ctx, id);
    if (!issued) return;
    const adapter = registry.adapter(issued.channel);
    if (!adapter?.sendConfirmation) throw new Error(`no ${issued.channel} adapter in this worker`);
    await adapter.sendConfirmation({
      idempotencyKey: `confirm.${id}.${issued.issuedAt.getTime()}`,
      recipient: { key: id, address: issued.address, language: issued.language, unsubscribeUrl: issued.unsubscribeUrl },
      code: issued.code,
      link: issued.link,
      signal: AbortSignal.timeout(ctx.config.channels.timeoutMs),
    });
  });
}

export const SUBSCRIPTION_MAINTENANCE_QUEUE = 'subscriptions.maintenance';

/** Once a day: sign-ups never confirmed are deleted after their retention (subscription-maintenance.ts). */
export async function registerSubscriptionMaintenance(boss: PgBoss, ctx: AppContext): Promise<void> {
  await boss.createQueue(SUBSCRIPTION_MAINTENANCE_QUEUE);
  await boss.schedule(SUBSCRIPTION_MAINTENANCE_QUEUE, '17 3 * * *', {}, { tz: 'Africa/Casablanca' });
  await boss.work(SUBSCRIPTION_MAINTENANCE_QUEUE, async () => {
    const purged = await purgeStalePending(ctx);
    if (purged) ctx.log.info({ purged }, 'unconfirmed sign-ups deleted');
  });
}
