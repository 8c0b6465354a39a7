/**
 * `tifli keys`: master-key operations.
 *   generate [--id ID]   print a new `id:base64` master key for MASTER_KEYS (instructions on stderr)
 *   rotate [--batch N]   re-wrap every sealed value under MASTER_KEY_ACTIVE, in committed batches
 *   status               sealed values per master key id, destroyed data keys, keys safe to remove
 * rotate exits 1 unless everything ends up under the active key; status exits 1 when a key that still
 * seals values is missing from MASTER_KEYS.
 *
 * @example
 *   npx tifli keys generate >> master-keys.txt
 *   MASTER_KEYS="k1:…,k2:…" MASTER_KEY_ACTIVE=k2 npx tifli keys rotate --batch 1000
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfigFromEnvironment } from '../../config/config.ts';
import { boot } from '../../app/bootstrap.ts';
import { DEFAULT_ROTATION_BATCH, MAX_ROTATION_BATCH, masterKeyStatus, rotateMasterKey } from '../../app/crypto/master-key-rotation.ts';
import { SEALED_VALUE_SOURCES } from '../../app/crypto/sealed-values.ts';
import { createLogger } from '../../platform/logger.ts';
import type { CliCommand } from './command.ts';

const USAGE = `Usage:
  tifli keys generate [--id ID]   print a new master key line for MASTER_KEYS
  tifli keys rotate [--batch N]   re-wrap data keys under MASTER_KEY_ACTIVE (default batch ${DEFAULT_ROTATION_BATCH})
  tifli keys status               data keys per master key id
`;

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const out = (s: string) => process.stdout.write(`${s}\n`);
const err = (s: string) => process.stderr.write(`${s}\n`);

/** Thrown for bad arguments: printed with the usage, exit 64 (EX_USAGE). */
class UsageError extends Error {}

function parse<O extends Record<string, { type: 'string' }>>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

function generate(args: readonly string[]): number {
  const values = parse(args, { id: { type: 'string' } });
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  const id = values.id ?? `k${day}${randomBytes(2).toString('hex')}`;
  if (!KEY_ID.test(id)) {
    err('tifli keys generate: --id must be 1 to 32 letters, digits, "_" or "-"');
    return 64;
  }
  out(`${id}:${randomBytes(32).toString('base64')}`);
  err(
    [
      '',
      `Above (stdout) is a new master key "${id}": 32 random bytes. Keep it in your secret store, never in git or a ticket.`,
      'To start using it:',
      `  1. Append it to MASTER_KEYS, keeping the current keys: MASTER_KEYS="<current keys>,${id}:<key>"`,
      `  2. Set MASTER_KEY_ACTIVE=${id} (when unset, the last key in MASTER_KEYS is active) and restart every process.`,
      '  3. Run `npx tifli keys rotate` to re-wrap the existing data keys under it.',
      '  4. When `npx tifli keys status` lists the old key as safe to remove, remove it from MASTER_KEYS.',
      'Backups taken before the rotation need the old key to restore sensitive data; destroying the old key once',
      'those backups have expired is what makes erasures final in them.',
    ].join('\n'),
  );
  return 0;
}

/** Names what was checked, so the advice is never broader than the sources registered for rotation. */
const retirable = (ids: readonly string[]) =>
  `${ids.join(', ')} no longer seal(s) anything in: ${SEALED_VALUE_SOURCES.map((src) => src.name).join(', ')}. Safe to remove from MASTER_KEYS: ${ids.join(', ')}.`;

async function openContext() {
  const config = loadConfigFromEnvironment();
  // Progress goes to stdout; keep routine log lines out of the way on stderr.
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
  return boot(config, { log });
}

