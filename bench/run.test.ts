import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REQUIRED = ['name', 'value', 'unit', 'peer', 'baseline', 'ratio', 'target', 'met'] as const;

function bench(...args: string[]) {
  return spawnSync(process.execPath, ['bench/run.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
}

test('`bench --quick --only startup` prints only JSON figure lines, each with the documented keys and ratio = value / baseline', () => {
  const r = bench('--quick', '--only', 'startup');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => l.length > 0);
  assert.ok(lines.length >= 1, 'at least one figure');
  const names: string[] = [];
  for (const line of lines) {
    const figure = JSON.parse(line) as Record<string, unknown>;
    for (const key of REQUIRED) assert.ok(key in figure, `${line} has "${key}"`);
    const { name, value, baseline, ratio, target, met } = figure;
    assert.equal(typeof name, 'string');
    names.push(String(name));
    assert.ok(value === null || typeof value === 'number');
    if (typeof value === 'number' && typeof baseline === 'number' && baseline !== 0) {
      assert.equal(typeof ratio, 'number', line);
      assert.ok(Math.abs(Number(ratio) - value / baseline) <= 1e-3 * Math.abs(value / baseline), `${line}: ratio is value / baseline`);
    } else {
      assert.equal(ratio, null, line);
    }
    assert.ok(target === null || typeof target === 'string');
    assert.ok(met === null || typeof met === 'boolean');
    if (target !== null && value !== null) assert.equal(typeof met, 'boolean', `${line}: a measured figure with a target says whether it was met`);
  }
  assert.ok(names.includes('startup.embedded.first'), names.join(', '));
  const first = JSON.parse(lines.find((l) => l.includes('"startup.embedded.first"')) ?? '{}') as Record<string, unknown>;
  assert.equal(first.unit, 's');
  assert.equal(first.target, '< 10 s');
  assert.ok(typeof first.value === 'number' && first.value > 0);
  assert.ok(typeof first.peer === 'string' && first.peer.includes('Fastify'));
  assert.match(r.stderr, /startup: seconds from spawning/, 'the module describes itself on stderr');
});

test('a typo in --only or an unknown flag is a usage error (64) with nothing on stdout', () => {
  for (const args of [['--only', 'no-such-figure'], ['--fast']]) {
    const r = bench(...args);
    assert.equal(r.status, 64, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Usage: npm run bench/);
  }
});
