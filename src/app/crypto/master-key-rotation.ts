/**
 * Master-key rotation: re-seal every sealed value (data keys first of all) under the active master key,
 * in batches that each commit on their own. It is resumable by construction: a value is re-sealed and
 * its key id updated in one statement, so after a crash at any point every value is under either the
 * old or the new key, both still configured, and the next run picks up what is left.
 *
 * The run only reports `complete` when nothing is sealed under another key any more. Values sealed
 * under a key missing from MASTER_KEYS cannot be re-sealed: they are reported by key id and keep the
 * rotation incomplete, so an operator is never told it is safe to drop a key that still matters.
 *
 * @example
 *   const report = await rotateMasterKey(ctx, { batchSize: 500, onBatch: (p) => print(p) });
 *   if (!report.complete) process.exitCode = 1;
 *   const status = await masterKeyStatus(ctx); // counts per master key id
 */
import type { Actor } from '../../domain/actor.ts';
import type { MasterKeyRing } from '../../platform/crypto/master-keys.ts';
import { open, seal, sealedKeyId } from '../../platform/crypto/secret-box.ts';
import { countDataKeys } from '../../store/repositories/data-keys.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { SEALED_VALUE_SOURCES, type SealedValueSource } from './sealed-values.ts';

export const DEFAULT_ROTATION_BATCH = 500;
export const MAX_ROTATION_BATCH = 10_000;

const ROTATION_ACTOR: Actor = { kind: 'system', process: 'keys.rotate' };

export interface RotationProgress {
  readonly source: string;
  readonly batch: number;
  /** Re-sealed in this batch. */
  readonly rewrapped: number;
  /** Re-sealed so far in this run, all sources. */
  readonly totalRewrapped: number;
}

export interface RotationOptions {
  readonly batchSize?: number;
  /** Stop after this many batches (to spread the work, or in tests to stop half-way). */
  readonly maxBatches?: number;
  readonly actor?: Actor;
  /** Called after each batch commits; throwing stops the run there (what is committed stays). */
  readonly onBatch?: (progress: RotationProgress) => void | Promise<void>;
  readonly sources?: readonly SealedValueSource[];
}

export interface KeyUsage {
  readonly masterKeyId: string;
  readonly count: number;
  readonly configured: boolean;
  readonly active: boolean;
}

export interface MasterKeyStatus {
  readonly activeKeyId: string;
  readonly configuredKeyIds: readonly string[];
  readonly sources: readonly { readonly name: string; readonly byMasterKey: readonly KeyUsage[] }[];
  readonly destroyedDataKeys: number;
  /** Values sealed under any key but the active one. */
  readonly notUnderActive: number;
  /** Key ids that seal values but are not in MASTER_KEYS: those values cannot be opened. */
  readonly missingKeyIds: readonly string[];
  /** Configured keys other than the active one that seal nothing: safe to remove from MASTER_KEYS. */
  readonly retirableKeyIds: readonly string[];
}

export interface RotationReport {
  readonly activeKeyId: string;
  readonly rewrapped: number;
  readonly batches: number;
  /** Values that could not be opened (corrupt, or sealed under a missing key), skipped. */
  readonly unreadable: number;
  /** Values still not under the active key after this run. */
  readonly remaining: number;
  readonly missingKeyIds: readonly string[];
  readonly retirableKeyIds: readonly string[];
  /** The run stopped at maxBatches before it ran out of work. */
  readonly stoppedEarly: boolean;
  /** Every sealed value is under the active key. */
  readonly complete: boolean;
}

type StatusContext = Pick<AppContext, 'store' | 'keys'>;

export async function masterKeyStatus(ctx: StatusContext, sources: readonly SealedValueSource[] = SEALED_VALUE_SOURCES): Promise<MasterKeyStatus> {
  const ring = ctx.keys;
  const used = new Set<string>();
  let notUnderActive = 0;
  const bySource: { name: string; byMasterKey: KeyUsage[] }[] = [];
  for (const source of sources) {
    const counts = await source.countByMasterKey(ctx.store.db);
    const byMasterKey = counts.map((c) => {
      used.add(c.masterKeyId);
      if (c.masterKeyId !== ring.active.id) notUnderActive += c.count;
      return { masterKeyId: c.masterKeyId, count: c.count, configured: ring.get(c.masterKeyId) !== undefined, active: c.masterKeyId === ring.active.id };
    });
    bySource.push({ name: source.name, byMasterKey });
  }
  return {
    activeKeyId: ring.active.id,
    configuredKeyIds: ring.ids,
    sources: bySource,
    destroyedDataKeys: (await countDataKeys(ctx.store.db)).destroyed,
    notUnderActive,
    missingKeyIds: [...used].filter((id) => ring.get(id) === undefined).sort(),
    retirableKeyIds: ring.ids.filter((id) => id !== ring.active.id && !used.has(id)),
  };
}

