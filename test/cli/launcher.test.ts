/**
 * The launcher (bin/tifli.js) replaces itself once, keeping its pid, with the allocator settings glibc
 * and jemalloc read only at start, and gives `tifli worker` its heap ceiling. A probe loaded through
 * NODE_OPTIONS reports what each stage of the process sees, and stops it once it has been replaced.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const JEMALLOC_PATHS = ['/usr/lib/x86_64-linux-gnu/libjemalloc.so.2', '/usr/lib/aarch64-linux-gnu/libjemalloc.so.2', '/usr/lib64/libjemalloc.so.2', '/usr/lib/libjemalloc.so.2'];
const haveJemalloc = JEMALLOC_PATHS.some((p) => existsSync(p));

const PROBE = [
  "import { readFileSync } from 'node:fs';",
  "import { getHeapStatistics } from 'node:v8';",
  'const e = process.env;',
  // The flag's name is split: NODE_OPTIONS holding it whole would read as a ceiling already chosen.
  "const replaced = Boolean(e.LD_PRELOAD || e.MALLOC_ARENA_MAX || process.execArgv.some((a) => a.startsWith('--max-old-' + 'space-size')));",
  "process.stdout.write(JSON.stringify({ pid: process.pid, replaced, preload: e.LD_PRELOAD ?? null, arenas: e.MALLOC_ARENA_MAX ?? null, jemallocMapped: readFileSync('/proc/self/maps', 'utf8').includes('libjemalloc'), heapMb: Math.round(getHeapStatistics().heap_size_limit / 1048576) }) + '\\n');",
  'if (replaced) process.exit(0);',
].join('\n');

interface Stage {
  readonly pid: number;
  readonly replaced: boolean;
  readonly preload: string | null;
  readonly arenas: string | null;
  readonly jemallocMapped: boolean;
  readonly heapMb: number;
}

function launch(args: readonly string[], env: Record<string, string> = {}, nodeOptions = ''): Stage[] {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['LD_PRELOAD', 'MALLOC_ARENA_MAX', 'MALLOC_CONF', 'TIFLI_ALLOCATOR', 'NODE_OPTIONS'].includes(k)));
  const run = spawnSync(process.execPath, ['bin/tifli.js', ...args], {
    env: { ...base, ...env, NODE_OPTIONS: `${nodeOptions} --import=data:text/javascript,${encodeURIComponent(PROBE)}`.trim() },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Stage);
}

const linuxOnly = process.platform === 'linux' ? false : 'the allocator settings are for Linux';

test('jemalloc replaces glibc’s malloc where the system has it; the process keeps its pid', { skip: linuxOnly || (haveJemalloc ? false : 'libjemalloc2 is not installed') }, () => {
  const [first, last] = launch(['help']);
  assert.ok(first && last, 'the launcher replaced itself once');
  assert.equal(last.pid, first.pid, 'same pid: signals and supervisors still reach it');
  assert.equal(first.jemallocMapped, false);
  assert.ok(last.preload?.endsWith('libjemalloc.so.2'));
  assert.equal(last.jemallocMapped, true, 'jemalloc is loaded in the replaced process');
});

test('TIFLI_ALLOCATOR=glibc keeps glibc, with two arenas', { skip: linuxOnly }, () => {
  const stages = launch(['help'], { TIFLI_ALLOCATOR: 'glibc' });
  const last = stages.at(-1);
  assert.equal(stages.length, 2);
  assert.equal(last?.jemallocMapped, false);
  assert.equal(last?.arenas, '2');
});

test('an LD_PRELOAD and MALLOC_ARENA_MAX already set are left alone: no replacement for them', { skip: linuxOnly }, () => {
  const stages = launch(['help'], { MALLOC_ARENA_MAX: '4', TIFLI_ALLOCATOR: 'glibc' });
  assert.equal(stages.length, 1, 'nothing to change, nothing replaced');
  assert.equal(stages[0]?.arenas, '4');
});

test('a worker gets its 192 MB old space, unless NODE_OPTIONS sets one', { skip: linuxOnly }, () => {
  const worker = launch(['worker', '--help'], { TIFLI_ALLOCATOR: 'glibc' }).at(-1);
  assert.ok(worker && worker.heapMb < 400, `heap limit ${worker?.heapMb} MB`);
  const server = launch(['help'], { TIFLI_ALLOCATOR: 'glibc' }).at(-1);
  assert.ok(server && server.heapMb > 400, `the server keeps V8's default (${server?.heapMb} MB)`);
  const chosen = launch(['worker', '--help'], { TIFLI_ALLOCATOR: 'glibc' }, '--max-old-space-size=512').at(-1);
  assert.ok(chosen && chosen.heapMb >= 512 && chosen.heapMb < 700, `NODE_OPTIONS wins (${chosen?.heapMb} MB)`);
});
