/**
 * `tifli jurisdictions <subcommand>`: the jurisdiction tree from the operator's shell, audited as
 * `cli:jurisdictions`.
 *
 *   list [--under CODE] [--level national|region|province|unit]
 *                      prints code, level, parent and the French, Arabic and Tifinagh names
 *   add-unit --code MA-CAS-U01 [--parent MA-CAS] --name-ar "…" --name-fr "…" [--name-zgh "…"]
 *                      creates a police unit under a prefecture/province
 *
 * Exit codes: 0 done, 64 usage error, 65 refused (invalid value, unknown province, code taken).
 *
 * @example
 *   npx tifli jurisdictions list --under MA-06 --level province
 *   npx tifli jurisdictions add-unit --code MA-CAS-ANFA --name-ar "الدائرة الأمنية أنفا" --name-fr "Arrondissement Anfa"
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { loadConfigFromEnvironment } from '../../config/config.ts';
import { boot } from '../../app/bootstrap.ts';
import type { AppContext } from '../../app/context.ts';
import { systemActor } from '../../app/accounts/actors.ts';
import { createUnit } from '../../app/jurisdictions/create-unit.ts';
import { listJurisdictions } from '../../app/jurisdictions/list-jurisdictions.ts';
import { AppError } from '../../domain/errors.ts';
import type { JurisdictionRow } from '../../store/repositories/jurisdiction-tree.repository.ts';
import type { JurisdictionLevel } from '../../store/schema.ts';
import type { CliCommand } from './command.ts';

export const EXIT_USAGE = 64;
export const EXIT_REFUSED = 65;

const ACTOR = systemActor('cli:jurisdictions');
const LEVELS: readonly JurisdictionLevel[] = ['national', 'region', 'province', 'unit'];

export const JURISDICTIONS_USAGE = `Usage: tifli jurisdictions list [--under CODE] [--level ${LEVELS.join('|')}]
       tifli jurisdictions add-unit --code MA-CAS-U01 [--parent MA-CAS] --name-ar "…" --name-fr "…" [--name-zgh "…"]
`;

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

class UsageError extends Error {}

function parse<O extends ParseArgsOptionsConfig>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: false, strict: true }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

const isLevel = (v: string): v is JurisdictionLevel => (LEVELS as readonly string[]).includes(v);

const line = (r: JurisdictionRow): string => [r.code, r.level, r.parentCode ?? '-', r.nameFr, r.nameAr, r.nameZgh ?? '-'].join('\t');

async function execute(ctx: AppContext, sub: string, rest: readonly string[], io: CliOutput): Promise<number> {
  switch (sub) {
    case 'list': {
      const values = parse(rest, { under: { type: 'string' }, level: { type: 'string' } });
      const level = values.level;
      if (level !== undefined && !isLevel(level)) throw new UsageError(`--level must be one of: ${LEVELS.join(', ')}`);
      const rows = await listJurisdictions(ctx, ACTOR, { under: values.under, level });
      io.out(['code\tlevel\tparent\tname_fr\tname_ar\tname_zgh', ...rows.map(line)].join('\n') + '\n');
      io.out(`${rows.length} jurisdiction(s).\n`);
      return 0;
    }
    case 'add-unit': {
      const values = parse(rest, { code: { type: 'string' }, parent: { type: 'string' }, 'name-ar': { type: 'string' }, 'name-fr': { type: 'string' }, 'name-zgh': { type: 'string' } });
      for (const required of ['code', 'name-ar', 'name-fr'] as const) if (values[required] === undefined) throw new UsageError(`--${required} is required`);
      const row = await createUnit(ctx, ACTOR, { code: values.code ?? '', parentCode: values.parent, nameAr: values['name-ar'] ?? '', nameFr: values['name-fr'] ?? '', nameZgh: values['name-zgh'] });
      io.out(`Created unit ${row.code} under ${row.parentCode ?? '-'}.\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown subcommand "${sub}"`);
  }
}

/** Runs `tifli jurisdictions <args>` against an open context (none needed for help); returns the exit code. */
export async function runJurisdictions(ctx: AppContext | undefined, args: readonly string[], io: CliOutput): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === undefined || sub === 'help' || sub === '--help') {
      io.out(JURISDICTIONS_USAGE);
      return sub === undefined ? EXIT_USAGE : 0;
    }
    if (!ctx) throw new Error('the jurisdictions command needs an open context');
    return await execute(ctx, sub, rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`tifli jurisdictions: ${err.message}\n\n${JURISDICTIONS_USAGE}`);
      return EXIT_USAGE;
    }
    if (err instanceof AppError && err.status < 500) {
      const fields = err.errors.map((e) => `  ${e.field}: ${e.message}\n`).join('');
      io.err(`tifli jurisdictions: ${err.message}\n${fields}`);
      return EXIT_REFUSED;
    }
    throw err;
  }
}

export const jurisdictionsCommand: CliCommand = {
  summary: 'list the jurisdiction tree; add a police unit under a prefecture/province',
  async run(args) {
    const [sub] = args;
    // Help needs no database.
    if (sub === undefined || sub === 'help' || sub === '--help') return runJurisdictions(undefined, args, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
    const ctx = await boot(loadConfigFromEnvironment());
    try {
      return await runJurisdictions(ctx, args, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
    } finally {
      await ctx.close();
    }
  },
};
