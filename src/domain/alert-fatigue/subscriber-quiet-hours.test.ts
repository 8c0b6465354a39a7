import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subscriberQuietUntil } from './subscriber-quiet-hours.ts';

const quiet = { start: '23:00', end: '06:30' };

test("a normal or high alert at 01:00 Moroccan time waits for the end of the subscriber's quiet hours", () => {
  // The offset comes from the time-zone database (Morocco's has changed over the years), so the check is in local time.
  const local = (d: Date | null) => d?.toLocaleString('en-GB', { timeZone: 'Africa/Casablanca', hour: '2-digit', minute: '2-digit', day: '2-digit' });
  const now = new Date('2026-11-23T00:30:00Z');
  assert.match(local(now) ?? '', /23.*0[01]:30/);
  for (const tier of ['normal', 'high'] as const) assert.equal(local(subscriberQuietUntil(now, quiet, tier)), '23, 06:30');
});

test('a critical alert, a time outside the quiet hours, or no quiet hours push at once', () => {
  assert.equal(subscriberQuietUntil(new Date('2026-11-23T00:00:00Z'), quiet, 'critical'), null);
  assert.equal(subscriberQuietUntil(new Date('2026-11-23T12:00:00Z'), quiet, 'normal'), null);
  assert.equal(subscriberQuietUntil(new Date('2026-11-23T00:00:00Z'), null, 'normal'), null);
});
