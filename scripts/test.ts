/**
 * `npm test`: every *.test.ts under src/ and test/ with Node's test runner. Integration tests run on
 * PGlite by default; with DATABASE_URL set they run on that PostgreSQL server instead (each test file
 * creates and drops its own database there). `--unit` runs only the tests beside the code (src/, bench/),
 * not the integration, crash and browser suites of test/.
 *
 * The crash tests (test/crash/) start clusters of servers and workers and kill them; they run after
 * the rest, one file at a time. Beside a browser test on two cores they starve each other, and what
 * they then prove is the machine's load, not the platform.
 */
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const patterns = args.includes('--unit') ? ['src/**/*.test.ts', 'bench/**/*.test.ts'] : ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'];
const files = only.length ? only : globSync(patterns).sort();
const mode = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const isCrash = (f: string) => f.replaceAll('\\', '/').startsWith('test/crash/');
const passes = [
  { name: 'tests', files: files.filter((f) => !isCrash(f)), concurrency: process.env.TEST_CONCURRENCY ?? '2' },
  { name: 'crash tests, one file at a time', files: files.filter(isCrash), concurrency: '1' },
].filter((p) => p.files.length > 0);

let failed = false;
for (const pass of passes) {
  process.stdout.write(`Running ${pass.files.length} files (${pass.name}) on ${mode}\n`);
  const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', `--test-concurrency=${pass.concurrency}`, '--test-timeout=300000', ...pass.files], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', TIFLI_TEST_DB: mode },
  });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
