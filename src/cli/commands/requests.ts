/**
 * `tifli requests`: a family's requests under Law 09-08, carried out on behalf of a staff member (`--as`:
 * the DPO or an officer of the case's jurisdiction; their role decides and the audit names them).
 *   access --case ID|REF --as USER --purpose TEXT [--lang fr|ar] [--format md|json]
 *       everything held about the child and the guardian, on stdout
 *   rectify --case ID|REF --as USER --field PATH --value JSON [--field … --value …] --reason TEXT
 *           [--requested-by guardian|child|officer] [--version N]
 *       correct fields, each with its history (old and new value, who, when, why)
 *   history --case ID|REF --as USER --purpose TEXT
 *       the case's rectifications
 *
 * @example
 *   npx tifli requests access --case TM-2026-000123 --as dpo.national --purpose "Courrier du père du 20/11/2026" --lang ar
 *   npx tifli requests rectify --case TM-2026-000123 --as dpo.national --field child.birthDate --value '"2017-05-21"' --reason "Extrait d'acte de naissance fourni"
 */
import { accessExport } from '../../app/privacy/access-export.ts';
import { REQUESTERS, type Requester, caseRectifications, rectifyCase } from '../../app/privacy/rectify-case.ts';
import { renderAccessExportMarkdown } from '../../domain/privacy/access-export.ts';
import { isRegisterLanguage } from '../../domain/privacy/data-categories.ts';
import { findCase } from '../../store/repositories/cases.repository.ts';
import type { CliCommand } from './command.ts';
import { UsageError, caseIdOf, openContext, out, parse, staffActor, withUsage } from './privacy-cli.ts';

const USAGE = `Usage:
  tifli requests access --case ID|REF --as USERNAME --purpose TEXT [--lang fr|ar] [--format md|json]
  tifli requests rectify --case ID|REF --as USERNAME --field PATH --value JSON [--field PATH --value JSON]... --reason TEXT
                         [--requested-by guardian|child|officer] [--version N]
  tifli requests history --case ID|REF --as USERNAME --purpose TEXT
`;

async function access(args: readonly string[]): Promise<number> {
  const v = parse(args, { case: { type: 'string' }, as: { type: 'string' }, purpose: { type: 'string' }, lang: { type: 'string' }, format: { type: 'string' } });
  const lang = v.lang ?? 'fr';
  const format = v.format ?? 'md';
  if (!isRegisterLanguage(lang)) throw new UsageError('--lang must be fr or ar');
  if (format !== 'md' && format !== 'json') throw new UsageError('--format must be md or json');
  if (!v.purpose) throw new UsageError('--purpose is required (the request being answered)');
  const ctx = await openContext();
  try {
    const x = await accessExport(ctx, await staffActor(ctx, v.as), await caseIdOf(ctx, v.case), v.purpose);
    process.stdout.write(format === 'json' ? `${JSON.stringify(x, null, 2)}\n` : renderAccessExportMarkdown(x, lang));
    return 0;
  } finally {
    await ctx.close();
  }
}

function parseValue(raw: string, i: number): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new UsageError(`--value #${i + 1} must be JSON (a string in quotes, a number, true/false, null or a list)`);
  }
}

async function rectify(args: readonly string[]): Promise<number> {
  const v = parse(args, {
    case: { type: 'string' },
    as: { type: 'string' },
    field: { type: 'string', multiple: true },
    value: { type: 'string', multiple: true },
    reason: { type: 'string' },
    'requested-by': { type: 'string' },
    version: { type: 'string' },
  });
  const fields = v.field ?? [];
  const values = v.value ?? [];
  if (fields.length === 0 || fields.length !== values.length) throw new UsageError('give each --field its --value');
  if (!v.reason) throw new UsageError('--reason is required');
  const requestedBy = v['requested-by'] ?? 'guardian';
  if (!(REQUESTERS as readonly string[]).includes(requestedBy)) throw new UsageError(`--requested-by must be one of ${REQUESTERS.join(', ')}`);
  const changes = fields.map((path, i) => ({ path, value: parseValue(values[i] ?? '', i) }));
  const ctx = await openContext();
  try {
    const actor = await staffActor(ctx, v.as);
    const caseId = await caseIdOf(ctx, v.case);
    const version = v.version === undefined ? (await findCase(ctx.store.db, caseId))?.version : Number(v.version);
    if (version === undefined || !Number.isInteger(version) || version < 1) throw new UsageError('--version must be the case version the request was checked against');
    const done = await rectifyCase(ctx, actor, caseId, { changes, reason: v.reason, requestedBy: requestedBy as Requester, expectedVersion: version });
    for (const r of done) out(`${r.id}  ${r.path}: ${JSON.stringify(r.oldValue)} -> ${JSON.stringify(r.newValue)}`);
    out(`Rectified ${done.length} field(s); the case is now at version ${done[0]?.caseVersion ?? version}.`);
    return 0;
  } finally {
    await ctx.close();
  }
}

async function history(args: readonly string[]): Promise<number> {
  const v = parse(args, { case: { type: 'string' }, as: { type: 'string' }, purpose: { type: 'string' } });
  const ctx = await openContext();
  try {
    const rows = await caseRectifications(ctx, await staffActor(ctx, v.as), await caseIdOf(ctx, v.case), v.purpose);
    for (const r of rows) {
      out(`${r.at}  ${r.path}: ${JSON.stringify(r.oldValue)} -> ${JSON.stringify(r.newValue)}  (${r.requestedBy}; by ${r.performedBy}; version ${r.caseVersion})${r.purged ? ' [values purged]' : ''}`);
      if (r.reason) out(`    reason: ${r.reason}`);
    }
    out(`${rows.length} rectification(s).`);
    return 0;
  } finally {
    await ctx.close();
  }
}

export const requestsCommand: CliCommand = {
  summary: "a family's access and rectification requests (Law 09-08), carried out as a staff member",
  run: (args) =>
    withUsage('requests', USAGE, async () => {
      const [sub, ...rest] = args;
      switch (sub) {
        case 'access':
          return access(rest);
        case 'rectify':
          return rectify(rest);
        case 'history':
          return history(rest);
        case undefined:
          throw new UsageError('missing subcommand');
        default:
          throw new UsageError(`unknown subcommand "${sub}"`);
      }
    }),
};
