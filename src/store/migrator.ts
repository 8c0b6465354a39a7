/**
 * Forward-only migrations: every file in ./migrations, named `YYYYMMDDTHHMM_what.ts`, applied in
 * name order at start and by `npx tifli migrate`. There is deliberately no "down": a national system
 * of record moves forward with a new migration, never by dropping data.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { DB } from './schema.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const NAME = /^\d{8}T\d{4}_[a-z0-9_]+\.ts$/;

class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
    const out: Record<string, Migration> = {};
    for (const file of files) {
      if (!NAME.test(file)) throw new Error(`Migration file "${file}" must be named YYYYMMDDTHHMM_what.ts`);
      const mod = (await import(path.join(MIGRATIONS_DIR, file))) as Partial<Migration>;
      if (typeof mod.up !== 'function') throw new Error(`Migration "${file}" exports no up()`);
      out[file.replace(/\.ts$/, '')] = { up: mod.up };
    }
    return out;
  }
}

export interface MigrationReport {
  readonly applied: readonly string[];
}

export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * Applies migrations up to and including `target` (a restore rebuilds the schema a backup was taken
 * with, loads it, then moves on to the latest). Accepts a transaction: everything then commits together.
 */
export async function migrateTo(db: Kysely<DB>, target: string): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const { error, results } = await migrator.migrateTo(target);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? target} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** The names of every migration this release knows, in order. */
export async function knownMigrations(): Promise<string[]> {
  return Object.keys(await new FolderMigrationProvider().getMigrations()).sort();
}
