import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { GcTrace } from './gc-trace.ts';

test('reads the heap kept after each full collection, from lines cut anywhere, ignoring scavenges', () => {
  let minute = 0;
  const gc = new GcTrace(() => minute);
  const text = [
    '[1:0x1]      12 ms: Scavenge 4.1 (5.0) -> 3.9 (6.0) MB, pooled: 0 MB, 0.5 / 0.0 ms  (average mu = 1.000) allocation failure;',
    '[1:0x1]      452 ms: Mark-Compact 45.3 (63.5) -> 22.2 (56.0) MB, pooled: 0 MB, 28.25 / 0.00 ms  (average mu = 0.937) finalize incremental marking; GC in old space requested',
    '',
  ].join('\n');
  gc.feed(text.slice(0, 170));
  minute = 1.5;
  gc.feed(text.slice(170));
  gc.feed('[1:0x1]  9000 ms: Mark-Compact (reduce) 80.0 (90.0) -> 61.5 (70.0) MB, pooled: 0 MB, 3 / 0 ms\n');
  assert.deepEqual(gc.fullCollections, [
    { minute: 1.5, afterMb: 22.2 },
    { minute: 1.5, afterMb: 61.5 },
  ]);
  assert.equal(gc.keptAt(0), undefined);
  assert.equal(gc.keptAt(1), 61.5);
});

test("understands this Node's own --trace-gc output", () => {
  const run = spawnSync(process.execPath, ['--trace-gc', '--expose-gc', '-e', 'globalThis.gc()'], { encoding: 'utf8' });
  const gc = new GcTrace(() => 0);
  gc.feed(run.stdout);
  assert.equal(gc.fullCollections.length >= 1, true, run.stdout);
  assert.equal((gc.fullCollections[0]?.afterMb ?? 0) > 0, true);
});
