/**
 * Turns a version the domain produced (Alert, Update or Cancel) into what is stored and served: its
 * public view and its CAP 1.2 document, both built from the case's public subset and the public zone
 * only. Runs inside the transaction that records the step, so a version exists exactly when its step does.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AlertVersion } from '../../domain/alert/alert-lifecycle.ts';
import type { Assessment } from '../../domain/case/assessment.ts';
import { capXml } from '../../domain/cap/cap-document.ts';
import { capRatings } from '../../domain/cap/cap-ratings.ts';
import { type CapVersionContent, capAlert, capCancel, capUpdate } from '../../domain/cap/cap-versions.ts';
import type { CapAlertVersion } from '../../domain/cap/cap-document.ts';
import { compactZoneCells, zoneCells } from '../../domain/zone/zone-cells.ts';
import { findCase } from '../../store/repositories/cases.repository.ts';
import { findPhotoBytes, listCasePhotos } from '../../store/repositories/photos.repository.ts';
import { type AlertVersionRow, insertVersion, listVersions } from '../../store/repositories/alerts.repository.ts';
import type { DB } from '../../store/schema.ts';
import type { AppContext } from '../context.ts';
import { publicSubset } from '../cases/read-case.ts';
import { CAP_SENDER, activeCapContent, cancelCapContent } from './alert-cap.ts';
import type { LoadedAlert } from './alert-store.ts';
import { activeView, endedView, storedView } from './public-view.ts';
import { publicZone } from './public-zone.ts';
import { queueDispatches } from '../distribution/queue-dispatches.ts';

/** Earlier versions as the CAP chain needs them (sender, identifier, sent, status, type). */
function capStub(row: AlertVersionRow, exercise: boolean): CapAlertVersion {
  return { identifier: row.cap_identifier, sender: CAP_SENDER, sent: row.sent_at, status: exercise ? 'Exercise' : 'Actual', msgType: row.msg_type, references: [], infos: [] };
}

export async function storeVersion(trx: Transaction<DB>, ctx: AppContext, alert: LoadedAlert, version: AlertVersion): Promise<void> {
  const { row, draft } = alert;
  const caseRow = await findCase(trx, row.case_id);
  if (!caseRow) throw new Error('alert without its case');
  const sentAt = new Date(version.at);
  // A Cancel stays valid for a day after it is sent (an expired alert's own expiry is already past), so
  // receivers keep honouring the withdrawal.
  const expiresAt = version.msgType === 'Cancel' ? new Date(Math.max(Date.parse(version.expiresAt), sentAt.getTime() + 24 * 3_600_000)) : new Date(version.expiresAt);
  const input = { publicId: row.public_id, version: version.number, sentAt, expiresAt, exercise: row.is_exercise, baseUrl: ctx.config.publicBaseUrl };
  const earlier = (await listVersions(trx, row.id)).map((v) => capStub(v, row.is_exercise));
  const zone = publicZone(draft.zone);
  let content: CapVersionContent;
  let publicContent: Record<string, unknown>;
  let photoId: string | null = null;

  if (version.msgType === 'Cancel') {
    content = cancelCapContent(input, zone, draft.zone, ctx.geo);
    publicContent = storedView(endedView(row.public_id, caseRow.reference, row.is_exercise, version.number, sentAt, version.outcome ?? 'withdrawn'));
  } else {
    const photos = await listCasePhotos(trx, row.case_id);
    const pub = publicSubset(caseRow, photos);
    // The photo is published only if the public subset carries it: chosen for publication, with consent.
    const chosen = draft.photoId && pub.child?.photos?.some((p) => p.id === draft.photoId) ? photos.find((p) => p.id === draft.photoId && p.publishable && !p.encrypted) : undefined;
    let resource = null;
    if (chosen) {
      const bytes = await findPhotoBytes(trx, chosen.id, 'full');
      if (bytes) {
        photoId = chosen.id;
        resource = {
          resourceDesc: 'Photo',
          mimeType: 'image/jpeg',
          size: bytes.stored.length,
          uri: `${ctx.config.publicBaseUrl}/alerts/${row.public_id}/photo.jpg`,
          digest: createHash('sha1').update(bytes.stored).digest('hex'),
        };
      }
    }
    const view = activeView(
      {
        publicId: row.public_id,
        reference: caseRow.reference,
        exercise: row.is_exercise,
        version: version.number,
        sentAt,
        expiresAt,
        draft,
        publicRecord: pub,
        zone,
        namingZone: draft.zone,
        photo: chosen ? { width: chosen.width, height: chosen.height } : null,
        lastSeenAt: caseRow.last_seen_at,
      },
      ctx.geo,
    );
    publicContent = storedView(view);
    const assessment = caseRow.assessment as unknown as Assessment | null;
    const ratings = assessment ? capRatings(assessment) : { urgency: 'Immediate' as const, severity: 'Severe' as const, certainty: 'Likely' as const };
    content = activeCapContent(input, view, zone, draft.zone, ctx.geo, ratings, resource);
  }

  const cap = version.msgType === 'Alert' ? capAlert(content) : version.msgType === 'Update' ? capUpdate(earlier, content) : capCancel(earlier, content);
  await insertVersion(trx, {
    alertId: row.id,
    version: version.number,
    msgType: version.msgType,
    updateKind: version.kind,
    capIdentifier: cap.identifier,
    sentAt,
    expiresAt,
    publicContent,
    capXml: capXml(cap),
    // Internal: who is inside the real zone (subscribers, tips), compacted; never served publicly.
    zoneCells: version.msgType === 'Cancel' ? [] : compactZoneCells(zoneCells(draft.zone, ctx.geo)),
    photoId,
  });
  // The outbox: the version's deliveries exist exactly when the version does.
  await queueDispatches(trx, ctx, row.id, version.number, version.msgType, sentAt);
}
