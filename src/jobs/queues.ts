/**
 * Every pg-boss queue the platform uses, with its retry behaviour, created at every start (idempotent)
 * so a use case can send to any of them inside its transaction.
 *
 * Delivery queues are one per channel so a slow provider (Graph: about one call a second) never holds
 * up a fast one (WhatsApp: 80/s). Their jobs heartbeat: a worker killed mid-batch loses its claim
 * within seconds and another worker resumes the batch from the deliveries' own states.
 */
import type { PgBoss, Queue } from 'pg-boss';
import { CHANNELS, type ChannelName } from '../domain/distribution/channels.ts';

export const ALERT_TICK_QUEUE = 'alerts.tick';
export const DISPATCH_PLAN_QUEUE = 'dispatch.plan';
export const SUBSCRIPTION_CONFIRM_QUEUE = 'subscriptions.confirm';
export const deliverQueue = (channel: ChannelName): string => `deliver.${channel}`;
/** Daily at 02:41 Morocco time: the retention purge (app/privacy/retention-run.ts); idempotent per case. */
export const RETENTION_QUEUE = 'retention.run';
/** One job per committed tip ({ tipId }), sent in the tip's own transaction; the triage worker scores and groups it. */
export const TIP_TRIAGE_QUEUE = 'tips.triage';
/** Every minute: copy destroyed data keys to the shred ledger outside the database (app/backup/shred-ledger.ts). */
export const SHRED_LEDGER_QUEUE = 'backup.shred-ledger';

const HEARTBEAT = { heartbeatSeconds: 10 } as const;
// NOTIFY wakes a waiting worker the moment a job commits (PostgreSQL); the embedded adapter polls.
const WAKE = { notify: true } as const;

export const QUEUE_OPTIONS: Readonly<Record<string, Omit<Queue, 'name'>>> = {
  [ALERT_TICK_QUEUE]: {},
  [DISPATCH_PLAN_QUEUE]: { retryLimit: 20, retryDelay: 2, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 900, ...HEARTBEAT, ...WAKE },
  [SUBSCRIPTION_CONFIRM_QUEUE]: { retryLimit: 8, retryDelay: 5, retryBackoff: true, retryDelayMax: 600, ...WAKE },
  // A run that dies is retried later the same day; every finished case is committed, the rest wait for it.
  [RETENTION_QUEUE]: { retryLimit: 3, retryDelay: 600, expireInSeconds: 3 * 3600 },
  // Triage is idempotent per tip; retries cover a worker that died or a transient database error. A tip
  // must never stay unscored, hence many retries, each short (scoring is milliseconds). NOTIFY wakes the
  // worker at once (a high score notifies the officer); intake sends a batch's jobs in one statement, so a
  // surge costs one notification per batch, not per tip.
  [TIP_TRIAGE_QUEUE]: { retryLimit: 20, retryDelay: 2, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 300, ...WAKE },
  // The copy is idempotent; a failed minute is made good by the next one.
  [SHRED_LEDGER_QUEUE]: { retryLimit: 2, retryDelay: 20, expireInSeconds: 120 },
  // Delivery retries (backoff, Retry-After) are scheduled by the dispatcher itself; pg-boss retries
  // only cover a worker that died or a batch that threw.
  ...Object.fromEntries(CHANNELS.map((c) => [deliverQueue(c), { retryLimit: 50, retryDelay: 2, retryBackoff: true, retryDelayMax: 120, expireInSeconds: 900, ...HEARTBEAT, ...WAKE }])),
};

export async function createQueues(boss: PgBoss): Promise<void> {
  for (const [name, options] of Object.entries(QUEUE_OPTIONS)) await boss.createQueue(name, options);
}
