/**
 * The CAP 1.2 content of a published version, built only from the version's public view and the public
 * zone: the same data every public surface shows. One <info> per language, one <area> carrying the
 * public circles, the drawn polygons and the ISO 3166-2 codes of the provinces and regions involved.
 */
import { ALERT_LANGUAGES, type AlertLanguage, LANGUAGE_KEYS } from '../../domain/alert-text/alert-languages.ts';
import type { ActivePublicAlert } from '../../domain/alert/public-alert.ts';
import type { CapRatings } from '../../domain/cap/cap-ratings.ts';
import { CAP_CLOSING_RATINGS } from '../../domain/cap/cap-ratings.ts';
import type { CapArea, CapInfo, CapResource } from '../../domain/cap/cap-document.ts';
import { type CapVersionContent, CAP_IDENTIFIER_NAMESPACE, capIdentifier } from '../../domain/cap/cap-versions.ts';
import { zoneAreaDesc } from '../../domain/zone/zone-area-desc.ts';
import type { Zone, ZoneGeography } from '../../domain/zone/zone.ts';

/** The alerting authority named in every document. */
export const CAP_SENDER = 'tifli.dgsn.gov.ma';

const EVENT: { readonly [L in AlertLanguage]: string } = {
  'ar-MA': 'طفل مختفٍ',
  'fr-MA': 'Enfant disparu',
  'zgh-Tfng': 'ⴰⵔⴱⴰ ⵉⵊⵍⴰⵏ',
};
const ENDED: { readonly [L in AlertLanguage]: { headline: string; description: string; instruction: string } } = {
  'ar-MA': { headline: 'انتهى التنبيه', description: 'انتهى هذا التنبيه. شكرا لمساعدتكم.', instruction: 'يرجى حذف كل مشاركة لهذا التنبيه.' },
  'fr-MA': { headline: 'Alerte terminée', description: 'Cette alerte est terminée. Merci pour votre aide.', instruction: 'Merci de supprimer tout partage de cette alerte.' },
  'zgh-Tfng': { headline: 'ⵉⴽⵎⵍ ⵓⵙⵍⵖⵓ', description: 'ⵉⴽⵎⵍ ⵓⵙⵍⵖⵓ ⴰ. ⵜⴰⵏⵎⵎⵉⵔⵜ.', instruction: 'ⴽⴽⵙⴰⵜ ⴰⵙⵍⵖⵓ ⴰ.' },
};
const CONTACT = '19 / 112';

export interface CapVersionInput {
  readonly publicId: string;
  readonly version: number;
  readonly sentAt: Date;
  readonly expiresAt: Date;
  readonly exercise: boolean;
  readonly baseUrl: string;
}

/** `zone` is the public zone (its shapes are published); `naming` the officer's, which names the provinces. */
function area(zone: Zone, naming: Zone, geo: ZoneGeography, lang: AlertLanguage): CapArea {
  const provinces = new Set(naming.provinces);
  for (const c of naming.circles) {
    const at = geo.locate(c.center);
    if (at) provinces.add(at.provinceCode);
  }
  return {
    areaDesc: zoneAreaDesc(naming, LANGUAGE_KEYS[lang], geo),
    circles: zone.circles.map((c) => ({ center: c.center, radiusKm: c.radiusKm })),
    polygons: zone.polygons.map((p) => (p.coordinates[0] ?? []).map(([lon, lat]) => ({ lat: lat ?? 0, lon: lon ?? 0 }))),
    geocodes: [...[...provinces].sort(), ...[...zone.regions].sort()].map((value) => ({ valueName: 'ISO3166-2' as const, value })),
  };
}

export function activeCapContent(input: CapVersionInput, view: ActivePublicAlert, zone: Zone, naming: Zone, geo: ZoneGeography, ratings: CapRatings, photo: CapResource | null): CapVersionContent {
  const web = `${input.baseUrl}/alerts/${input.publicId}`;
  const infos: CapInfo[] = ALERT_LANGUAGES.map((lang) => ({
    language: lang,
    event: EVENT[lang],
    responseTypes: ['Monitor'],
    urgency: ratings.urgency,
    severity: ratings.severity,
    certainty: ratings.certainty,
    expires: input.expiresAt,
    senderName: lang === 'ar-MA' ? 'المديرية العامة للأمن الوطني' : 'DGSN — Direction générale de la sûreté nationale',
    headline: view.texts[lang].headline,
    description: view.texts[lang].description,
    instruction: view.texts[lang].instruction,
    web,
    contact: CONTACT,
    parameters: [{ valueName: 'caseReference', value: view.reference }],
    resources: photo ? [photo] : [],
    areas: [area(zone, naming, geo, lang)],
  }));
  return {
    identifier: capIdentifier(CAP_IDENTIFIER_NAMESPACE, input.publicId, input.version),
    sender: CAP_SENDER,
    sent: input.sentAt,
    status: input.exercise ? 'Exercise' : 'Actual',
    ...(input.exercise ? { note: 'EXERCISE — synthetic data / تمرين — بيانات اصطناعية' } : {}),
    incidents: [input.publicId],
    infos,
  };
}

/** The Cancel: no description of the child, no photo, the closing ratings; the area as last published. */
export function cancelCapContent(input: CapVersionInput, zone: Zone, naming: Zone, geo: ZoneGeography): CapVersionContent {
  const infos: CapInfo[] = ALERT_LANGUAGES.map((lang) => ({
    language: lang,
    event: EVENT[lang],
    responseTypes: ['AllClear'],
    ...CAP_CLOSING_RATINGS,
    expires: input.expiresAt,
    senderName: lang === 'ar-MA' ? 'المديرية العامة للأمن الوطني' : 'DGSN — Direction générale de la sûreté nationale',
    ...ENDED[lang],
    web: `${input.baseUrl}/alerts/${input.publicId}`,
    contact: CONTACT,
    parameters: [],
    resources: [],
    areas: [area(zone, naming, geo, lang)],
  }));
  return {
    identifier: capIdentifier(CAP_IDENTIFIER_NAMESPACE, input.publicId, input.version),
    sender: CAP_SENDER,
    sent: input.sentAt,
    status: input.exercise ? 'Exercise' : 'Actual',
    incidents: [input.publicId],
    infos,
  };
}
