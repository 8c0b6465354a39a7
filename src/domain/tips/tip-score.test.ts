import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LatLon } from '../geo/coordinates.ts';
import { KM_PER_DEGREE_LAT } from '../geo/distance.ts';
import type { Sighting } from './last-sighting.ts';
import { type ReachPart, scoreTip, type TipScoreInput } from './tip-score.ts';

const CASABLANCA: LatLon = { lat: 33.5731, lon: -7.5898 };
const LAST_SEEN = new Date('2026-11-22T09:00:00Z');
const anchor: Sighting = { at: LAST_SEEN, point: CASABLANCA, uncertaintyMinutes: 0, origin: { kind: 'case_last_seen' } };

/** A point `km` north of Casablanca. */
const north = (km: number): LatLon => ({ lat: CASABLANCA.lat + km / KM_PER_DEGREE_LAT, lon: CASABLANCA.lon });
const minutesAfter = (m: number): Date => new Date(LAST_SEEN.getTime() + m * 60_000);

function input(over: Partial<TipScoreInput> = {}): TipScoreInput {
  return {
    anchor,
    child: { ageYears: 6, vehicleInvolved: false },
    seenAt: minutesAfter(20),
    receivedAt: minutesAfter(25),
    location: { kind: 'point', point: north(1) },
    text: 'Une fillette en robe rouge qui pleurait devant la boulangerie, avec un homme grand en veste noire',
    hasPlaceText: true,
    hasPhoto: false,
    source: 'web',
    ...over,
  };
}

const reachOf = (i: TipScoreInput): ReachPart => scoreTip(i).parts[0];

test('a tip 300 km away 20 minutes after a child was last seen on foot scores low; one inside the reachable radius scores high', () => {
  const far = scoreTip(input({ location: { kind: 'point', point: north(300) } }));
  const near = scoreTip(input());
  const [farReach] = far.parts;
  const [nearReach] = near.parts;
  assert.equal(farReach.verdict, 'out_of_reach');
  assert.equal(farReach.points, 0);
  assert.equal(farReach.distanceKm, 300);
  assert.equal(farReach.reachKm, 2.9, 'a 6-year-old: ISRID 2.4 km band + 0.5 km location tolerance');
  assert.equal(nearReach.verdict, 'within_reach');
  assert.equal(nearReach.points, 50);
  assert.ok(near.total >= 70, `inside the radius with point, time and detail: ${near.total}`);
  assert.ok(far.total < 30, `300 km away: ${far.total}`);
});

test('the reach grows with elapsed time and with a vehicle, as the zone model says', () => {
  const tenKm = { kind: 'point' as const, point: north(10) };
  const onFoot = reachOf(input({ location: tenKm, seenAt: minutesAfter(20) }));
  assert.equal(onFoot.verdict, 'vehicle_only', '10 km in 20 min on foot at 6: only by car');
  assert.equal(onFoot.points, 10);
  assert.equal(reachOf(input({ location: tenKm, seenAt: minutesAfter(8 * 60), receivedAt: minutesAfter(8 * 60 + 5) })).verdict, 'within_reach', 'after 8 h at 1.5 km/h (12 km): yes');
  const byCar = reachOf(input({ child: { ageYears: 6, vehicleInvolved: true }, location: { kind: 'point', point: north(300) }, seenAt: minutesAfter(5 * 60), receivedAt: minutesAfter(5 * 60 + 1) }));
  assert.equal(byCar.verdict, 'within_reach', '300 km after 5 h at 60 km/h');
  assert.equal(byCar.reachKm, 300.5);
  const teen = reachOf(input({ child: { ageYears: 15, vehicleInvolved: false }, location: { kind: 'point', point: north(30) } }));
  assert.equal(teen.verdict, 'within_reach', 'a teenager: 43 km band');
});

test('just beyond the reach the points fall off linearly, to 0 at twice the reach', () => {
  // 6-year-old 2 minutes later: reach 2.9 km (band), by car 2.5 km.
  const at = (km: number) => reachOf(input({ location: { kind: 'point', point: north(km) }, seenAt: minutesAfter(2) }));
  assert.equal(at(2.9).points, 50);
  const mid = at(4.35);
  assert.equal(mid.verdict, 'edge_of_reach');
  assert.equal(mid.points, 25, '1.5 × reach: half');
  assert.equal(at(5.9).verdict, 'out_of_reach');
  assert.ok(at(3.2).points > at(4).points && at(4).points > at(5).points, 'monotone');
});

test('far but reachable by car when no vehicle is recorded: a little, and said so', () => {
  const r = reachOf(input({ location: { kind: 'point', point: north(30) }, seenAt: minutesAfter(60), receivedAt: minutesAfter(61) }));
  assert.equal(r.verdict, 'vehicle_only');
  assert.equal(r.points, 10);
  assert.equal(r.vehicleInvolved, false);
});

test('the last sighting\'s uncertainty widens the reach; a sighting before it keeps 60%', () => {
  const uncertain = reachOf(input({ anchor: { ...anchor, uncertaintyMinutes: 8 * 60 }, location: { kind: 'point', point: north(10) } }));
  assert.equal(uncertain.elapsedMinutes, 20 + 8 * 60);
  assert.equal(uncertain.verdict, 'within_reach');
  const before = reachOf(input({ seenAt: minutesAfter(-30), receivedAt: minutesAfter(40) }));
  assert.equal(before.beforeLastSighting, true);
  assert.equal(before.verdict, 'within_reach');
  assert.equal(before.points, 30);
  assert.equal(before.elapsedMinutes, 30, 'the distance in time either way');
});

