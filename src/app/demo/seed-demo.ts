/**
 * A synthetic exercise for newcomers and drills: demo staff accounts (no password: they cannot sign in),
 * three exercise cases (one just opened, one with an active alert that went through the whole decision
 * chain, one closed) — all marked as exercises, so their alerts are CAP status Exercise everywhere.
 * Running it again reuses the demo accounts and adds a fresh set of cases.
 */
import { randomUUID } from 'node:crypto';
import type { Role, UserActor } from '../../domain/actor.ts';
import type { CaseRecord } from '../../domain/case/case-record.ts';
import { findUserByUsername } from '../../store/repositories/users.repository.ts';
import { systemActor } from '../accounts/actors.ts';
import { createUser } from '../accounts/users.ts';
import { decideAlert, requestAlertDecisions } from '../alerts/alert-actions.ts';
import { createAlertDraft } from '../alerts/create-alert.ts';
import { assessCaseNow, overrideCaseAssessment } from '../cases/assess-case.ts';
import { openCase } from '../cases/open-case.ts';
import { transitionCase } from '../cases/transition-case.ts';
import type { AppContext } from '../context.ts';

const DEMO_STAFF: readonly { username: string; role: Role; jurisdiction: string; path: string[] }[] = [
  { username: 'demo-officer-rabat', role: 'officer', jurisdiction: 'MA-RAB', path: ['MA', 'MA-04', 'MA-RAB'] },
  { username: 'demo-supervisor-rsk', role: 'supervisor', jurisdiction: 'MA-04', path: ['MA', 'MA-04'] },
  { username: 'demo-central', role: 'central_command', jurisdiction: 'MA', path: ['MA'] },
  { username: 'demo-prosecutor-rabat', role: 'prosecutor_liaison', jurisdiction: 'MA-RAB', path: ['MA', 'MA-04', 'MA-RAB'] },
];

async function demoActor(ctx: AppContext, s: (typeof DEMO_STAFF)[number]): Promise<UserActor> {
  let user = await findUserByUsername(ctx.store.db, s.username);
  user ??= (await createUser(ctx, systemActor('cli:demo'), { username: s.username, displayName: `Démo — ${s.role} (exercice)`, role: s.role, jurisdiction: s.jurisdiction })).user;
  return { kind: 'user', id: user.id, username: s.username, role: s.role, jurisdiction: s.jurisdiction, jurisdictionPath: s.path, ip: null };
}

function demoRecord(now: Date, minutesAgo: number, child: { given: string; family: string; givenAr: string; familyAr: string; sex: 'female' | 'male'; age: number }, point: { lat: number; lon: number }, commune: string): CaseRecord {
  const at = new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const consent = (what: string) => ({ given: true, at, wording: `J'accepte la publication ${what} de mon enfant (EXERCICE).`, withdrawnAt: null });
  return {
    child: {
      givenNameAr: child.givenAr, familyNameAr: child.familyAr, givenNameLatin: child.given, familyNameLatin: child.family, otherNames: [], sex: child.sex,
      birthDate: null, ageYears: child.age, idCardNumber: null, heightCm: 100 + child.age * 5, build: 'slim', hair: { colour: 'black', length: 'short', texture: 'curly' }, eyes: 'brown',
      visibleMarks: [], clothing: { items: [{ garment: 'tracksuit', colours: ['red'], note: null }, { garment: 'sneakers', colours: ['white'], note: null }], description: null },
      languages: ['ary', 'fr'], photos: [], health: { medicalNeeds: null, disability: null },
    },
    lastSeen: { at, uncertaintyMinutes: 15, point, address: null, area: { commune, neighbourhood: null }, prefectureCode: null, regionCode: null },
    circumstances: { narrative: 'EXERCICE — données synthétiques.', indicators: ['unknown_person_involved'], vulnerabilities: [] },
    investigation: { hobbies: [], personalProblems: null, placesFrequented: [], friends: [], school: null, onlineAccounts: [], phone: null },
    reporter: { givenName: 'Exercice', familyName: 'Démo', idCardNumber: null, relation: 'mother', relationDetail: null, phones: ['0600000000'], email: null, address: null, consents: { publishName: consent('du nom'), publishPhoto: consent('de la photo') } },
    suspect: null, vehicle: null, prosecutor: null,
  };
}

export interface DemoResult {
  readonly cases: readonly { readonly reference: string; readonly status: string }[];
  readonly activeAlertUrl: string;
}

export async function seedDemo(ctx: AppContext): Promise<DemoResult> {
  const [officer, supervisor, central, prosecutor] = await Promise.all(DEMO_STAFF.map((s) => demoActor(ctx, s)));
  if (!officer || !supervisor || !central || !prosecutor) throw new Error('demo staff missing');
  const now = ctx.clock.now();
  const opened = await openCase(ctx, officer, demoRecord(now, 40, { given: 'Adam', family: 'Exercice', givenAr: 'آدم', familyAr: 'تمرين', sex: 'male', age: 6 }, { lat: 34.0209, lon: -6.8416 }, 'Rabat'), { exercise: true });

  const alerted = await openCase(ctx, officer, demoRecord(now, 90, { given: 'Salma', family: 'Exercice', givenAr: 'سلمى', familyAr: 'تمرين', sex: 'female', age: 9 }, { lat: 34.0134, lon: -6.8326 }, 'Rabat'), { exercise: true });
  const assessed = await assessCaseNow(ctx, officer, alerted.meta.id, { publishingEndangersChild: false });
  if (!assessed.eligible) await overrideCaseAssessment(ctx, officer, alerted.meta.id, { reason: 'Exercice : disparition inquiétante simulée.', eligible: true });
  const draft = await createAlertDraft(ctx, officer, alerted.meta.id);
  await requestAlertDecisions(ctx, officer, draft.row.id);
  await decideAlert(ctx, supervisor, draft.row.id, { step: 'supervisor_check', outcome: 'approved' });
  await decideAlert(ctx, central, draft.row.id, { step: 'central_validation', outcome: 'approved' });
  await decideAlert(ctx, prosecutor, draft.row.id, {
    step: 'prosecutor_decision',
    outcome: 'approved',
    prosecutor: { court: 'Tribunal de première instance (exercice)', fileReference: `EX-${randomUUID().slice(0, 8)}`, magistrate: 'Magistrat (exercice)', decidedAt: now },
  });

  const closed = await openCase(ctx, officer, demoRecord(now, 600, { given: 'Yassine', family: 'Exercice', givenAr: 'ياسين', familyAr: 'تمرين', sex: 'male', age: 14 }, { lat: 33.5731, lon: -7.5898 }, 'Casablanca'), { exercise: true });
  // Casablanca lies outside the Rabat officer's jurisdiction: the central command room closes it.
  await transitionCase(ctx, central, closed.meta.id, { type: 'close', outcome: 'found_safe', reason: 'Exercice : retrouvé chez un ami, sain et sauf.' });
  return {
    cases: [
      { reference: opened.meta.reference, status: 'open' },
      { reference: alerted.meta.reference, status: 'alert_active' },
      { reference: closed.meta.reference, status: 'closed' },
    ],
    activeAlertUrl: `${ctx.config.publicBaseUrl}/alerts/${draft.row.public_id}`,
  };
}
