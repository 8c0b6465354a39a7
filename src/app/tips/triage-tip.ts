/**
 * Triage of one tip, run by the `tips.triage` job that intake sends with every new tip: score it
 * against the last confirmed sighting (domain/tips/tip-score.ts), put it in its near-duplicate group
 * (domain/tips/near-duplicates.ts), and when the score reaches TIP_NOTIFY_SCORE notify the case officer
 * in the app, all in one transaction under the tip's row lock.
 *
 * Idempotent and crash-safe: a tip is scored once (`triaged_at`), and the notification is written in
 * the same transaction and is unique per tip, so a job that runs twice, or is retried after a crash at
 * any point, does nothing more. A tip that no longer exists (purged) is done.
 *
 * @example
 *   const outcome = await triageTip(ctx, tipId);
 *   // { kind: 'triaged', score: 82, groupId: '…', notified: true } | { kind: 'already_triaged' } | { kind: 'missing' }
 */
import { randomUUID } from 'node:crypto';
import { lastConfirmedSighting } from '../../domain/tips/last-sighting.ts';
import { DEFAULT_DUPLICATE_OPTIONS, duplicateCandidate, nearDuplicateOf } from '../../domain/tips/near-duplicates.ts';
import { scoreTip, type TipLocation, type TipScore } from '../../domain/tips/tip-score.ts';
import { buildPlaceGazetteer, matchPlace, type PlaceGazetteer } from '../../domain/tips/triage-place.ts';
import type { MoroccoGeography } from '../../domain/geo/morocco-geography.ts';
import { findCase } from '../../store/repositories/cases.repository.ts';
import { findUserById } from '../../store/repositories/users.repository.ts';
import type { TipRow } from '../../store/repositories/tips.repository.ts';
import {
  insertOfficerNotification,
  listCredibleSightings,
  listGroupCandidates,
  lockCaseGrouping,
  lockTipForTriage,
  recordTriage,
} from '../../store/repositories/tip-triage.repository.ts';
import type { AppContext } from '../context.ts';
import { caseTriageFacts, credibleSighting } from './triage-case.ts';

/** Most earlier tips a new one is compared with (the nearest in time). */
export const GROUP_CANDIDATES_MAX = 200;

export type TriageOutcome =
  | { readonly kind: 'triaged'; readonly score: number; readonly groupId: string; readonly joinedGroup: boolean; readonly notified: boolean }
  | { readonly kind: 'already_triaged' }
  | { readonly kind: 'missing' };

const gazetteers = new WeakMap<MoroccoGeography, PlaceGazetteer>();

function gazetteerOf(geo: MoroccoGeography): PlaceGazetteer {
  let g = gazetteers.get(geo);
  if (!g) {
    g = buildPlaceGazetteer(geo.provinces);
    gazetteers.set(geo, g);
  }
  return g;
}

/** Where the tip was: its map point, else the province its place text names (when the geography has its shape). */
export function tipLocation(geo: MoroccoGeography, tip: Pick<TipRow, 'lat' | 'lon' | 'place'>): TipLocation {
  if (tip.lat !== null && tip.lon !== null) return { kind: 'point', point: { lat: tip.lat, lon: tip.lon } };
  const match = matchPlace(gazetteerOf(geo), tip.place);
  const polygons = match && geo.polygons(match.code);
  return match && polygons ? { kind: 'area', code: match.code, matched: match.matched, polygons } : { kind: 'none' };
}

const hasText = (s: string | null): boolean => s !== null && s.trim() !== '';

export async function triageTip(ctx: Pick<AppContext, 'store' | 'clock' | 'geo' | 'config'>, tipId: string): Promise<TriageOutcome> {
  return ctx.store.db.transaction().execute(async (trx): Promise<TriageOutcome> => {
    const tip = await lockTipForTriage(trx, tipId);
    if (!tip) return { kind: 'missing' };
    if (tip.triaged_at !== null) return { kind: 'already_triaged' };
    const caseRow = await findCase(trx, tip.case_id);
    if (!caseRow) return { kind: 'missing' };

    const facts = caseTriageFacts(caseRow);
    const anchor = lastConfirmedSighting(facts.sighting, (await listCredibleSightings(trx, tip.case_id)).map(credibleSighting));
    const score: TipScore = scoreTip({
      anchor,
      child: facts.child,
      seenAt: tip.seen_at,
      receivedAt: tip.received_at,
      location: tipLocation(ctx.geo, tip),
      text: tip.seen,
      hasPlaceText: hasText(tip.place),
      hasPhoto: tip.has_photo,
      source: tip.source,
    });

    await lockCaseGrouping(trx, tip.case_id);
    const self = duplicateCandidate({ id: tip.id, groupId: null, seenAt: tip.seen_at, receivedAt: tip.received_at, point: tip.lat !== null && tip.lon !== null ? { lat: tip.lat, lon: tip.lon } : null, place: tip.place, text: tip.seen });
    const windowMs = DEFAULT_DUPLICATE_OPTIONS.windowMinutes * 60_000;
    const candidates = await listGroupCandidates(trx, {
      caseId: tip.case_id,
      excludeId: tip.id,
      from: new Date(self.at.getTime() - windowMs),
      to: new Date(self.at.getTime() + windowMs),
      around: self.at,
      limit: GROUP_CANDIDATES_MAX,
    });
    const match = nearDuplicateOf(
      self,
      candidates.map((c) => duplicateCandidate({ id: c.id, groupId: c.group_id, seenAt: c.seen_at, receivedAt: c.received_at, point: c.lat !== null && c.lon !== null ? { lat: c.lat, lon: c.lon } : null, place: c.place, text: c.seen })),
    );
    // An officer may already have put the tip in a group (marked it a duplicate before this job ran).
    const groupId = tip.group_id ?? match?.groupId ?? tip.id;
    const now = ctx.clock.now();
    await recordTriage(trx, tip.id, { score: score.total, parts: score as unknown as Record<string, unknown>, groupId, at: now });

    let notified = false;
    if (score.total >= ctx.config.tipTriage.notifyScore) {
      const officer = caseRow.opened_by ? await findUserById(trx, caseRow.opened_by) : undefined;
      notified = await insertOfficerNotification(trx, {
        id: randomUUID(),
        kind: 'tip_high_score',
        // A case opened through the API, or whose officer left: the case's jurisdiction is told instead.
        recipientId: officer && officer.disabled_at === null ? officer.id : null,
        jurisdictionCode: caseRow.jurisdiction_code,
        caseId: caseRow.id,
        tipId: tip.id,
        score: score.total,
        at: now,
      });
    }
    return { kind: 'triaged', score: score.total, groupId, joinedGroup: groupId !== tip.id, notified };
  });
}