test('a tip without a time is measured at its arrival; a seen time after arrival counts as the arrival', () => {
  const noTime = scoreTip(input({ seenAt: null, receivedAt: minutesAfter(45) }));
  assert.equal(noTime.parts[0].timeBasis, 'received_at');
  assert.equal(noTime.parts[0].elapsedMinutes, 45);
  assert.equal(noTime.parts[1].hasTime, false);
  const skewed = reachOf(input({ seenAt: minutesAfter(90), receivedAt: minutesAfter(30) }));
  assert.equal(skewed.elapsedMinutes, 30);
});

test('a tip that cannot be placed is neutral, never a crash', () => {
  const score = scoreTip(input({ location: { kind: 'none' }, hasPlaceText: false, text: '' }));
  const [reach, detail] = score.parts;
  assert.equal(reach.verdict, 'unknown');
  assert.equal(reach.basis, 'none');
  assert.equal(reach.points, 25);
  assert.equal(reach.distanceKm, null);
  assert.equal(reach.reachKm, null);
  assert.equal(detail.place, 'none');
  assert.equal(detail.words, 0);
  assert.equal(scoreTip(input({ child: { ageYears: null, vehicleInvolved: false } })).parts[0].ageYears, 10, 'unknown age: the zone\'s default');
});

test('a place text naming a province is measured from its nearest edge: capped when within, certain when out', () => {
  // A 0.2° square around Casablanca, and one ~300 km north.
  const square = (c: LatLon) => [[[[c.lon - 0.1, c.lat - 0.1], [c.lon + 0.1, c.lat - 0.1], [c.lon + 0.1, c.lat + 0.1], [c.lon - 0.1, c.lat + 0.1], [c.lon - 0.1, c.lat - 0.1]] as const]] as const;
  const here = reachOf(input({ location: { kind: 'area', code: 'MA-CAS', matched: 'casablanca', polygons: square(CASABLANCA) } }));
  assert.equal(here.basis, 'area');
  assert.equal(here.areaCode, 'MA-CAS');
  assert.equal(here.distanceKm, 0);
  assert.equal(here.verdict, 'within_reach');
  assert.equal(here.points, 30, 'approximate: at most 30');
  const far = reachOf(input({ location: { kind: 'area', code: 'MA-XXX', matched: 'x', polygons: square(north(300)) } }));
  assert.equal(far.verdict, 'out_of_reach');
  assert.equal(far.points, 0);
  assert.ok(far.distanceKm !== null && far.distanceKm > 280 && far.distanceKm < 300, `to the nearest edge: ${far.distanceKm}`);
});

test('detail counts words, specifics, a time and a place; photo and source add their share', () => {
  const bare = scoreTip(input({ text: 'vu enfant', seenAt: null, location: { kind: 'none' }, hasPlaceText: false }));
  const rich = scoreTip(input({ text: 'Fillette 8 ans, pantalon bleu, montée dans un taxi blanc plaque 12345 près de la gare routière à 14h30, elle tenait un sac rose et pleurait' }));
  const [, bareDetail] = bare.parts;
  const [, richDetail] = rich.parts;
  assert.equal(bareDetail.points, 0);
  assert.deepEqual(richDetail.specifics, ['numbers', 'colour', 'clothing', 'transport']);
  assert.equal(richDetail.place, 'point');
  assert.equal(richDetail.hasTime, true);
  assert.equal(richDetail.points, 25, 'full detail');
  assert.equal(scoreTip(input({ location: { kind: 'none' } })).parts[1].place, 'place_text');

  assert.equal(scoreTip(input({ hasPhoto: true })).parts[2].points, 10);
  assert.equal(scoreTip(input({ hasPhoto: false })).parts[2].points, 0);
  const sources = (['police', 'partner', 'web', 'whatsapp'] as const).map((source) => scoreTip(input({ source })).parts[3].points);
  assert.deepEqual(sources, [15, 10, 5, 5], 'police > partner > web = whatsapp');
});

test('the total is the sum of the parts, within 0–100, and the same input gives the same score', () => {
  for (const i of [input(), input({ location: { kind: 'none' } }), input({ hasPhoto: true, source: 'police', text: 'Fillette 8 ans pantalon bleu taxi blanc plaque 12345 gare 14h30 sac rose' })]) {
    const s = scoreTip(i);
    assert.equal(s.total, s.parts.reduce((sum, p) => sum + p.points, 0));
    assert.ok(s.total >= 0 && s.total <= 100);
    assert.equal(s.parts.reduce((sum, p) => sum + p.max, 0), 100);
    assert.deepEqual(scoreTip(i), s);
  }
  const best = scoreTip(input({ hasPhoto: true, source: 'police', text: 'Fillette 8 ans pantalon bleu taxi blanc plaque 12345 gare 14h30 sac rose pleurait homme grand barbe marchait vite vers' }));
  assert.equal(best.total, 100);
});
