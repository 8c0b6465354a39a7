/**
 * The composition root's product: everything a use case or route may depend on, built once at start.
 * Adapters are reached through this object, never imported directly by use cases.
 */
import type { Config } from '../config/config.ts';
import type { Logger } from '../platform/logger.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../store/database.ts';

export interface AppContext {
  readonly config: Config;
  readonly store: Database;
  readonly log: Logger;
  readonly clock: Clock;
  readonly version: string;
}
