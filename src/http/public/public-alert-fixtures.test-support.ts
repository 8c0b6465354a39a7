/**
 * Public alert views for the public site's tests, written out as literals (synthetic people, no real
 * case): an active alert with a consented name and a photo, one without name or photo, an exercise, a
 * long alert with every text at its maximum length and a large zone, and ended alerts. Also a
 * PublicAlertSource over a list of views: the port's contract, holding exactly what it is given.
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { PublicAlertSource, PublicPhotoVariant } from '../../app/public-site/public-alert-source.ts';
import { ALERT_TEXT_LIMITS } from '../../domain/alert-text/alert-languages.ts';
import type { ActivePublicAlert, EndedPublicAlert, PublicAlertView, PublicAlertZone } from '../../domain/alert/public-alert.ts';
import { circleRing } from '../../domain/zone/circle-ring.ts';
import { zoneGeoJson } from '../../domain/zone/zone-geojson.ts';
import type { ZoneGeography } from '../../domain/zone/zone.ts';

/** The test context's clock (test/support/test-store.ts). */
export const NOW = new Date('2026-11-22T10:00:00.000Z');

/** [west, south, east, north] of every position of a FeatureCollection. */
export function bboxOfCollection(fc: FeatureCollection): [number, number, number, number] {
  let [w, s, e, n] = [180, 90, -180, -90];
  const visit = (v: unknown): void => {
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number') {
      [w, s, e, n] = [Math.min(w, v[0]), Math.min(s, v[1]), Math.max(e, v[0]), Math.max(n, v[1])];
    } else if (Array.isArray(v)) for (const x of v as unknown[]) visit(x);
  };
  for (const f of fc.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return [w, s, e, n];
}

/** A zone of one circle, as the alert store describes it. */
export function circleZone(lat: number, lon: number, radiusKm: number, areaDesc: PublicAlertZone['areaDesc']): PublicAlertZone {
  const ring = circleRing({ lat, lon }, radiusKm).map(([x, y]) => [x, y]);
  const feature: Feature<Polygon> = { type: 'Feature', properties: { kind: 'circle', radiusKm }, geometry: { type: 'Polygon', coordinates: [ring] } };
  const outline: FeatureCollection = { type: 'FeatureCollection', features: [feature] };
  return { areaDesc, outline, bbox: bboxOfCollection(outline) };
}

const RABAT_ZONE = circleZone(34.0209, -6.8416, 20, { 'ar-MA': 'الرباط وضواحيها (20 كلم)', 'fr-MA': 'Rabat et environs (20 km)', 'zgh-Tfng': 'ⵔⵔⴱⴰⵟ (20 km)' });

/** Yasmine El Amrani, 8, name published with consent, with a photo. */
export function yasmine(over: Partial<ActivePublicAlert> = {}): ActivePublicAlert {
  return {
    state: 'active',
    publicId: 'K7QX2M',
    reference: 'TM-2026-000123',
    exercise: false,
    version: 2,
    sentAt: new Date('2026-11-22T08:00:00Z'),
    expiresAt: new Date('2026-11-25T08:00:00Z'),
    texts: {
      'ar-MA': {
        sms70: 'SMS 19', short90: 'CB 19', short360: 'CB 19', headline: 'طفلة مختفية في الرباط: ياسمين العمراني (8 سنوات)',
        description:
          'اختفت ياسمين العمراني، طفلة تبلغ 8 سنوات، يوم 22/11 حوالي الساعة 07:30 في حسان، الرباط.\nطولها 128 سم. بنيتها نحيفة. لها شعر أسود طويل مجعد.\nكانت ترتدي عند اختفائها وزرة مدرسية بيضاء.',
        instruction: 'لا تتدخلوا بأنفسكم. إذا رأيتموها أو كانت لديكم أي معلومة، اتصلوا فورا بالرقم 19 (112 من الهاتف المحمول) مع ذكر المرجع TM-2026-000123.',
      },
      'fr-MA': {
        sms70: 'SMS 19', short90: 'CB 19', short360: 'CB 19', headline: 'Disparue à Rabat : Yasmine El Amrani, 8 ans',
        description:
          'Yasmine El Amrani, fillette de 8 ans, est portée disparue. Elle a été vue pour la dernière fois le 22/11 vers 7 h 30 à Hassan, Rabat.\nTaille : 1,28 m. Corpulence mince. Cheveux noirs, longs et bouclés.\nElle était vêtue d’un tablier scolaire blanc.',
        instruction: 'Ne tentez pas d’intervenir vous-même. Si vous la voyez ou avez une information, appelez immédiatement le 19 (112 depuis un mobile) en citant la référence TM-2026-000123.',
      },
      'zgh-Tfng': {
        sms70: 'SMS 19', short90: 'CB 19', short360: 'CB 19', headline: 'ⵜⴰⵔⴱⴰⵜ ⵉⵊⵍⴰⵏ: Yasmine El Amrani, 8 ⵉⵙⴳⴳⵯⴰⵙⵏ (ⵔⵔⴱⴰⵟ)',
        description: 'Yasmine El Amrani, ⵜⴰⵔⴱⴰⵜ, 8 ⵉⵙⴳⴳⵯⴰⵙⵏ, ⵜⵊⵍⴰ. ⴰⴷⵖⴰⵔ: Hassan, ⵔⵔⴱⴰⵟ. ⴰⴽⵓⴷ: 22/11, 07:30.\nⵜⵉⵖⵣⵉ: 128 cm. ⵜⴰⵍⵖⴰ: ⵜⴰⵣⴷⵉⴷⵜ.\nⵜⵍⵙⴰ: ⵜⴰⴱⵍⵓⵣⵜ ⵜⴰⵎⵍⵍⴰⵍⵜ ⵏ ⵜⵉⵏⵎⵍ.',
        instruction: 'ⵓⵔ ⵜⵜⴽⵛⵛⴰⵎ. ⵎⴰⵔⴰ ⵜⵥⵕⵉⴷ ⵜⴰⵔⴱⴰⵜ ⴰⴷ ⵏⵖ ⵖⵓⵔⴽ ⵉⵙⴰⵍⵍⵏ, ⵖⵔ 19 (112 ⵙⴳ ⵓⵏⵇⵇⴰⵍ). ⵉⵏⵉ ⵓⵟⵟⵓⵏ: TM-2026-000123.',
      },
    },
    displayName: { ar: 'ياسمين العمراني', latin: 'Yasmine El Amrani' },
    ageYears: 8,
    sex: 'female',
    lastSeenAt: new Date('2026-11-22T06:30:00Z'),
    photo: { path: '/alerts/K7QX2M/photo.jpg', width: 480, height: 640 },
    zone: RABAT_ZONE,
    callNumber: '19',
    ...over,
  };
}

