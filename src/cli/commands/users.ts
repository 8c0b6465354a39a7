/**
 * `tifli users <subcommand>`: staff accounts from the operator's shell, audited as `cli:users`.
 *
 *   create --username U --role R --jurisdiction CODE --display-name "N" [--locale ar|fr]
 *                      creates the account and prints its one-time invitation link
 *   list [--role R] [--jurisdiction CODE] [--limit N]
 *   disable <username>     disables the account and ends its sessions
 *   reset-2fa <username>   removes the TOTP second factor (enrolled again at next sign-in)
 *   invite <username>      a new invitation link for an account that has not set its password
 *   invite-admin [--force] a first-administrator enrolment link (only when no administrator can
 *                      sign in, unless --force)
 *
 * Exit codes: 0 done, 64 usage error, 65 refused (unknown user, invalid value, conflict).
 *
 * @example
 *   npx tifli users create --username a.tazi --role officer --jurisdiction MA-CAS --display-name "A. Tazi"
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { loadConfigFromEnvironment } from '../../config/config.ts';
import { boot } from '../../app/bootstrap.ts';
import type { AppContext } from '../../app/context.ts';
import { systemActor } from '../../app/accounts/actors.ts';
import { createFirstAdminEnrolment, type EnrolmentLink } from '../../app/accounts/enrolments.ts';
import { createUser, disableUser, listUsers, reinviteUser, resetSecondFactor, userByUsername } from '../../app/accounts/users.ts';
import { isRole, ROLES } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { presentUser } from '../../http/presenters/user.presenter.ts';
import type { CliCommand } from './command.ts';

export const EXIT_USAGE = 64;
export const EXIT_REFUSED = 65;

const ACTOR = systemActor('cli:users');

export const USERS_USAGE = `Usage: tifli users create --username U --role R --jurisdiction CODE --display-name "N" [--locale ar|fr]
       tifli users list [--role R] [--jurisdiction CODE] [--limit N]
       tifli users disable <username>
       tifli users reset-2fa <username>
       tifli users invite <username>
       tifli users invite-admin [--force]
Roles: ${ROLES.join(', ')}
`;

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

class UsageError extends Error {}

function parse<O extends ParseArgsOptionsConfig>(args: readonly string[], options: O, positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: positionals > 0, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (parsed.positionals.length !== positionals) throw new UsageError(positionals ? `expected ${positionals} argument(s)` : 'unexpected argument');
  return parsed;
}

const str = (v: unknown, name: string): string => {
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`--${name} is required`);
  return v;
};

const linkLines = (link: EnrolmentLink, what: string): string =>
  `${what} (valid until ${link.expiresAt.toISOString()}, one use):\n  ${link.url}\n` + `Give it to that person only. Enrolment code, if they type it in: ${link.token}\n`;

async function execute(ctx: AppContext, sub: string, rest: readonly string[], io: CliOutput): Promise<number> {
  switch (sub) {
    case 'create': {
      const { values } = parse(rest, { username: { type: 'string' }, role: { type: 'string' }, jurisdiction: { type: 'string' }, 'display-name': { type: 'string' }, locale: { type: 'string' } }, 0);
      const role = str(values.role, 'role');
      if (!isRole(role)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`);
      const locale = values.locale;
      if (locale !== undefined && locale !== 'ar' && locale !== 'fr') throw new UsageError('--locale must be ar or fr');
      const { user, enrolment } = await createUser(ctx, ACTOR, { username: str(values.username, 'username'), displayName: str(values['display-name'], 'display-name'), role, jurisdiction: str(values.jurisdiction, 'jurisdiction'), locale });
      io.out(`Created ${user.username} (${user.role}, ${user.jurisdiction_code}), id ${user.id}.\n`);
      io.out(linkLines(enrolment, 'Invitation link to set the password'));
      return 0;
    }
    case 'list': {
      const { values } = parse(rest, { role: { type: 'string' }, jurisdiction: { type: 'string' }, limit: { type: 'string' } }, 0);
      const role = values.role;
      if (role !== undefined && (typeof role !== 'string' || !isRole(role))) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`);
      const limit = values.limit === undefined ? 200 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError('--limit must be a whole number from 1 to 10000');
      const jurisdiction = typeof values.jurisdiction === 'string' ? values.jurisdiction : undefined;
      const { rows, total } = await listUsers(ctx, ACTOR, { role, jurisdiction, limit, offset: 0 });
      const now = ctx.clock.now();
      const lines = rows.map((r) => presentUser(r, now)).map((u) => [u.username, u.role, u.jurisdiction, u.status, u.secondFactor].join('\t'));
      io.out(['username\trole\tjurisdiction\tstatus\tsecond factor', ...lines].join('\n') + '\n');
      io.out(`${rows.length} of ${total} account(s).\n`);
      return 0;
    }
    case 'disable': {
      const { positionals } = parse(rest, {}, 1);
      const user = await userByUsername(ctx, positionals[0] ?? '');
      await disableUser(ctx, ACTOR, user.id);
      io.out(`Disabled ${user.username}; their sessions have ended.\n`);
      return 0;
    }
    case 'reset-2fa': {
      const { positionals } = parse(rest, {}, 1);
      const user = await userByUsername(ctx, positionals[0] ?? '');
      await resetSecondFactor(ctx, ACTOR, user.id);
      io.out(`Second factor removed for ${user.username}; they set up a new one at their next sign-in.\n`);
      return 0;
    }
    case 'invite': {
      const { positionals } = parse(rest, {}, 1);
      const user = await userByUsername(ctx, positionals[0] ?? '');
      io.out(linkLines(await reinviteUser(ctx, ACTOR, user.id), `New invitation link for ${user.username}`));
      return 0;
    }
    case 'invite-admin': {
      const { values } = parse(rest, { force: { type: 'boolean' } }, 0);
      const link = await createFirstAdminEnrolment(ctx, ACTOR, { force: values.force === true });
      if (!link) {
        io.err('An administrator account already exists. Use --force to issue a first-administrator link anyway.\n');
        return EXIT_REFUSED;
      }
      io.out(linkLines(link, 'First-administrator enrolment link'));
      return 0;
    }
    default:
      throw new UsageError(`unknown subcommand "${sub}"`);
  }
}

/** Runs `tifli users <args>` against an open context; returns the exit code. */
export async function runUsers(ctx: AppContext, args: readonly string[], io: CliOutput): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === undefined || sub === 'help' || sub === '--help') {
      io.out(USERS_USAGE);
      return sub === undefined ? EXIT_USAGE : 0;
    }
    return await execute(ctx, sub, rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`tifli users: ${err.message}\n\n${USERS_USAGE}`);
      return EXIT_USAGE;
    }
    if (err instanceof AppError && err.status < 500) {
      const fields = err.errors.map((e) => `  ${e.field}: ${e.message}\n`).join('');
      io.err(`tifli users: ${err.message}\n${fields}`);
      return EXIT_REFUSED;
    }
    throw err;
  }
}

export const usersCommand: CliCommand = {
  summary: 'create, list, disable staff accounts; reset a second factor; first-administrator link',
  async run(args) {
    const ctx = await boot(loadConfigFromEnvironment());
    try {
      return await runUsers(ctx, args, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
    } finally {
      await ctx.close();
    }
  },
};
