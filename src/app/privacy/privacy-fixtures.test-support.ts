/**
 * Fixtures for the privacy tests: staff actors, and a case taken through its whole life (photos, an
 * urgent alert with an update and its end, tips with a tipster's contact, a photo and a triage step,
 * closure) so the retention purge and the access export have every kind of data to work on.
 * Synthetic data only.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Role, UserActor } from '../../domain/actor.ts';
import type { Draft } from '../../domain/case/case-fixtures.test-support.ts';
import type { TestContext } from '../../../test/support/test-store.ts';
import { systemActor } from '../accounts/actors.ts';
import { createUser } from '../accounts/users.ts';
import { endAlert, requestAlertDecisions, urgentPublishAlert } from '../alerts/alert-actions.ts';
import { updateActiveAlert } from '../alerts/edit-alert.ts';
import { createAlertDraft } from '../alerts/create-alert.ts';
import { assessCaseNow, overrideCaseAssessment } from '../cases/assess-case.ts';
import { addCasePhoto } from '../cases/case-photos.ts';
import { openCase } from '../cases/open-case.ts';
import { transitionCase } from '../cases/transition-case.ts';
import { jurisdictionPath } from '../../store/repositories/jurisdictions.repository.ts';
import { ManualClock } from '../../platform/clock.ts';

export async function staff(t: TestContext, role: Role, jurisdiction: string): Promise<UserActor> {
  const username = `${role.replace(/_/g, '-')}-${randomBytes(4).toString('hex')}`;
  const { user } = await createUser(t, systemActor('test'), { username, displayName: `Test ${role}`, role, jurisdiction });
  return { kind: 'user', id: user.id, username, role, jurisdiction, jurisdictionPath: (await jurisdictionPath(t.store.db, jurisdiction)) ?? [jurisdiction], ip: null };
}

export interface Crew {
  readonly officer: UserActor;
  readonly central: UserActor;
  readonly dpo: UserActor;
}

export async function crew(t: TestContext): Promise<Crew> {
  return { officer: await staff(t, 'officer', 'MA-RAB'), central: await staff(t, 'central_command', 'MA'), dpo: await staff(t, 'dpo', 'MA') };
}

export async function jpeg(shade: number): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: { r: shade, g: 90, b: 160 } } }).jpeg().toBuffer();
}

export interface LivedCase {
  readonly caseId: string;
  readonly reference: string;
  readonly alertId: string;
  readonly publicId: string;
  readonly tipIds: readonly string[];
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const tipReference = () => [...randomBytes(8)].map((b) => CROCKFORD[b % 32]).join('');

/**
 * Opens the case, adds a publishable and a sealed photo, publishes an urgent alert, widens its zone,
 * receives two tips (one with a contact and a photo, then triaged), ends the alert and closes the case.
 * The clock moves forward as it goes; the case is closed at the clock's time on return.
 */
export async function livedCase(t: TestContext, c: Crew, record: Draft, opts: { exercise?: boolean } = {}): Promise<LivedCase> {
  const clock = t.clock;
  if (!(clock instanceof ManualClock)) throw new Error('livedCase needs a test context on a ManualClock');
  const opened = await openCase(t, c.officer, record, { exercise: opts.exercise ?? false });
  const caseId = opened.meta.id;
  await addCasePhoto(t, c.officer, caseId, { bytes: await jpeg(30), publishable: true, declaredType: 'image/jpeg' });
  await addCasePhoto(t, c.officer, caseId, { bytes: await jpeg(200), publishable: false, declaredType: 'image/jpeg' });
  const assessed = await assessCaseNow(t, c.officer, caseId, { publishingEndangersChild: false });
  if (!assessed.eligible) await overrideCaseAssessment(t, c.officer, caseId, { reason: 'Disparition inquiétante confirmée par un témoin.', eligible: true });
  const draft = await createAlertDraft(t, c.officer, caseId);
  await requestAlertDecisions(t, c.officer, draft.row.id);
  await urgentPublishAlert(t, c.central, draft.row.id, 'Enlèvement vu par un témoin, urgence absolue.');
  clock.advance(20 * 60_000);
  await updateActiveAlert(t, c.officer, draft.row.id, 'zone', { zone: { ...draft.draft.zone, circles: [{ center: record.lastSeen.point, radiusKm: 40 }] } });

  const tipIds = [randomUUID(), randomUUID()];
  const at = new Date(t.clock.now());
  await t.store.db
    .insertInto('tips')
    .values([
      { id: tipIds[0] ?? '', reference: tipReference(), alert_id: draft.row.id, case_id: caseId, source: 'web', seen: 'MARKER-tip-seen near the bus station', place: 'MARKER-tip-place', lat: 34.01, lon: -6.83, contact: 'f1.MARKER-sealed-contact', received_at: at },
      { id: tipIds[1] ?? '', reference: tipReference(), alert_id: draft.row.id, case_id: caseId, source: 'web', seen: 'MARKER-tip-second', received_at: at },
    ])
    .execute();
  await t.store.db
    .insertInto('tip_photos')
    .values({ tip_id: tipIds[0] ?? '', case_id: caseId, mime: 'image/jpeg', width: 10, height: 10, bytes: Buffer.from('sealed'), thumb: Buffer.from('sealed'), sha256: 'a'.repeat(64), byte_size: 6, created_at: at })
    .execute();
  await t.store.db.updateTable('tips').set({ status: 'under_review', status_changed_at: at }).where('id', '=', tipIds[0] ?? '').execute();
  await t.store.db
    .insertInto('tip_status_history')
    .values({ id: randomUUID(), tip_id: tipIds[0] ?? '', at, actor_id: c.officer.id, from_status: 'new', to_status: 'under_review', reason: 'MARKER-triage-reason' })
    .execute();

  clock.advance(60 * 60_000);
  await endAlert(t, c.officer, draft.row.id, 'found', 'Retrouvée saine et sauve chez une voisine.');
  await transitionCase(t, c.officer, caseId, { type: 'close', outcome: 'found_safe', reason: 'MARKER-closure-reason: found at a neighbour’s home.' });
  return { caseId, reference: opened.meta.reference, alertId: draft.row.id, publicId: draft.row.public_id, tipIds };
}
