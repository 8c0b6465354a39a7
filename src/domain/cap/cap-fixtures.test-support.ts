/**
 * A synthetic Exercise alert for CAP tests: three languages (Arabic, French, Tamazight in Tifinagh), a
 * circle, a polygon and ISO 3166-2 geocodes, a photo resource with size and SHA-1 digest, and the chain
 * Alert → Update → Cancel. Every value is invented; nothing here describes a real child.
 *
 * @example
 *   const { alert, update, cancel } = exerciseChain();
 */
import { createHash } from 'node:crypto';
import type { CapArea, CapInfo, CapResource } from './cap-document.ts';
import { CAP_CLOSING_RATINGS } from './cap-ratings.ts';
import { capAlert, capCancel, capIdentifier, capUpdate, type CapVersionContent } from './cap-versions.ts';
import type { CapLanguage } from './cap-vocabulary.ts';

export const BASE_URL = 'https://tifli.example.ma';
export const PUBLIC_ID = 'TM-2026-000123';
export const SENDER = 'tifli.dgsn.example.ma';
export const SENT = new Date('2026-03-11T14:30:05.678Z');

const PHOTO_BYTES = Buffer.from('synthetic exercise photo, not a real image');
export const PHOTO: CapResource = {
  resourceDesc: 'Photo',
  mimeType: 'image/jpeg',
  size: PHOTO_BYTES.length,
  uri: `${BASE_URL}/media/${PUBLIC_ID}/photo-1.jpg`,
  digest: createHash('sha1').update(PHOTO_BYTES).digest('hex'),
};

export const AREA: CapArea = {
  areaDesc: 'Casablanca — Hay Hassani',
  polygons: [
    [
      { lat: 33.58, lon: -7.68 },
      { lat: 33.6, lon: -7.6 },
      { lat: 33.54, lon: -7.58 },
      { lat: 33.52, lon: -7.66 },
      { lat: 33.58, lon: -7.68 },
    ],
  ],
  circles: [{ center: { lat: 33.5731, lon: -7.5898 }, radiusKm: 25 }],
  geocodes: [
    { valueName: 'ISO3166-2', value: 'MA-CAS' },
    { valueName: 'ISO3166-2', value: 'MA-06' },
  ],
};

const TEXT: Record<CapLanguage, { event: string; headline: string; description: string; instruction: string; senderName: string }> = {
  'ar-MA': {
    event: 'إنذار اختطاف طفل',
    headline: 'تمرين: طفلة مفقودة في الدار البيضاء',
    description: 'تمرين — بيانات وهمية. سلمى، 7 سنوات، شعر أسود، ترتدي معطفا أحمر. شوهدت آخر مرة في حي الحسني.',
    instruction: 'إذا رأيتموها، اتصلوا بالرقم 19 ولا تتدخلوا بأنفسكم.',
    senderName: 'المديرية العامة للأمن الوطني',
  },
  'fr-MA': {
    event: 'Alerte enlèvement',
    headline: 'EXERCICE : fillette disparue à Casablanca',
    description: 'Exercice — données fictives. Salma, 7 ans, cheveux noirs, manteau rouge. Vue pour la dernière fois à Hay Hassani.',
    instruction: "Si vous la voyez, appelez le 19 et n'intervenez pas vous-même.",
    senderName: 'Direction générale de la Sûreté nationale',
  },
  'zgh-Tfng': {
    event: 'ⴰⵍⵖⵓ ⵏ ⵓⴽⴽⴰⵙ ⵏ ⵓⵔⴰⵡ',
    headline: 'ⴰⵙⵎⵓⵜⵜⴳ: ⵜⴰⵔⴰⵡⵜ ⵉⵜⵜⵓⵔⵣⴰⵏ ⴳ ⵜⴳⵎⵎⵉ ⵜⵓⵎⵍⵉⵍⵜ',
    description: 'ⴰⵙⵎⵓⵜⵜⴳ — ⵉⵙⴼⴽⴰ ⵓⵔ ⵉⵍⵍⵉⵏ. ⵙⵍⵎⴰ, 7 ⵉⵙⴳⴳⵯⴰⵙⵏ.',
    instruction: 'ⵖⵔ 19.',
    senderName: 'ⵜⴰⵎⵀⵍⴰ ⵜⴰⵎⴰⵜⴰⵢⵜ ⵏ ⵓⵙⵏⴼⵍⵓⵍ ⴰⵏⴰⵎⵓⵔ',
  },
};

export function exerciseInfo(language: CapLanguage, overrides: Partial<CapInfo> = {}): CapInfo {
  return {
    language,
    ...TEXT[language],
    urgency: 'Immediate',
    severity: 'Extreme',
    certainty: 'Observed',
    effective: SENT,
    expires: new Date(SENT.getTime() + 24 * 3600_000),
    web: `${BASE_URL}/alerts/${PUBLIC_ID}`,
    contact: '19 / 112',
    parameters: [{ valueName: 'publicId', value: PUBLIC_ID }],
    resources: [PHOTO],
    areas: [AREA],
    ...overrides,
  };
}

export function exerciseContent(version: number, sent: Date, overrides: Partial<CapInfo> = {}): CapVersionContent {
  return {
    identifier: capIdentifier('ma.dgsn.tifli', PUBLIC_ID, version),
    sender: SENDER,
    sent,
    status: 'Exercise',
    note: 'Exercise: synthetic data.',
    incidents: [PUBLIC_ID],
    infos: (['ar-MA', 'fr-MA', 'zgh-Tfng'] as const).map((l) => exerciseInfo(l, overrides)),
  };
}

/** Alert, an Update (wider circle) 30 min later, and the closing Cancel 2 h later. */
export function exerciseChain() {
  const alert = capAlert(exerciseContent(1, SENT));
  const wider: CapArea = { ...AREA, circles: [{ center: AREA.circles[0]!.center, radiusKm: 60 }] };
  const update = capUpdate([alert], exerciseContent(2, new Date(SENT.getTime() + 30 * 60_000), { areas: [wider] }));
  const cancel = capCancel(
    [alert, update],
    exerciseContent(3, new Date(SENT.getTime() + 2 * 3600_000), {
      ...CAP_CLOSING_RATINGS,
      responseTypes: ['AllClear'],
      headline: 'Exercise: alert ended, thank you',
      description: 'Exercise ended. Thank you for your help.',
      instruction: 'No action needed.',
      resources: [],
      areas: [wider],
    }),
  );
  return { alert, update, cancel };
}
