/**
 * What the privacy commands (`retention`, `register`, `requests`) share: argument parsing with usage
 * errors, a booted context with routine log lines on stderr, and the lookups an operator types — a case
 * by id or public reference, a staff member by username (the person on whose behalf a request is
 * carried out, so the policy and the audit trail apply to them).
 *
 * @example
 *   const values = parse(args, { case: { type: 'string' }, as: { type: 'string' } });
 *   const ctx = await openContext();
 *   const caseId = await caseIdOf(ctx, values.case);
 */
import { parseArgs } from 'node:util';
import { loadConfigFromEnvironment } from '../../config/config.ts';
import { boot, type BootedContext } from '../../app/bootstrap.ts';
import { userActorOf } from '../../app/accounts/actors.ts';
import type { UserActor } from '../../domain/actor.ts';
import { createLogger } from '../../platform/logger.ts';
import { findCase, findCaseByReference } from '../../store/repositories/cases.repository.ts';
import { findUserByUsername } from '../../store/repositories/users.repository.ts';

/** Bad arguments: printed with the usage, exit 64 (EX_USAGE). */
export class UsageError extends Error {}

export const out = (s: string): void => void process.stdout.write(`${s}\n`);
export const err = (s: string): void => void process.stderr.write(`${s}\n`);

type Options = Record<string, { type: 'string'; multiple?: boolean } | { type: 'boolean' }>;

export function parse<O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export async function openContext(): Promise<BootedContext> {
  const config = loadConfigFromEnvironment();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
  return boot(config, { log });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case id from an id or a public reference (e.g. TM-2026-000123). */
export async function caseIdOf(ctx: BootedContext, value: string | undefined): Promise<string> {
  if (!value) throw new UsageError('--case is required (a case id or reference)');
  const row = UUID.test(value) ? await findCase(ctx.store.db, value) : await findCaseByReference(ctx.store.db, value);
  if (!row) throw new UsageError(`no case "${value}"`);
  return row.id;
}

/** The staff member a request is carried out as: their role and jurisdiction decide, and the audit names them. */
export async function staffActor(ctx: BootedContext, username: string | undefined): Promise<UserActor> {
  if (!username) throw new UsageError('--as is required (the username of the staff member carrying out the request)');
  const row = await findUserByUsername(ctx.store.db, username);
  if (!row || row.disabled_at) throw new UsageError(`no active staff account "${username}"`);
  return userActorOf(ctx.store.db, row, null);
}

/** Runs a command body, turning usage errors into exit 64 with the usage text. */
export async function withUsage(command: string, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      err(`tifli ${command}: ${e.message}\n\n${usage}`);
      return 64;
    }
    throw e;
  }
}
