/**
 * Builds the public view of a version from the approved draft and the case's public subset, and reads
 * it back from storage. This is the single gate between a case and every public surface: it takes the
 * public subset (consent applied), never the case record.
 */
import { ALERT_LANGUAGES } from '../../domain/alert-text/alert-languages.ts';
import type { ActivePublicAlert, EndedPublicAlert, PublicAlertTexts, PublicAlertView } from '../../domain/alert/public-alert.ts';
import type { AlertTextSet } from '../../domain/alert-text/alert-languages.ts';
import type { PartialCaseRecord } from '../../domain/case/field-classes.ts';
import { zoneAreaDesc } from '../../domain/zone/zone-area-desc.ts';
import { zoneGeoJson } from '../../domain/zone/zone-geojson.ts';
import type { Zone, ZoneGeography } from '../../domain/zone/zone.ts';
import type { AlertDraft } from './alert-draft.ts';
import { bboxOf } from './public-zone.ts';

export interface ActiveViewInput {
  readonly publicId: string;
  readonly reference: string;
  readonly exercise: boolean;
  readonly version: number;
  readonly sentAt: Date;
  readonly expiresAt: Date;
  readonly draft: AlertDraft;
  readonly publicRecord: PartialCaseRecord;
  /** The zone as the public sees it (publicZone): what the map draws. */
  readonly zone: Zone;
  /** The zone as drawn by the officer: names its provinces (public knowledge: the last-seen area is public). */
  readonly namingZone: Zone;
  readonly photo: { readonly width: number; readonly height: number } | null;
  readonly lastSeenAt: Date;
}

const pickTexts = (t: AlertTextSet): PublicAlertTexts => ({ headline: t.headline, description: t.description, instruction: t.instruction, sms70: t.sms70, short90: t.short90, short360: t.short360 });

const joinName = (...parts: (string | null | undefined)[]) => parts.filter((p): p is string => !!p && p.trim() !== '').join(' ') || null;

export function activeView(i: ActiveViewInput, geo: ZoneGeography): ActivePublicAlert {
  const child = i.publicRecord.child;
  const outline = zoneGeoJson(i.zone, geo);
  return {
    state: 'active',
    publicId: i.publicId,
    reference: i.reference,
    exercise: i.exercise,
    version: i.version,
    sentAt: i.sentAt,
    expiresAt: i.expiresAt,
    texts: Object.fromEntries(ALERT_LANGUAGES.map((l) => [l, pickTexts(i.draft.texts[l])])) as ActivePublicAlert['texts'],
    displayName: { ar: joinName(child?.givenNameAr, child?.familyNameAr), latin: joinName(child?.givenNameLatin, child?.familyNameLatin) },
    ageYears: child?.ageYears ?? null,
    sex: child?.sex ?? 'male',
    lastSeenAt: i.lastSeenAt,
    photo: i.photo ? { path: `/alerts/${i.publicId}/photo.jpg`, width: i.photo.width, height: i.photo.height } : null,
    zone: {
      areaDesc: { 'ar-MA': zoneAreaDesc(i.namingZone, 'ar', geo), 'fr-MA': zoneAreaDesc(i.namingZone, 'fr', geo), 'zgh-Tfng': zoneAreaDesc(i.namingZone, 'zgh', geo) },
      outline,
      bbox: bboxOf(outline),
    },
    callNumber: '19',
  };
}

export function endedView(publicId: string, reference: string, exercise: boolean, version: number, endedAt: Date, outcome: EndedPublicAlert['outcome']): EndedPublicAlert {
  return { state: 'ended', publicId, reference, exercise, version, endedAt, outcome };
}

/** Stored form: the view with its dates as ISO strings. */
export function storedView(view: PublicAlertView): Record<string, unknown> {
  return JSON.parse(JSON.stringify(view)) as Record<string, unknown>;
}

export function viewFromStored(stored: Record<string, unknown>): PublicAlertView {
  const v = stored as unknown as PublicAlertView & Record<string, unknown>;
  if (v.state === 'ended') return { ...v, endedAt: new Date(v.endedAt) };
  return { ...v, sentAt: new Date(v.sentAt), expiresAt: new Date(v.expiresAt), lastSeenAt: new Date(v.lastSeenAt) };
}
