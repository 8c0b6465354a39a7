/**
 * Cases and alerts for the browser tests, made through the HTTP API by officers who are not the
 * browser's users (so four eyes never stops a decision the test wants to take in the browser).
 *
 * @example
 *   const seeder = await makeSeeder(h, 'MA-RAB');
 *   const a = await seeder.requestedAlert({ given: 'Salma' });  // awaiting the supervisor
 *   await seeder.decideAll(a.alertId);                          // active
 */
import assert from 'node:assert/strict';
import { validRecord, type Draft } from '../../../src/domain/case/case-fixtures.test-support.ts';
import { signIn } from '../../support/auth.ts';
import type { ConsoleHarness } from './console-harness.ts';

type Headers = { cookie: string; 'x-csrf-token': string };

export interface SeededAlert {
  readonly caseId: string;
  readonly alertId: string;
  readonly publicId: string;
  readonly reference: string;
}

/** Distinctive restricted values, to check they never show to readers who may not see them. */
export const RESTRICTED_MARKERS = { address: '7 impasse Restreinte, Agdal', narrative: 'Récit restreint : dispute au domicile la veille.', reporter: 'Rkiyamarker' } as const;

export function recordFor(h: ConsoleHarness, names: { readonly given: string; readonly family?: string }): Draft {
  const r = validRecord();
  const seen = new Date(h.clock.now().getTime() - 40 * 60_000).toISOString();
  r.child.givenNameLatin = names.given;
  r.child.familyNameLatin = names.family ?? 'Test';
  r.child.givenNameAr = null;
  r.child.familyNameAr = null;
  r.child.photos = [];
  r.lastSeen.at = seen;
  r.lastSeen.address = RESTRICTED_MARKERS.address;
  r.circumstances.narrative = RESTRICTED_MARKERS.narrative;
  r.circumstances.indicators = ['abduction_suspected'];
  r.reporter.givenName = RESTRICTED_MARKERS.reporter;
  r.reporter.consents.publishName!.at = seen;
  r.reporter.consents.publishPhoto!.at = seen;
  return r;
}

export async function makeSeeder(h: ConsoleHarness, jurisdiction = 'MA-RAB') {
  const officer = (await signIn(h.t, h.app, { role: 'officer', jurisdiction })).headers;
  let deciders: { supervisor: Headers; central: Headers; prosecutor: Headers } | undefined;
  const post = async (url: string, who: Headers, payload: unknown = {}) => {
    const res = await h.app.inject({ method: 'POST', url, headers: who, payload: payload as Record<string, unknown> });
    assert.ok(res.statusCode < 300, `${url}: ${res.statusCode} ${res.body}`);
    return res.json<Record<string, unknown>>();
  };
  const region = jurisdiction === 'MA-RAB' ? 'MA-04' : 'MA';

  return {
    officer,
    post,
    async openCase(names: { readonly given: string; readonly family?: string }): Promise<{ caseId: string; reference: string }> {
      const c = await post('/api/cases', officer, { record: recordFor(h, names), exercise: true });
      const meta = c.case as { id: string; reference: string };
      await post(`/api/cases/${meta.id}/assessment`, officer, { publishingEndangersChild: false });
      return { caseId: meta.id, reference: meta.reference };
    },
    async requestedAlert(names: { readonly given: string; readonly family?: string }): Promise<SeededAlert> {
      const { caseId, reference } = await this.openCase(names);
      const alert = (await post(`/api/cases/${caseId}/alerts`, officer)) as { id: string; publicId: string };
      await post(`/api/alerts/${alert.id}/request`, officer);
      return { caseId, alertId: alert.id, publicId: alert.publicId, reference };
    },
    /** Every step approved by API deciders: the alert is published. */
    async decideAll(alertId: string): Promise<void> {
      deciders ??= {
        supervisor: (await signIn(h.t, h.app, { role: 'supervisor', jurisdiction: region })).headers,
        central: (await signIn(h.t, h.app, { role: 'central_command', jurisdiction: 'MA' })).headers,
        prosecutor: (await signIn(h.t, h.app, { role: 'prosecutor_liaison', jurisdiction })).headers,
      };
      await post(`/api/alerts/${alertId}/decisions`, deciders.supervisor, { step: 'supervisor_check', outcome: 'approved' });
      await post(`/api/alerts/${alertId}/decisions`, deciders.central, { step: 'central_validation', outcome: 'approved' });
      await post(`/api/alerts/${alertId}/decisions`, deciders.prosecutor, {
        step: 'prosecutor_decision',
        outcome: 'approved',
        prosecutor: { court: 'Parquet — TPI Rabat', fileReference: '2026/77', magistrate: 'Substitut du procureur', decidedAt: h.clock.now().toISOString() },
      });
    },
  };
}
