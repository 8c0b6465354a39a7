/**
 * Every background worker a process runs: the alert tick, the dispatcher (planning and delivery per
 * channel) and subscription confirmations. `tifli serve` runs them beside the HTTP server (unless
 * JOBS_ENABLED=false) and `tifli worker` runs them alone; any number of either may share one database.
 */
import type { PgBoss } from 'pg-boss';
import type { AppContext } from '../app/context.ts';
import type { ChannelRegistry } from '../app/distribution/channel-registry.ts';
import { registerAlertJobs } from './alert-jobs.ts';
import { buildChannelRegistry } from './channel-adapters.ts';
import { type DistributionWorkerOptions, registerDistributionJobs } from './distribution-jobs.ts';
import { registerSubscriptionJobs, registerSubscriptionMaintenance } from './subscription-jobs.ts';
import { registerTipJobs } from './tip-jobs.ts';
import { registerRetentionJobs } from './retention-jobs.ts';
import { registerShredLedgerJobs } from './shred-ledger-jobs.ts';

export async function startWorkers(boss: PgBoss, ctx: AppContext, options: DistributionWorkerOptions = {}): Promise<ChannelRegistry> {
  const registry = await buildChannelRegistry(ctx);
  await registerAlertJobs(boss, ctx);
  await registerDistributionJobs(boss, ctx, registry, options);
  await registerSubscriptionJobs(boss, ctx, registry, options.pollingIntervalSeconds);
  await registerSubscriptionMaintenance(boss, ctx);
  await registerTipJobs(boss, ctx, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 });
  await registerRetentionJobs(boss, ctx);
  await registerShredLedgerJobs(boss, ctx);
  return registry;
}
