/**
 * Near-duplicate tips: the same sighting reported twice (the web form and WhatsApp, a message
 * forwarded by several people, a tipster who sends again). Two tips are near-duplicates when
 *   - their times are close (within `windowMinutes`, default 30), and
 *   - their places do not differ (points within `placeMetres`, default 300 m, or place texts with the
 *     same words — Jaccard ≥ 0.6 once normalised), and
 *   - their texts are similar (textSimilarity ≥ 0.5 when the places agree; ≥ 0.75 when a place is
 *     missing on either side, since the text then has to carry the match alone).
 *
 * Grouping is incremental: a new tip is compared with the case's tips already grouped; it joins the
 * group of its best match (highest text similarity, then nearest in time, then oldest) or starts its
 * own. A group is named by its lead (first) tip's id, so a lone tip is the lead of its own group.
 *
 * @example
 *   const match = nearDuplicateOf(candidate(newTip), existing.map(candidate));
 *   const groupId = match ? match.groupId : newTip.id;
 */
import type { LatLon } from '../geo/coordinates.ts';
import { haversineKm } from '../geo/distance.ts';
import { textSimilarity, tipWords, wordJaccard } from './triage-text.ts';

export interface DuplicateOptions {
  readonly windowMinutes: number;
  readonly placeMetres: number;
  readonly textThreshold: number;
  readonly textThresholdWithoutPlace: number;
  readonly placeTextThreshold: number;
}

export const DEFAULT_DUPLICATE_OPTIONS: DuplicateOptions = { windowMinutes: 30, placeMetres: 300, textThreshold: 0.5, textThresholdWithoutPlace: 0.75, placeTextThreshold: 0.6 };

export interface DuplicateCandidate {
  readonly id: string;
  /** The group the tip belongs to (its lead's id); null for the tip being grouped. */
  readonly groupId: string | null;
  /** The tipster's time of sighting, or when the tip arrived. */
  readonly at: Date;
  readonly receivedAt: Date;
  readonly point: LatLon | null;
  readonly placeWords: readonly string[];
  readonly words: readonly string[];
}

export type PlaceAgreement = 'same_point' | 'same_place_text' | 'unknown' | 'different';

export interface DuplicateMatch {
  readonly tipId: string;
  /** The group to join: the match's group, or the match itself when it has none yet. */
  readonly groupId: string;
  readonly textSimilarity: number;
  readonly minutesApart: number;
  readonly place: PlaceAgreement;
}

/** The comparable form of a tip. */
export function duplicateCandidate(tip: { id: string; groupId: string | null; seenAt: Date | null; receivedAt: Date; point: LatLon | null; place: string | null; text: string }): DuplicateCandidate {
  return { id: tip.id, groupId: tip.groupId, at: tip.seenAt ?? tip.receivedAt, receivedAt: tip.receivedAt, point: tip.point, placeWords: tipWords(tip.place), words: tipWords(tip.text) };
}

export function placeAgreement(a: DuplicateCandidate, b: DuplicateCandidate, options: DuplicateOptions = DEFAULT_DUPLICATE_OPTIONS): PlaceAgreement {
  if (a.point && b.point) return haversineKm(a.point, b.point) * 1000 <= options.placeMetres ? 'same_point' : 'different';
  if (a.placeWords.length > 0 && b.placeWords.length > 0) return wordJaccard(a.placeWords, b.placeWords) >= options.placeTextThreshold ? 'same_place_text' : 'different';
  return 'unknown';
}

/** Why `b` is a near-duplicate of `a`, or undefined when it is not. */
export function compareTips(a: DuplicateCandidate, b: DuplicateCandidate, options: DuplicateOptions = DEFAULT_DUPLICATE_OPTIONS): Omit<DuplicateMatch, 'groupId' | 'tipId'> | undefined {
  const minutesApart = Math.abs(a.at.getTime() - b.at.getTime()) / 60_000;
  if (minutesApart > options.windowMinutes) return undefined;
  const place = placeAgreement(a, b, options);
  if (place === 'different') return undefined;
  const similarity = textSimilarity(a.words, b.words);
  const needed = place === 'unknown' ? options.textThresholdWithoutPlace : options.textThreshold;
  if (similarity < needed) return undefined;
  return { textSimilarity: Math.round(similarity * 100) / 100, minutesApart: Math.round(minutesApart), place };
}

/** The best near-duplicate of `tip` among `existing` (the tip itself is skipped), or undefined. */
export function nearDuplicateOf(tip: DuplicateCandidate, existing: readonly DuplicateCandidate[], options: DuplicateOptions = DEFAULT_DUPLICATE_OPTIONS): DuplicateMatch | undefined {
  let best: { match: DuplicateMatch; candidate: DuplicateCandidate } | undefined;
  for (const other of existing) {
    if (other.id === tip.id) continue;
    const found = compareTips(tip, other, options);
    if (!found) continue;
    const match: DuplicateMatch = { ...found, tipId: other.id, groupId: other.groupId ?? other.id };
    if (!best || better(match, other, best.match, best.candidate)) best = { match, candidate: other };
  }
  return best?.match;
}

function better(m: DuplicateMatch, c: DuplicateCandidate, bestMatch: DuplicateMatch, bestCandidate: DuplicateCandidate): boolean {
  if (m.textSimilarity !== bestMatch.textSimilarity) return m.textSimilarity > bestMatch.textSimilarity;
  if (m.minutesApart !== bestMatch.minutesApart) return m.minutesApart < bestMatch.minutesApart;
  const age = c.receivedAt.getTime() - bestCandidate.receivedAt.getTime();
  return age !== 0 ? age < 0 : c.id < bestCandidate.id;
}