/** A boy of 15 whose name may not be published, with no photo, sent before Yasmine's alert. */
export function unnamedBoy(over: Partial<ActivePublicAlert> = {}): ActivePublicAlert {
  return yasmine({
    publicId: 'P4WN8D',
    reference: 'TM-2026-000456',
    version: 1,
    sentAt: new Date('2026-11-21T18:00:00Z'),
    texts: {
      'ar-MA': { sms70: 'SMS 19', short90: 'CB 19', short360: 'CB 19', headline: 'طفل مختف في سلا (15 سنة)', description: 'اختفى طفل يبلغ 15 سنة في تابريكت، سلا.', instruction: 'لا تتدخلوا بأنفسكم. اتصلوا بالرقم 19 (112 من الهاتف المحمول) مع ذكر المرجع TM-2026-000456.' },
      'fr-MA': { sms70: 'SMS 19', short90: 'CB 19', short360: 'CB 19', headline: 'Disparu à Salé : garçon de 15 ans', description: 'Un garçon de 15 ans a disparu à Tabriquet, Salé.', instruction: 'N’intervenez pas. Appelez le 19 (112 depuis un mobile) en citant la référence TM-2026-000456.' },
      'zgh-Tfng': { sms70: 'SMS 19', short90: 'CB 19', short360: 'CB 19', headline: 'ⴰⵔⴱⴰ ⵉⵊⵍⴰⵏ: 15 ⵉⵙⴳⴳⵯⴰⵙⵏ (ⵙⵍⴰ)', description: 'ⴰⵔⴱⴰ, 15 ⵉⵙⴳⴳⵯⴰⵙⵏ, ⵉⵊⵍⴰ. ⴰⴷⵖⴰⵔ: ⵜⴰⴱⵔⵉⴽⵜ, ⵙⵍⴰ.', instruction: 'ⵓⵔ ⵜⵜⴽⵛⵛⴰⵎ. ⵖⵔ 19 (112 ⵙⴳ ⵓⵏⵇⵇⴰⵍ). ⵉⵏⵉ ⵓⵟⵟⵓⵏ: TM-2026-000456.' },
    },
    displayName: { ar: null, latin: null },
    ageYears: 15,
    sex: 'male',
    lastSeenAt: new Date('2026-11-21T16:40:00Z'),
    photo: null,
    zone: circleZone(34.0531, -6.7985, 30, { 'ar-MA': 'سلا (30 كلم)', 'fr-MA': 'Salé (30 km)', 'zgh-Tfng': 'ⵙⵍⴰ (30 km)' }),
    ...over,
  });
}

/** A synthetic drill, clearly marked. */
export function exerciseAlert(over: Partial<ActivePublicAlert> = {}): ActivePublicAlert {
  return yasmine({ publicId: 'EXRC01', reference: 'TM-2026-900001', exercise: true, sentAt: new Date('2026-11-22T09:00:00Z'), photo: { path: '/alerts/EXRC01/photo.jpg', width: 480, height: 640 }, ...over });
}

/** `text` repeated to exactly `n` code points. */
const fill = (text: string, n: number): string => {
  const points = [...text];
  return Array.from({ length: n }, (_, i) => points[i % points.length]).join('');
};

