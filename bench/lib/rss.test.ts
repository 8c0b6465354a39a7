import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatusBytes, readPeakRssBytes, readTreeRssBytes, toMegabytes } from './rss.ts';

test('VmRSS and VmHWM are read from a /proc status text in bytes', () => {
  const status = 'Name:\tnode\nVmPeak:\t  900000 kB\nVmHWM:\t  815000 kB\nVmRSS:\t  747052 kB\nRssAnon:\t  1 kB\n';
  assert.equal(parseStatusBytes(status, 'VmRSS'), 747052 * 1024);
  assert.equal(parseStatusBytes(status, 'VmHWM'), 815000 * 1024);
  assert.throws(() => parseStatusBytes('Name:\tzombie\n', 'VmRSS'), /VmRSS/);
});

test('the RSS of this very process is plausible and close to what Node reports', async () => {
  const measured = await readTreeRssBytes(process.pid);
  const reported = process.memoryUsage.rss();
  assert.ok(measured > 10e6, `${toMegabytes(measured)} MB`);
  assert.ok(Math.abs(measured - reported) / reported < 0.5);
  assert.ok((await readPeakRssBytes(process.pid)) >= measured * 0.9);
});
