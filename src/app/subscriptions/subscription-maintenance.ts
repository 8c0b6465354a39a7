/**
 * Housekeeping of subscriptions, for the lead's schedules and the key rotation command:
 * - `purgeStalePending`: sign-ups never confirmed are deleted after PENDING_RETENTION_DAYS (the
 *   address was given for a confirmation that did not happen; it has no reason to stay);
 * - `rekeyAddressKeys`: after `tifli keys rotate` makes a new master key active, live subscriptions'
 *   address keys are recomputed under it, so the old key can later leave the ring without STOP
 *   replies and second sign-ups losing track of older subscriptions (lookups try every key of the
 *   ring meanwhile). Unsubscribe tokens already sent keep verifying while their key is in the ring.
 *
 * @example
 *   await purgeStalePending(ctx);   // number of pending sign-ups deleted
 *   await rekeyAddressKeys(ctx);    // number of address keys recomputed
 */
import { deleteStalePending, listForRekey, setAddressKey } from '../../store/repositories/subscriptions.repository.ts';
import type { AppContext } from '../context.ts';
import { activeAddressKeyPrefix, addressKey } from './subscription-keys.ts';

export const PENDING_RETENTION_DAYS = 7;

export async function purgeStalePending(ctx: AppContext, retentionDays = PENDING_RETENTION_DAYS): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - retentionDays * 86_400_000);
  return deleteStalePending(ctx.store.db, before);
}

export async function rekeyAddressKeys(ctx: AppContext, batch = 500): Promise<number> {
  const prefix = activeAddressKeyPrefix(ctx.keys);
  let total = 0;
  for (;;) {
    const done = await ctx.store.db.transaction().execute(async (trx) => {
      const rows = await listForRekey(trx, prefix, batch);
      for (const row of rows) await setAddressKey(trx, row.id, addressKey(ctx.keys, row.address));
      return rows.length;
    });
    total += done;
    if (done < batch) return total;
  }
}
