import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastConfirmedSighting, type Sighting } from './last-sighting.ts';

const sighting = (iso: string, origin: Sighting['origin']): Sighting => ({ at: new Date(iso), point: { lat: 33.5, lon: -7.6 }, uncertaintyMinutes: 0, origin });

test('the latest confirmed sighting wins; the case record wins a tie and stands alone', () => {
  const lastSeen = sighting('2026-11-22T09:00:00Z', { kind: 'case_last_seen' });
  const later = sighting('2026-11-22T11:00:00Z', { kind: 'credible_tip', tipId: 't2' });
  const earlier = sighting('2026-11-22T08:00:00Z', { kind: 'credible_tip', tipId: 't0' });
  const tie = sighting('2026-11-22T09:00:00Z', { kind: 'credible_tip', tipId: 't1' });
  assert.deepEqual(lastConfirmedSighting(lastSeen, [earlier, later, tie]).origin, { kind: 'credible_tip', tipId: 't2' });
  assert.deepEqual(lastConfirmedSighting(lastSeen, [earlier, tie]).origin, { kind: 'case_last_seen' });
  assert.equal(lastConfirmedSighting(lastSeen, []), lastSeen);
});
