/**
 * The first draft of an alert, generated from what the public may know of the case: the texts in the
 * three languages (templates, not translation), the initial zone (a circle from the radius model around
 * the last-seen point), the publishable photo when consent allows one, and the duration. Officers edit
 * every part before the decisions.
 */
import type { AlertTexts, FreeText } from '../../domain/alert-text/alert-languages.ts';
import { type AlertArea, composeAlertTexts } from '../../domain/alert-text/compose-alert-texts.ts';
import type { CaseRecord } from '../../domain/case/case-record.ts';
import type { PartialCaseRecord } from '../../domain/case/field-classes.ts';
import type { MoroccoGeography } from '../../domain/geo/morocco-geography.ts';
import { initialRadiusKm } from '../../domain/zone/zone-radius.ts';
import type { Zone } from '../../domain/zone/zone.ts';

export const DEFAULT_ALERT_HOURS = 72;

export interface AlertDraft {
  readonly texts: AlertTexts;
  readonly freeText: FreeText;
  readonly zone: Zone;
  /** A photo the case marks publishable, shown only when the public record carries it (consent). */
  readonly photoId: string | null;
  /** How long the alert stays up after publication, unless renewed. */
  readonly durationHours: number;
}

export interface DraftSource {
  readonly reference: string;
  /** The case record as stored (restricted facts shape the zone radius; only the radius leaves). */
  readonly record: CaseRecord;
  /** The public subset under the case's consents: the only input of the texts. */
  readonly publicRecord: PartialCaseRecord;
  readonly now: Date;
  readonly geo: MoroccoGeography;
}

/** The last-seen area in the three languages: the officer's words for the neighbourhood and commune, else the province's names. */
export function lastSeenArea(publicRecord: PartialCaseRecord, provinceCode: string | null, geo: MoroccoGeography): AlertArea {
  const same = (s: string | null | undefined) => (s ? { ar: s, fr: s, zgh: null } : null);
  const area = publicRecord.lastSeen?.area;
  const province = provinceCode ? geo.province(provinceCode) : undefined;
  return {
    neighbourhood: same(area?.neighbourhood),
    commune: same(area?.commune) ?? (province ? { ar: province.names.ar, fr: province.names.fr, zgh: province.names.zgh } : null),
  };
}

/** The generated texts for a public subset, with the officer's free text per language woven in. */
export function generatedTexts(s: Pick<DraftSource, 'reference' | 'publicRecord' | 'now' | 'geo'> & { readonly provinceCode: string | null; readonly lastSeenAt: string | Date; readonly freeText?: FreeText }): AlertTexts {
  return composeAlertTexts({
    publicRecord: s.publicRecord,
    reference: s.reference,
    lastSeenArea: lastSeenArea(s.publicRecord, s.provinceCode, s.geo),
    lastSeenAt: s.lastSeenAt,
    callNumber: '19',
    now: s.now,
    ...(s.freeText ? { freeText: s.freeText } : {}),
  });
}

export function composeDraft(s: DraftSource): AlertDraft {
  const minutesSinceLastSeen = Math.max(0, Math.round((s.now.getTime() - new Date(s.record.lastSeen.at).getTime()) / 60_000));
  const vehicleInvolved = s.record.circumstances.indicators.includes('vehicle_involved') || s.record.vehicle !== null;
  const radiusKm = initialRadiusKm({ ageYears: Math.min(17, Math.max(0, s.record.child.ageYears ?? 10)), vehicleInvolved, minutesSinceLastSeen });
  const texts = generatedTexts({ ...s, provinceCode: s.record.lastSeen.prefectureCode, lastSeenAt: s.record.lastSeen.at });
  const photo = s.publicRecord.child?.photos?.find((p) => p.forPublication && p.id);
  return {
    texts,
    freeText: {},
    zone: { circles: [{ center: s.record.lastSeen.point, radiusKm }], provinces: [], regions: [], polygons: [] },
    photoId: photo?.id ?? null,
    durationHours: DEFAULT_ALERT_HOURS,
  };
}