function checkBatchSize(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_ROTATION_BATCH) throw new RangeError(`batch size must be a whole number from 1 to ${MAX_ROTATION_BATCH}`);
  return n;
}

/** Re-seals one value under the active key; undefined when it cannot be opened. */
function reseal(ring: MasterKeyRing, sealed: string, context: string): string | undefined {
  const keyId = sealedKeyId(sealed);
  if (keyId === undefined || ring.get(keyId) === undefined) return undefined;
  try {
    return seal(ring, open(ring, sealed, context), context);
  } catch {
    return undefined;
  }
}

export async function rotateMasterKey(ctx: Pick<AppContext, 'store' | 'keys' | 'clock' | 'log'>, options: RotationOptions = {}): Promise<RotationReport> {
  const batchSize = checkBatchSize(options.batchSize ?? DEFAULT_ROTATION_BATCH);
  const actor = options.actor ?? ROTATION_ACTOR;
  const sources = options.sources ?? SEALED_VALUE_SOURCES;
  const ring = ctx.keys;
  const activeKeyId = ring.active.id;
  let rewrapped = 0;
  let batches = 0;
  let unreadable = 0;
  let stoppedEarly = false;

  sourcesLoop: for (const source of sources) {
    let cursor: string | undefined;
    for (;;) {
      if (options.maxBatches !== undefined && batches >= options.maxBatches) {
        stoppedEarly = true;
        break sourcesLoop;
      }
      const batch = await ctx.store.db.transaction().execute(async (trx) => {
        const values = await source.lockNotUnder(trx, activeKeyId, cursor, batchSize);
        let done = 0;
        let skipped = 0;
        const fromKeyIds = new Set<string>();
        for (const v of values) {
          const resealed = reseal(ring, v.sealed, v.context);
          if (resealed === undefined) {
            skipped += 1;
            ctx.log.warn({ source: source.name, id: v.id, masterKeyId: sealedKeyId(v.sealed) ?? null }, 'sealed value cannot be opened; left as it is');
            continue;
          }
          if (await source.replace(trx, v.id, resealed, activeKeyId, ctx.clock.now())) {
            done += 1;
            fromKeyIds.add(sealedKeyId(v.sealed) ?? '');
          }
        }
        const first = values[0];
        const last = values[values.length - 1];
        if (done > 0 && first && last) {
          await audit(trx, ctx.clock, actor, {
            objectType: 'master_key',
            objectId: activeKeyId,
            action: 'master_key.rewrap',
            details: { source: source.name, count: done, fromKeyIds: [...fromKeyIds].sort(), firstId: first.id, lastId: last.id },
          });
        }
        return { size: values.length, done, skipped, lastId: last?.id };
      });
      if (batch.size === 0 || batch.lastId === undefined) break;
      cursor = batch.lastId;
      batches += 1;
      rewrapped += batch.done;
      unreadable += batch.skipped;
      ctx.log.info({ source: source.name, batch: batches, rewrapped: batch.done, activeKeyId }, 'master key rotation batch committed');
      await options.onBatch?.({ source: source.name, batch: batches, rewrapped: batch.done, totalRewrapped: rewrapped });
      if (batch.size < batchSize) break;
    }
  }

  const status = await masterKeyStatus(ctx, sources);
  const report: RotationReport = {
    activeKeyId,
    rewrapped,
    batches,
    unreadable,
    remaining: status.notUnderActive,
    missingKeyIds: status.missingKeyIds,
    retirableKeyIds: status.retirableKeyIds,
    stoppedEarly,
    complete: status.notUnderActive === 0,
  };
  await ctx.store.db.transaction().execute((trx) =>
    audit(trx, ctx.clock, actor, {
      objectType: 'master_key',
      objectId: activeKeyId,
      action: 'master_key.rotate',
      details: {
        rewrapped,
        batches,
        unreadable,
        remaining: report.remaining,
        missingKeyIds: report.missingKeyIds,
        stoppedEarly,
        complete: report.complete,
      },
    }),
  );
  return report;
}
