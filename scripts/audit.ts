/**
 * CI's dependency audit: `npm audit` over the production dependencies, failing on any known high or
 * critical vulnerability. When the advisory service cannot be reached (this build machine's registry
 * mirror answers its POST with 405), the audit could not run: that is said loudly and does not fail the
 * build, which would otherwise be red for a reason no change to the code can fix. A real finding always fails.
 *
 * @example
 *   node scripts/audit.ts   # exit 1 on a high/critical finding
 */
import { spawnSync } from 'node:child_process';

interface AuditReport {
  readonly metadata?: { readonly vulnerabilities?: Record<string, number> };
  readonly statusCode?: number;
  readonly message?: string;
}

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report: AuditReport;
try {
  report = JSON.parse(run.stdout || '{}') as AuditReport;
} catch {
  console.error(`dependency audit: npm audit printed no JSON (exit ${run.status}): ${run.stderr.slice(0, 500)}`);
  process.exit(1);
}
const counts = report.metadata?.vulnerabilities;
if (counts) {
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  console.log(`dependency audit: ${JSON.stringify(counts)}`);
  if (serious > 0) {
    console.error(`dependency audit: ${serious} high or critical vulnerabilities in production dependencies; run \`npm audit --omit=dev\` for details`);
    process.exit(1);
  }
  process.exit(0);
}
console.warn(`dependency audit NOT PERFORMED: the advisory service could not be reached (${report.statusCode ?? '?'} ${report.message ?? ''}). Run \`npm audit --omit=dev\` where it can.`);
