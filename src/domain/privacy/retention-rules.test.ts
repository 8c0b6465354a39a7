import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  REDACTED_CAP_XML,
  addMonths,
  ageBand,
  closedBefore,
  purgedAlertChain,
  purgedAlertDraft,
  redactedVersion,
  retentionDue,
  statisticKey,
  timeToFindBand,
} from './retention-rules.ts';

const P = { restrictedMonths: 12, tipsMonths: 6 };

test('calendar months, month ends included', () => {
  assert.equal(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString(), '2026-02-28T10:00:00.000Z');
  assert.equal(addMonths(new Date('2026-03-15T00:00:00Z'), 12).toISOString(), '2027-03-15T00:00:00.000Z');
  assert.equal(addMonths(new Date('2026-03-31T00:00:00Z'), -1).toISOString(), '2026-02-28T00:00:00.000Z');
});

test('tips go at their period, the rest at the restricted one; tips never outlive the case', () => {
  const closed = new Date('2026-01-10T12:00:00Z');
  assert.deepEqual(
    [new Date('2026-07-10T11:59:59Z'), new Date('2026-07-10T12:00:00Z'), new Date('2027-01-10T12:00:00Z')].map((now) => {
      const d = retentionDue(closed, now, P);
      return [d.tips, d.purge];
    }),
    [
      [false, false],
      [true, false],
      [true, true],
    ],
  );
  const late = retentionDue(closed, new Date('2027-01-10T12:00:00Z'), { restrictedMonths: 12, tipsMonths: 24 });
  assert.equal(late.tipsAt.toISOString(), late.purgeAt.toISOString());
  // The candidate bounds never leave out a due case.
  const now = new Date('2027-03-31T08:00:00Z');
  const bounds = closedBefore(now, P);
  for (const c of ['2026-03-31T08:00:00Z', '2026-09-30T08:00:00Z', '2026-02-28T23:00:00Z']) {
    const d = retentionDue(new Date(c), now, P);
    if (d.purge) assert.ok(new Date(c) <= bounds.purge, c);
    if (d.tips) assert.ok(new Date(c) <= bounds.tips, c);
  }
});

test('statistics cells are coarse and carry nothing that identifies', () => {
  assert.deepEqual([null, 0, 5, 6, 11, 12, 14, 15, 17, 18, -1].map(ageBand), ['unknown', '0-5', '0-5', '6-11', '6-11', '12-14', '12-14', '15-17', '15-17', 'unknown', 'unknown']);
  const seen = new Date('2026-01-01T00:00:00Z');
  assert.deepEqual([1, 6, 30, 100, 200, 1000].map((h) => timeToFindBand(seen, new Date(seen.getTime() + h * 3_600_000))), ['<6h', '6-24h', '1-3d', '3-7d', '7-30d', '>30d']);
  const key = statisticKey({ closedAt: new Date('2026-05-02T10:00:00Z'), lastSeenAt: new Date('2026-05-01T10:00:00Z'), regionCode: 'MA-04', ageYears: 9, outcome: 'found_safe', withAlert: true });
  assert.deepEqual(key, { closedYear: 2026, regionCode: 'MA-04', ageBand: '6-11', outcome: 'found_safe', timeToFind: '1-3d', withAlert: true });
  assert.equal(statisticKey({ ...{ closedAt: new Date(), lastSeenAt: new Date(), ageYears: 3, withAlert: false }, regionCode: 'MA-CAS', outcome: 'Found <b>' }).regionCode, 'unknown');
});

test('what the purge leaves of an alert: ended cards, no texts, no zone, no decision reasons', () => {
  const draft = { texts: { 'fr-MA': { headline: 'Yasmine, 8 ans', description: 'disparue' } }, freeText: { fr: 'x' }, zone: { circles: [{ center: { lat: 34.02, lon: -6.84 }, radiusKm: 5 }], provinces: ['MA-RAB'], regions: [], polygons: [] }, photoId: 'p', durationHours: 72 };
  const purged = purgedAlertDraft(draft);
  assert.deepEqual(purged, { texts: { 'fr-MA': { headline: '', description: '' } }, freeText: {}, zone: { circles: [], provinces: [], regions: [], polygons: [] }, photoId: null, durationHours: 72 });
  const chain = purgedAlertChain({ id: 'a', decisions: [{ seq: 1, kind: 'urgent_publication', reason: 'Témoin', prosecutor: { court: 'TPI' }, actorId: 'u' }] });
  assert.deepEqual(chain.decisions, [{ seq: 1, kind: 'urgent_publication', reason: null, prosecutor: null, actorId: 'u' }]);

  const end = { publicId: 'K7QX2M', reference: 'TM-2026-000001', exercise: false, endedAt: new Date('2026-03-12T10:00:00Z'), outcome: 'found' as const };
  const alert = redactedVersion({ msgType: 'Alert', version: 1, publicContent: { state: 'active', displayName: { latin: 'Yasmine' } }, capXml: '<alert>Yasmine</alert>' }, end);
  assert.deepEqual(alert.publicContent, { state: 'ended', publicId: 'K7QX2M', reference: 'TM-2026-000001', exercise: false, version: 1, endedAt: '2026-03-12T10:00:00.000Z', outcome: 'found' });
  assert.equal(alert.capXml, REDACTED_CAP_XML);
  const cancel = redactedVersion({ msgType: 'Cancel', version: 3, publicContent: { state: 'ended' }, capXml: '<alert>Cancel</alert>' }, end);
  assert.equal(cancel.capXml, '<alert>Cancel</alert>');
});