async function rotate(args: readonly string[]): Promise<number> {
  const values = parse(args, { batch: { type: 'string' } });
  const batchSize = values.batch === undefined ? DEFAULT_ROTATION_BATCH : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_ROTATION_BATCH) {
    err(`tifli keys rotate: --batch must be a whole number from 1 to ${MAX_ROTATION_BATCH}`);
    return 64;
  }
  const ctx = await openContext();
  try {
    out(`Re-wrapping under master key "${ctx.keys.active.id}" (configured: ${ctx.keys.ids.join(', ')}), ${batchSize} per batch.`);
    const report = await rotateMasterKey(ctx, {
      batchSize,
      actor: { kind: 'system', process: 'cli:keys rotate' },
      onBatch: (p) => void out(`  ${p.source}: batch ${p.batch}, ${p.rewrapped} re-wrapped (${p.totalRewrapped} so far)`),
    });
    out(`Re-wrapped ${report.rewrapped} in ${report.batches} batch(es); ${report.remaining} still under another key.`);
    if (report.missingKeyIds.length) {
      err(`Values are sealed under master key(s) missing from MASTER_KEYS: ${report.missingKeyIds.join(', ')}. They cannot be read or re-wrapped: put those keys back in MASTER_KEYS and run again. Do not discard them.`);
    }
    if (report.unreadable > report.missingKeyIds.length && report.unreadable > 0) {
      err(`${report.unreadable} value(s) could not be opened; the log lists their ids.`);
    }
    if (!report.complete) {
      err('Rotation is NOT complete: keep every current key in MASTER_KEYS. Make sure every process runs with the new MASTER_KEY_ACTIVE, then run `npx tifli keys rotate` again.');
      return 1;
    }
    out(`Rotation complete: every sealed value is under "${report.activeKeyId}".`);
    if (report.retirableKeyIds.length) out(retirable(report.retirableKeyIds));
    return 0;
  } finally {
    await ctx.close();
  }
}

async function status(args: readonly string[]): Promise<number> {
  parse(args, {});
  const ctx = await openContext();
  try {
    const s = await masterKeyStatus(ctx);
    out(`Active master key: ${s.activeKeyId}${ctx.keys.development ? ' (development key from DATA_DIR/secrets)' : ''}; configured: ${s.configuredKeyIds.join(', ')}`);
    for (const source of s.sources) {
      out(`${source.name}:`);
      if (source.byMasterKey.length === 0) out('  (none live)');
      for (const u of source.byMasterKey) {
        const note = u.active ? 'active' : u.configured ? 'configured, not active' : 'MISSING from MASTER_KEYS';
        out(`  ${u.masterKeyId.padEnd(32)} ${String(u.count).padStart(9)}  ${note}`);
      }
    }
    out(`destroyed data keys: ${s.destroyedDataKeys}`);
    if (s.notUnderActive > 0) out(`${s.notUnderActive} value(s) are not under the active key: run \`npx tifli keys rotate\`.`);
    if (s.retirableKeyIds.length) out(retirable(s.retirableKeyIds));
    if (s.missingKeyIds.length) {
      err(`Master key(s) missing from MASTER_KEYS still seal values: ${s.missingKeyIds.join(', ')}. Put them back.`);
      return 1;
    }
    return 0;
  } finally {
    await ctx.close();
  }
}

export const keysCommand: CliCommand = {
  summary: 'master keys: generate, rotate (re-wrap data keys), status',
  async run(args) {
    const [sub, ...rest] = args;
    try {
      switch (sub) {
        case 'generate':
          return generate(rest);
        case 'rotate':
          return await rotate(rest);
        case 'status':
          return await status(rest);
        case 'help':
        case '--help':
          process.stdout.write(USAGE);
          return 0;
        case undefined:
          process.stderr.write(USAGE);
          return 64;
        default:
          process.stderr.write(`tifli keys: unknown subcommand "${sub}"\n\n${USAGE}`);
          return 64;
      }
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      err(`tifli keys ${sub ?? ''}: ${e.message}\n\n${USAGE}`);
      return 64;
    }
  },
};
