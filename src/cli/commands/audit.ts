/**
 * `tifli audit verify [--checkpoint <seq>:<hash>]…`: checks the audit log's hash chain and anchor;
 * exits 0 when intact, 2 naming the first broken entry. Keep the printed "last hash" somewhere outside
 * the database and pass it back as a checkpoint later: that also catches a rewrite of the whole log.
 * `tifli audit tail [-n 20]`: prints the newest entries (ids and field names only, by design).
 *
 * @example
 *   npx tifli audit verify
 *   npx tifli audit verify --checkpoint 1042:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 *   npx tifli audit tail -n 50
 */
import { loadConfigFromEnvironment } from '../../config/config.ts';
import type { ChainBreak, ChainPoint, ChainedAuditEntry } from '../../domain/audit/audit-chain.ts';
import { recentAuditEntries } from '../../app/audit/list-audit.ts';
import { type AuditVerification, verifyAudit } from '../../app/audit/verify-audit.ts';
import { type Database, openDatabase } from '../../store/database.ts';
import type { CliCommand } from './command.ts';

export const EXIT_BROKEN = 2;
const EXIT_USAGE = 64;

const USAGE = 'Usage: tifli audit verify [--checkpoint <seq>:<hash>]…\n       tifli audit tail [-n <count>]\n';

export type AuditInvocation = { readonly sub: 'verify'; readonly checkpoints: readonly ChainPoint[] } | { readonly sub: 'tail'; readonly count: number };

/** Parses the arguments after `audit`; a string is a usage error to print. */
export function parseAuditArgs(args: readonly string[]): AuditInvocation | string {
  const [sub, ...rest] = args;
  if (sub === undefined) return 'missing subcommand';
  switch (sub) {
    case 'verify': {
      const checkpoints: ChainPoint[] = [];
      for (let i = 0; i < rest.length; i += 1) {
        const arg = rest[i] ?? '';
        const value = arg === '--checkpoint' ? rest[++i] : arg.startsWith('--checkpoint=') ? arg.slice('--checkpoint='.length) : undefined;
        if (arg !== '--checkpoint' && value === undefined) return `unknown option "${arg}"`;
        const m = /^(\d{1,19}):([0-9a-f]{64})$/.exec(value ?? '');
        if (!m?.[1] || !m[2] || BigInt(m[1]) === 0n) return '--checkpoint needs <seq>:<hash> (a positive seq and a 64-character hex hash)';
        checkpoints.push({ seq: BigInt(m[1]).toString(), hash: m[2] });
      }
      return { sub: 'verify', checkpoints };
    }
    case 'tail': {
      let count = 20;
      for (let i = 0; i < rest.length; i += 1) {
        const arg = rest[i] ?? '';
        const value = arg === '-n' ? rest[++i] : arg.startsWith('-n') ? arg.slice(2).replace(/^=/, '') : undefined;
        if (value === undefined && arg !== '-n') return `unknown option "${arg}"`;
        if (!/^\d{1,5}$/.test(value ?? '') || Number(value) < 1 || Number(value) > 10_000) return '-n needs a count from 1 to 10000';
        count = Number(value);
      }
      return { sub: 'tail', count };
    }
    default:
      return `unknown subcommand "${sub}"`;
  }
}

function describeBreak(b: ChainBreak): string {
  switch (b.kind) {
    case 'modified':
      return 'modified';
    case 'missing_or_reordered':
      return b.expectedSeq ? `missing or reordered: expected seq=${b.expectedSeq} here` : 'missing or reordered';
    case 'wrong_link':
      return 'wrong link';
    case 'tail_removed':
      return `tail removed: entries seq=${b.seq}…${b.expectedSeq ?? '?'} are gone`;
    case 'anchor_mismatch':
      return 'does not match the anchor: the log was rewritten up to here';
    case 'unanchored':
      return 'not anchored: written outside the audit writer';
    case 'checkpoint_mismatch':
      return 'does not match the checkpoint: the log was rewritten up to here';
  }
}

/** The verification report as printed. */
export function formatVerification(v: AuditVerification): string {
  if (!v.firstBreak) return `Audit log intact: ${v.entries} entries, last hash ${v.last.hash} (seq ${v.last.seq})\n`;
  const b = v.firstBreak;
  return `Audit log BROKEN at entry seq=${b.seq} id=${b.id ?? '(removed)'} (${describeBreak(b)})\n${v.entries} entries before it are intact (last intact seq ${v.last.seq}).\n`;
}

function formatEntry(e: ChainedAuditEntry): string {
  const actor = `${e.actorType}${e.actorId ? `:${e.actorId}` : ''}${e.actorRole ? ` ${e.actorRole}` : ''}${e.actorJurisdiction ? `@${e.actorJurisdiction}` : ''}`;
  const object = `${e.objectType}${e.objectId ? `:${e.objectId}` : ''}`;
  const purpose = e.purpose ? `  purpose=${JSON.stringify(e.purpose)}` : '';
  const details = Object.keys(e.details).length ? `  ${JSON.stringify(e.details)}` : '';
  return `#${e.seq}  ${e.at.toISOString()}  ${actor}  ${e.action}  ${object}${purpose}${details}`;
}

/** Runs a parsed invocation against an open database; `write` receives the output. Returns the exit code. */
export async function runAudit(invocation: AuditInvocation, store: Pick<Database, 'db'>, write: (text: string) => void): Promise<number> {
  switch (invocation.sub) {
    case 'verify': {
      const result = await verifyAudit({ store }, { checkpoints: invocation.checkpoints });
      write(formatVerification(result));
      return result.ok ? 0 : EXIT_BROKEN;
    }
    case 'tail': {
      const entries = await recentAuditEntries({ store }, invocation.count);
      write(entries.length ? `${entries.map(formatEntry).join('\n')}\n` : 'The audit log is empty.\n');
      return 0;
    }
  }
}

export const auditCommand: CliCommand = {
  summary: 'verify the audit log (audit verify) or show its newest entries (audit tail -n 20)',
  async run(args) {
    const invocation = parseAuditArgs(args);
    if (typeof invocation === 'string') {
      process.stderr.write(`tifli audit: ${invocation}\n${USAGE}`);
      return EXIT_USAGE;
    }
    const config = loadConfigFromEnvironment();
    // No migration here: verification reads the database as it is and changes nothing.
    const store = await openDatabase(config.database);
    try {
      return await runAudit(invocation, store, (text) => process.stdout.write(text));
    } finally {
      await store.close();
    }
  },
};
