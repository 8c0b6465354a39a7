/**
 * A CAP 1.2 preview of the draft, built with the same serialiser as the published documents
 * (src/domain/cap/cap-document.ts). It is a preview: the published version uses the public zone
 * (circle centres moved to their H3 cell), the poster resources and the server's identifiers.
 */
import { capXml, type CapArea } from '../../../../src/domain/cap/cap-document.ts';
import type { AlertDraftView, AlertView } from '../../api/types.ts';

const EVENTS = { 'ar-MA': 'إنذار اختفاء طفل', 'fr-MA': 'Alerte enlèvement', 'zgh-Tfng': 'ⴰⵙⵍⵖⵓ ⵏ ⵓⴼⵔⵓⵅ' } as const;

export function capPreview(alert: AlertView, draft: AlertDraftView): { ok: true; xml: string } | { ok: false; problem: string } {
  const now = new Date();
  const expires = new Date(now.getTime() + draft.durationHours * 3_600_000);
  const area: CapArea = {
    areaDesc: 'Preview',
    polygons: draft.zone.polygons.map((p) => (p.coordinates[0] ?? []).map((c) => ({ lat: c[1] ?? 0, lon: c[0] ?? 0 }))),
    circles: draft.zone.circles.map((c) => ({ center: c.center, radiusKm: c.radiusKm })),
    geocodes: [...draft.zone.provinces, ...draft.zone.regions].map((value) => ({ valueName: 'ISO3166-2' as const, value })),
  };
  try {
    const xml = capXml({
      identifier: `preview-${alert.publicId}`,
      sender: 'tifli.preview',
      sent: now,
      status: alert.exercise ? 'Exercise' : 'Actual',
      msgType: 'Alert',
      references: [],
      incidents: [alert.publicId],
      infos: (['ar-MA', 'fr-MA', 'zgh-Tfng'] as const).map((language) => ({
        language,
        event: EVENTS[language],
        responseTypes: ['Monitor'],
        urgency: 'Immediate',
        severity: 'Severe',
        certainty: 'Likely',
        expires,
        senderName: 'DGSN',
        headline: draft.texts[language].headline,
        description: draft.texts[language].description,
        instruction: draft.texts[language].instruction,
        web: `${window.location.origin}/alerts/${alert.publicId}`,
        contact: '19',
        parameters: [],
        resources: [],
        areas: [area],
      })),
    });
    return { ok: true, xml };
  } catch (err) {
    return { ok: false, problem: err instanceof Error ? err.message : String(err) };
  }
}
