import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LatLon } from '../geo/coordinates.ts';
import { KM_PER_DEGREE_LAT } from '../geo/distance.ts';
import { type DuplicateCandidate, compareTips, duplicateCandidate, nearDuplicateOf } from './near-duplicates.ts';

const GARE: LatLon = { lat: 33.5897, lon: -7.5912 };
const north = (metres: number): LatLon => ({ lat: GARE.lat + metres / 1000 / KM_PER_DEGREE_LAT, lon: GARE.lon });
const T0 = new Date('2026-11-22T10:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

function tip(id: string, over: Partial<{ groupId: string | null; seenAt: Date | null; receivedAt: Date; point: LatLon | null; place: string | null; text: string }> = {}): DuplicateCandidate {
  return duplicateCandidate({ id, groupId: null, seenAt: at(0), receivedAt: at(5), point: GARE, place: null, text: 'Une petite fille en robe rouge qui pleurait à la gare', ...over });
}

test('the same sighting sent twice, worded differently and in another script, is a near-duplicate', () => {
  const a = tip('a');
  assert.ok(compareTips(tip('b', { text: 'petite fille robe rouge pleure gare!!', point: north(150), seenAt: at(12) }), a));
  const arabic = tip('ar1', { text: 'بنت صغيرة بالأحمر في المحطة' });
  const arabicAgain = tip('ar2', { text: 'البنت الصغيرة بالاحمر فالمحطة', seenAt: at(20) });
  const match = compareTips(arabicAgain, arabic);
  assert.ok(match, 'alef/ta marbuta forms and the article do not matter');
  assert.equal(match.place, 'same_point');
  assert.equal(match.minutesApart, 20);
});

test('different place, far times or different text keep tips apart', () => {
  const a = tip('a');
  assert.equal(compareTips(tip('far', { point: north(800) }), a), undefined, '800 m away');
  assert.equal(compareTips(tip('late', { seenAt: at(45) }), a), undefined, '45 minutes later');
  assert.equal(compareTips(tip('other', { text: 'Un garçon en survêtement bleu dans un bus vers Rabat' }), a), undefined, 'another sighting');
  assert.ok(compareTips(tip('window', { seenAt: at(30) }), a), '30 minutes is still close');
  assert.ok(compareTips(tip('near', { point: north(290) }), a), '290 m is the same place');
});

test('place texts count when there is no point; with no place on one side the text must match more closely', () => {
  const a = tip('a', { point: null, place: 'Gare Casa Voyageurs' });
  const sameText = compareTips(tip('b', { point: null, place: 'la gare de Casa-Voyageurs' }), a);
  assert.equal(sameText?.place, 'same_place_text');
  assert.equal(compareTips(tip('c', { point: null, place: 'Marché central' }), a), undefined);
  const forwarded = tip('d', { point: null, place: null, text: 'une petite fille en robe rouge qui pleurait a la gare !!' });
  assert.equal(compareTips(forwarded, a)?.place, 'unknown', 'the same message forwarded without its place');
  assert.equal(compareTips(tip('d2', { point: null, place: null, text: 'fille robe rouge gare' }), a), undefined, 'a shorter paraphrase needs the place too');
  assert.ok(compareTips(tip('d3', { point: null, place: 'Casa Voyageurs gare', text: 'fille robe rouge gare' }), a), 'which it then has');
  assert.equal(compareTips(tip('e', { point: null, place: null, text: 'Une fille en rouge, je crois, près du tram' }), a), undefined, 'loosely similar text alone is not enough');
});

test('a new tip joins the group of its best match, or starts its own', () => {
  const lead = tip('lead', { groupId: 'lead' });
  const member = tip('member', { groupId: 'lead', seenAt: at(3), text: 'petite fille robe rouge pleurait gare' });
  const other = tip('other', { groupId: 'other', text: 'Un garçon en survêtement bleu dans un bus vers Rabat' });
  const incoming = tip('new', { seenAt: at(4), text: 'petite fille robe rouge pleurait gare' });
  const match = nearDuplicateOf(incoming, [other, lead, member]);
  assert.ok(match);
  assert.equal(match.tipId, 'member', 'the closest text wins');
  assert.equal(match.groupId, 'lead', 'and the group is the lead\'s');

  const ungrouped = tip('loner', { groupId: null });
  assert.equal(nearDuplicateOf(tip('n2'), [ungrouped])?.groupId, 'loner', 'a match without a group becomes the lead');
  assert.equal(nearDuplicateOf(tip('n3', { text: 'Un vieil homme a perdu son chien' }), [lead, member, other]), undefined);
  assert.equal(nearDuplicateOf(lead, [lead]), undefined, 'a tip is not its own duplicate');
});

test('ties go to the nearest in time, then the oldest', () => {
  const early = tip('early', { groupId: 'g1', seenAt: at(0), receivedAt: at(1) });
  const later = tip('later', { groupId: 'g2', seenAt: at(10), receivedAt: at(11) });
  assert.equal(nearDuplicateOf(tip('x', { seenAt: at(9) }), [early, later])?.groupId, 'g2');
  const twin = tip('twin', { groupId: 'g3', seenAt: at(10), receivedAt: at(30) });
  assert.equal(nearDuplicateOf(tip('y', { seenAt: at(10) }), [twin, later])?.groupId, 'g2');
});
