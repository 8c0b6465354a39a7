/**
 * The transactional outbox: in the transaction that stores a version, one dispatch row and one
 * planning job per channel. Alert and Update versions go out on every enabled channel; a Cancel
 * retracts on every channel that carried an earlier version (whether or not it is still enabled).
 * The planning job lists the recipients and splits them into delivery batches (plan-dispatch.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { MsgType } from '../../domain/alert/alert-lifecycle.ts';
import { isChannelName } from '../../domain/distribution/channels.ts';
import { channelsThatCarried, insertDispatch } from '../../store/repositories/dispatches.repository.ts';
import type { DB } from '../../store/schema.ts';
import { DISPATCH_PLAN_QUEUE } from '../../jobs/queues.ts';
import type { AppContext } from '../context.ts';
import { enabledChannels } from './enabled-channels.ts';

export async function queueDispatches(trx: Transaction<DB>, ctx: AppContext, alertId: string, version: number, msgType: MsgType, at: Date): Promise<void> {
  const retract = msgType === 'Cancel';
  const channels = retract ? (await channelsThatCarried(trx, alertId)).filter(isChannelName) : enabledChannels(ctx.config.channels);
  for (const channel of channels) {
    const id = randomUUID();
    await insertDispatch(trx, { id, alertId, version, channel, action: retract ? 'retract' : 'publish', at });
    await ctx.jobs.send(trx, DISPATCH_PLAN_QUEUE, { dispatchId: id }, { singletonKey: id });
  }
}