/**
 * Every text at its maximum length in each language (Tifinagh takes 3 bytes a character in UTF-8),
 * long names, and a large zone: a 160 km circle around Casablanca plus two regions and a province.
 */
export function longAlert(geo: ZoneGeography): ActivePublicAlert {
  const outline = zoneGeoJson({ circles: [{ center: { lat: 33.5731, lon: -7.5898 }, radiusKm: 160 }], provinces: ['MA-CAS'], regions: ['MA-06', 'MA-04'], polygons: [] }, geo);
  const L = ALERT_TEXT_LIMITS;
  const paragraphs = (sentence: string, n: number) => fill(`${sentence} `, n - 2).replace(/(.{300})/gsu, '$1\n').slice(0, n);
  return yasmine({
    publicId: 'L0NG01',
    texts: {
      'ar-MA': { sms70: 'SMS 19', short90: 'CB 19', short360: 'CB 19', headline: fill('طفلة مختفية في الدار البيضاء ', L.headline), description: paragraphs('كانت ترتدي عند اختفائها وزرة مدرسية بيضاء وحذاء رياضيا ورديا.', L.description), instruction: fill('لا تتدخلوا بأنفسكم. اتصلوا بالرقم 19. ', L.instruction) },
      'fr-MA': { sms70: 'SMS 19', short90: 'CB 19', short360: 'CB 19', headline: fill('Disparue à Casablanca : fillette ', L.headline), description: paragraphs('Elle était vêtue d’un tablier scolaire blanc et de baskets roses.', L.description), instruction: fill('N’intervenez pas vous-même. Appelez le 19. ', L.instruction) },
      'zgh-Tfng': { sms70: 'SMS 19', short90: 'CB 19', short360: 'CB 19', headline: fill('ⵜⴰⵔⴱⴰⵜ ⵉⵊⵍⴰⵏ ⴳ ⴰⵏⴼⴰ ', L.headline), description: paragraphs('ⵜⵍⵙⴰ: ⵜⴰⴱⵍⵓⵣⵜ ⵜⴰⵎⵍⵍⴰⵍⵜ ⵏ ⵜⵉⵏⵎⵍ, ⵉⴷⵓⴽⴰⵏ ⵉⵡⵔⴷⵉⵢⵏ.', L.description), instruction: fill('ⵓⵔ ⵜⵜⴽⵛⵛⴰⵎ. ⵖⵔ 19 (112 ⵙⴳ ⵓⵏⵇⵇⴰⵍ). ', L.instruction) },
    },
    displayName: { ar: fill('عبد الرحمان بن عبد الله ', 60), latin: fill('Abderrahmane Ben Abdellah ', 60) },
    zone: { areaDesc: { 'ar-MA': fill('الدار البيضاء-سطات والرباط-سلا-القنيطرة ', 49), 'fr-MA': fill('Casablanca-Settat et Rabat-Salé-Kénitra ', 49), 'zgh-Tfng': fill('ⴰⵏⴼⴰ-ⵙⵟⵟⴰⵜ ⴷ ⵔⴱⴰⵟ-ⵙⵍⴰ-ⵇⵏⵉⵟⵔⴰ ', 49) }, outline, bbox: bboxOfCollection(outline) },
  });
}

export function endedAlert(outcome: EndedPublicAlert['outcome'], over: Partial<EndedPublicAlert> = {}): EndedPublicAlert {
  return { state: 'ended', publicId: 'K7QX2M', reference: 'TM-2026-000123', exercise: false, version: 3, endedAt: new Date('2026-11-22T09:30:00Z'), outcome, ...over };
}

/** Bytes of a JPEG (its start and end markers around a marker text); the site passes them through untouched. */
export const jpegBytes = (tag: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(tag), Buffer.from([0xff, 0xd9])]);

/**
 * A PublicAlertSource holding the given views, and a photo for every view with one (its bytes name
 * the id and variant). It keeps photos of ended alerts too, to prove the routes refuse them anyway.
 */
export function literalSource(views: readonly PublicAlertView[], options: { photosOf?: readonly string[] } = {}): PublicAlertSource & { readonly calls: string[] } {
  const calls: string[] = [];
  const photosOf = new Set(options.photosOf ?? views.filter((v) => v.state === 'active' && v.photo).map((v) => v.publicId));
  return {
    calls,
    listActive: async (limit) => {
      calls.push(`listActive(${limit})`);
      return views.filter((v): v is ActivePublicAlert => v.state === 'active').slice(0, limit);
    },
    get: async (publicId) => {
      calls.push(`get(${publicId})`);
      return views.find((v) => v.publicId === publicId);
    },
    photo: async (publicId, variant: PublicPhotoVariant) => {
      calls.push(`photo(${publicId},${variant})`);
      return photosOf.has(publicId) ? { bytes: jpegBytes(`${publicId}-${variant}`), etag: `${publicId}-${variant}-v1` } : undefined;
    },
  };
}
