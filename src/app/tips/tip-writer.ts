/**
 * Group commit for tip intake. In a surge thousands of tips arrive each second; one transaction each
 * (BEGIN, INSERT, job, COMMIT) would spend the database on round trips and commits. Instead, tips that
 * arrive while earlier ones are being written wait for the next batch, and a batch is one transaction:
 * one INSERT for all its tips (each still only if its alert is active), their photos, one statement for
 * all their `tips.triage` jobs (the outbox: a job exists if and only if its tip does), their audit
 * entries, one COMMIT. Every caller is answered only after its batch committed, so a receipt is never
 * shown for a tip that is not stored.
 *
 * No timer: an idle writer writes a lone tip at once (no added latency); under load the batches grow
 * by themselves while up to `maxWriters` transactions run side by side. A batch that fails (a
 * reference collision, an idempotency key or WhatsApp message stored concurrently, any database error)
 * is written again tip by tip, so one tip's failure is that tip's alone.
 *
 * One writer per application context (the process's pool), made on first use.
 *
 * @example
 *   const stored = await tipWriter(ctx).write({ alert: { publicId }, tip, photo, audit });
 *   stored; // { alertId, caseId }, or undefined when the alert is not active
 */
import type { Transaction } from 'kysely';
import type { Actor } from '../../domain/actor.ts';
import { TIP_TRIAGE_QUEUE } from '../../jobs/queues.ts';
import { insertTipPhoto, insertTipsForActiveAlerts, type NewTipPhoto, type TipToInsert } from '../../store/repositories/tips.repository.ts';
import type { DB } from '../../store/schema.ts';
import { auditAll } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';

export interface TipWrite extends TipToInsert {
  /** The sealed photo row, stored with the tip. */
  readonly photo?: Omit<NewTipPhoto, 'caseId'>;
  /** Who to audit the submission as (API submissions), in the tip's transaction. */
  readonly audit?: { readonly actor: Actor; readonly details: Record<string, unknown> };
}

export type WriteResult = { readonly alertId: string; readonly caseId: string } | undefined;

interface Pending {
  readonly write: TipWrite;
  resolve(r: WriteResult): void;
  reject(err: unknown): void;
}

export interface TipWriterOptions {
  /** Tips in one transaction at most. */
  readonly maxBatch: number;
  /** Batches written at once (each holds a pool connection). */
  readonly maxWriters: number;
}

export const TIP_WRITER_DEFAULTS: TipWriterOptions = { maxBatch: 200, maxWriters: 4 };

export class TipWriter {
  readonly #ctx: AppContext;
  readonly #options: TipWriterOptions;
  #queue: Pending[] = [];
  #writing = 0;

  constructor(ctx: AppContext, options: TipWriterOptions = TIP_WRITER_DEFAULTS) {
    this.#ctx = ctx;
    this.#options = options;
  }

  /** Stores one tip with its batch; resolves after the commit. Rejects with this tip's own error only. */
  write(write: TipWrite): Promise<WriteResult> {
    return new Promise<WriteResult>((resolve, reject) => {
      this.#queue.push({ write, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#writing < this.#options.maxWriters && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#options.maxBatch);
      this.#writing += 1;
      void this.#writeBatch(batch).finally(() => {
        this.#writing -= 1;
        this.#pump();
      });
    }
  }

  /** Never rejects: each caller gets its own outcome. */
  async #writeBatch(batch: readonly Pending[]): Promise<void> {
    try {
      const stored = await this.#commit(batch.map((p) => p.write));
      for (const p of batch) p.resolve(stored.get(p.write.tip.id));
      return;
    } catch (err) {
      if (batch.length === 1) {
        batch[0]?.reject(err);
        return;
      }
    }
    // The batch failed as a whole: each tip alone, so only the culprit fails.
    for (const p of batch) {
      try {
        p.resolve((await this.#commit([p.write])).get(p.write.tip.id));
      } catch (err) {
        p.reject(err);
      }
    }
  }

  async #commit(writes: readonly TipWrite[]): Promise<Map<string, { readonly alertId: string; readonly caseId: string }>> {
    const ctx = this.#ctx;
    return ctx.store.db.transaction().execute(async (trx: Transaction<DB>) => {
      const stored = await insertTipsForActiveAlerts(trx, writes);
      if (stored.size === 0) return stored;
      const kept = writes.filter((w) => stored.has(w.tip.id));
      for (const w of kept) {
        const row = stored.get(w.tip.id);
        if (w.photo && row) await insertTipPhoto(trx, { ...w.photo, caseId: row.caseId });
      }
      const jobs = kept.map((w) => ({ data: { tipId: w.tip.id }, singletonKey: w.tip.id }));
      if (ctx.jobs.sendMany) await ctx.jobs.sendMany(trx, TIP_TRIAGE_QUEUE, jobs);
      else for (const j of jobs) await ctx.jobs.send(trx, TIP_TRIAGE_QUEUE, j.data, { singletonKey: j.singletonKey });
      await auditAll(
        trx,
        ctx.clock,
        kept.flatMap((w) => {
          const row = stored.get(w.tip.id);
          return w.audit && row ? [{ actor: w.audit.actor, event: { objectType: 'tip', objectId: w.tip.id, action: 'tip.submit', details: { ...w.audit.details, alertId: row.alertId, caseId: row.caseId } } }] : [];
        }),
      );
      return stored;
    });
  }
}

const writers = new WeakMap<AppContext, TipWriter>();

/** The context's writer (one per process pool). */
export function tipWriter(ctx: AppContext): TipWriter {
  let w = writers.get(ctx);
  if (!w) writers.set(ctx, (w = new TipWriter(ctx)));
  return w;
}
