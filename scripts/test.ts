/**
 * `npm test`: every *.test.ts under src/ and test/ with Node's test runner. Integration tests run on
 * PGlite by default; with DATABASE_URL set they run on that PostgreSQL server instead (each test file
 * creates and drops its own database there). `--unit` skips the browser and database suites' heavier files.
 */
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const files = only.length ? only : globSync(['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts']).sort();
const mode = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
process.stdout.write(`Running ${files.length} test files on ${mode}\n`);

const result = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? '2'}`, '--test-timeout=300000', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', TIFLI_TEST_DB: mode } },
);
process.exitCode = result.status ?? 1;
