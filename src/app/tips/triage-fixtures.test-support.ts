/**
 * For the triage tests: a case with an active alert (the demo exercise's: a 9-year-old last seen in
 * Rabat 90 minutes before the clock, ±15 min, opened by the demo Rabat officer) and tips sent to it
 * through the real intake (app/tips/submit-tip.ts), synthetic and clearly marked.
 *
 * @example
 *   const fx = await alertedCase(t);
 *   const tipId = await sendTip(t, fx, { seen: 'Fillette en rouge', point: near(fx, 1), seenAt: minutesAfterLastSeen(fx, 60) });
 */
import sharp from 'sharp';
import { seedDemo } from '../demo/seed-demo.ts';
import type { LatLon } from '../../domain/geo/coordinates.ts';
import { KM_PER_DEGREE_LAT } from '../../domain/geo/distance.ts';
import type { TipDraft } from '../../domain/tips/intake-validation.ts';
import { findAlertByPublicId } from '../../store/repositories/alerts.repository.ts';
import { type CaseRow, findCase } from '../../store/repositories/cases.repository.ts';
import type { AppContext } from '../context.ts';
import { submitTip, type TipOrigin } from './submit-tip.ts';

export interface AlertedCase {
  readonly caseRow: CaseRow;
  readonly alertId: string;
  readonly publicId: string;
  readonly lastSeen: LatLon;
  readonly lastSeenAt: Date;
}

export async function alertedCase(ctx: AppContext): Promise<AlertedCase> {
  const demo = await seedDemo(ctx);
  const publicId = demo.activeAlertUrl.split('/').pop() ?? '';
  const alert = await findAlertByPublicId(ctx.store.db, publicId);
  if (!alert) throw new Error('the demo alert is missing');
  const caseRow = await findCase(ctx.store.db, alert.case_id);
  if (!caseRow) throw new Error('the demo case is missing');
  return { caseRow, alertId: alert.id, publicId, lastSeen: { lat: caseRow.last_seen_lat, lon: caseRow.last_seen_lon }, lastSeenAt: caseRow.last_seen_at };
}

/** A point `kmNorth` north (and `kmEast` east) of the case's last-seen point. */
export function near(fx: AlertedCase, kmNorth: number, kmEast = 0): LatLon {
  return { lat: fx.lastSeen.lat + kmNorth / KM_PER_DEGREE_LAT, lon: fx.lastSeen.lon + kmEast / (KM_PER_DEGREE_LAT * Math.cos((fx.lastSeen.lat * Math.PI) / 180)) };
}

export const minutesAfterLastSeen = (fx: AlertedCase, minutes: number): Date => new Date(fx.lastSeenAt.getTime() + minutes * 60_000);

/** A detailed sighting (15+ distinct words, a time, clothing, colour, transport): full detail points. */
export const DETAILED_TEXT = 'EXERCICE — Une fillette de 9 ans en survêtement rouge et baskets blanches pleurait devant la pharmacie, un homme grand la tirait vers un taxi blanc à 9h25';

export async function sendTip(ctx: AppContext, fx: AlertedCase, over: Partial<TipDraft> = {}, options: { origin?: TipOrigin; photo?: Buffer } = {}): Promise<string> {
  const draft: TipDraft = { seen: DETAILED_TEXT, seenAt: null, place: null, point: null, contact: null, language: 'fr', alertVersion: null, ...over };
  const receipt = await submitTip(ctx, { alert: { publicId: fx.publicId }, origin: options.origin ?? { kind: 'web' }, draft, ...(options.photo ? { photo: { bytes: options.photo } } : {}) });
  return receipt.tipId;
}

/** A small synthetic PNG (the intake re-encodes it to JPEG). */
export function syntheticPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer();
}
