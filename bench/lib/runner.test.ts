import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FigureModule } from './figure.ts';
import { below } from './figure.ts';
import { runFigures, selectModules } from './runner.ts';

const options = { quick: true, soak: false, postgresUrl: 'postgres://nowhere/x' };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const fast: FigureModule = {
  name: 'fast-thing',
  description: 'a figure that always works',
  async run(o) {
    o.log('measuring');
    return [{ name: 'fast-thing.a', value: 12, unit: 's', peer: 'peer', baseline: 3, target: below(10, 's') }];
  },
};
const broken: FigureModule = {
  name: 'broken-thing',
  description: 'a figure that crashes',
  async run() {
    throw new Error('boom');
  },
};

test('each figure is one JSON line on out, progress and descriptions go to err, a missed target still exits 0', async () => {
  const c = capture();
  const code = await runFigures([fast], options, c.io);
  assert.equal(code, 0);
  assert.deepEqual(c.out.map((l) => JSON.parse(l) as unknown), [{ name: 'fast-thing.a', value: 12, unit: 's', peer: 'peer', baseline: 3, ratio: 4, target: '< 10 s', met: false }]);
  assert.ok(c.err.some((l) => l.includes('a figure that always works')));
  assert.ok(c.err.some((l) => l.includes('measuring')));
});

test('a crashing module is reported on err, the following modules still run, and the exit code is 1', async () => {
  const c = capture();
  const code = await runFigures([broken, fast], options, c.io);
  assert.equal(code, 1);
  assert.equal(c.out.length, 1);
  assert.ok(c.err.some((l) => l.includes('broken-thing crashed') && l.includes('boom')));
});

test('--only keeps the modules whose name contains any of the substrings', () => {
  assert.deepEqual(selectModules([fast, broken], ['fast']).map((m) => m.name), ['fast-thing']);
  assert.deepEqual(selectModules([fast, broken], ['broken', 'fast']).map((m) => m.name), ['fast-thing', 'broken-thing']);
  assert.deepEqual(selectModules([fast, broken], []).map((m) => m.name), ['fast-thing', 'broken-thing']);
  assert.deepEqual(selectModules([fast, broken], ['nothing']), []);
});
