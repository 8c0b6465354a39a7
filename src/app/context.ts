/**
 * The composition root's product: everything a use case or route may depend on, built once at start.
 * Adapters are reached through this object, never imported directly by use cases.
 */
import type { Config } from '../config/config.ts';
import type { Logger } from '../platform/logger.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../store/database.ts';
import type { MasterKeyRing } from '../platform/crypto/master-keys.ts';
import type { MoroccoGeography } from '../domain/geo/morocco-geography.ts';
import type { JobSender } from './job-sender.ts';
import type { Metrics } from '../platform/metrics.ts';

export interface AppContext {
  readonly config: Config;
  readonly store: Database;
  readonly log: Logger;
  readonly clock: Clock;
  /** Master keys: wrap per-case data keys and seal small secrets (platform/crypto/secret-box.ts). */
  readonly keys: MasterKeyRing;
  /** Regions and provinces (morocco-map boundaries, ODbL): point → province/region. */
  readonly geo: MoroccoGeography;
  readonly version: string;
  /** Background jobs, sent inside the caller's transaction (the outbox). */
  readonly jobs: JobSender;
  /** This process's Prometheus metrics; absent in one-shot commands (backup, restore) that serve none. */
  readonly metrics?: Metrics;
  /**
   * Aborted when the process starts a graceful stop: long jobs finish what they hold and leave the rest
   * queued for another worker (or this one after its restart). Absent where nothing ever stops it.
   */
  readonly stopping?: AbortSignal;
}
