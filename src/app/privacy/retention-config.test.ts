import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../config/config.ts';

test('retention periods: 12 and 6 months by default, configurable, bad values named', () => {
  assert.deepEqual(loadConfig({}).retention, { restrictedMonths: 12, tipsMonths: 6 });
  assert.deepEqual(loadConfig({ RETENTION_RESTRICTED_MONTHS: '24', RETENTION_TIPS_MONTHS: '3' }).retention, { restrictedMonths: 24, tipsMonths: 3 });
  for (const [name, value] of [['RETENTION_RESTRICTED_MONTHS', '0'], ['RETENTION_TIPS_MONTHS', 'six'], ['RETENTION_RESTRICTED_MONTHS', '121']] as const) {
    assert.throws(() => loadConfig({ [name]: value }), (e: unknown) => e instanceof ConfigError && e.problems.some((p) => p.startsWith(`${name}:`)), `${name}=${value}`);
  }
});
