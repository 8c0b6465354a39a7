/**
 * What the public may see of an alert: exactly the published version's public content. The public
 * site, the feeds and every channel render from this and nothing else, so no restricted or sensitive
 * case field can reach a public surface. An ended alert keeps only what the "found — thank you" card
 * needs: no photo, no name, no description.
 *
 * @example
 *   const view: PublicAlertView = await alerts.publicView(publicId);
 *   if (view.state === 'ended') renderFoundCard(view);
 */
import type { AlertLanguage } from '../alert-text/alert-languages.ts';

/** The texts of one language, as published (officers may have edited the generated ones). */
export interface PublicAlertTexts {
  readonly headline: string;
  readonly description: string;
  readonly instruction: string;
  /** One 70-character UCS-2 SMS segment (also the WhatsApp template's body parameter). */
  readonly sms70: string;
  /** Cell-broadcast short forms (90 and 360 characters). */
  readonly short90: string;
  readonly short360: string;
}

export interface PublicAlertPhoto {
  /** Absolute path on this site, e.g. "/alerts/K7QX2M/photo.jpg". */
  readonly path: string;
  readonly width: number;
  readonly height: number;
}

export interface PublicAlertZone {
  /** Under 50 characters per language, as in CAP areaDesc. */
  readonly areaDesc: { readonly [L in AlertLanguage]: string };
  /** Outline of the zone for the map: GeoJSON FeatureCollection of polygons (coarse; never the raw last-seen point). */
  readonly outline: unknown;
  /** Bounding box [west, south, east, north] for the map view. */
  readonly bbox: readonly [number, number, number, number];
}

export interface ActivePublicAlert {
  readonly state: 'active';
  readonly publicId: string;
  /** Public case reference to quote when calling, e.g. "TM-2026-000123". */
  readonly reference: string;
  /** Synthetic data for drills and demos: every surface says so. */
  readonly exercise: boolean;
  readonly version: number;
  readonly sentAt: Date;
  readonly expiresAt: Date;
  readonly texts: { readonly [L in AlertLanguage]: PublicAlertTexts };
  /** The child's name as consented (or by decision), per script; null when it may not be published. */
  readonly displayName: { readonly ar: string | null; readonly latin: string | null };
  readonly ageYears: number | null;
  readonly sex: 'female' | 'male';
  readonly lastSeenAt: Date;
  readonly photo: PublicAlertPhoto | null;
  readonly zone: PublicAlertZone;
  /** "19" (police); "112" from a mobile is added by the templates. */
  readonly callNumber: string;
}

export interface EndedPublicAlert {
  readonly state: 'ended';
  readonly publicId: string;
  readonly reference: string;
  readonly exercise: boolean;
  readonly version: number;
  readonly endedAt: Date;
  /** 'found' shows the thank-you card; 'withdrawn' and 'expired' a neutral notice. */
  readonly outcome: 'found' | 'withdrawn' | 'expired';
}

export type PublicAlertView = ActivePublicAlert | EndedPublicAlert;
