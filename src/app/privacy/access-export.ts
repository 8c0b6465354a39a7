/**
 * A guardian's access request, carried out by staff (the DPO, or an officer of the case's jurisdiction:
 * policy `privacy.access_export`): everything held about the child and the guardian in one case — the
 * whole record decrypted, photos (metadata), alert versions and decisions, tip counts (never who wrote
 * them), rectifications and the history of actions on the case. The read is audited like any read of
 * restricted data (with the stated purpose: the request), and the export itself is audited.
 *
 * @example
 *   const x = await accessExport(ctx, dpo, caseId, 'Demande du père reçue le 20/11/2026, courrier 2026-114');
 *   renderAccessExportMarkdown(x, 'ar');
 */
import type { TokenActor, UserActor } from '../../domain/actor.ts';
import { pathsPresent } from '../../domain/case/field-classes.ts';
import { AppError } from '../../domain/errors.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { type AccessExport, flattenRecord, isAboutGuardian } from '../../domain/privacy/access-export.ts';
import { allCasePhotos, caseAlertsWithHistory, caseAuditEntries, caseTipCounts } from '../../store/repositories/access-export.repository.ts';
import { findProgress } from '../../store/repositories/retention.repository.ts';
import { PURPOSE_MAX_LENGTH, auditRead } from '../audit/audit-read.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { openStoredCase } from '../cases/open-stored-case.ts';
import { caseJurisdictionPath } from '../cases/case-view.ts';
import { loadCaseRow } from '../cases/read-case.ts';
import { readRectifications } from './rectify-case.ts';

/** Audit entries listed in one export; a case's history is far shorter in practice. */
const HISTORY_LIMIT = 5000;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function accessExport(ctx: AppContext, actor: UserActor | TokenActor, caseId: string, purpose: string): Promise<AccessExport> {
  const row = await loadCaseRow(ctx.store.db, caseId);
  assertAllowed(actor, 'privacy.access_export', { jurisdictionPath: caseJurisdictionPath(row) });
  const stated = purpose.trim();
  if (stated === '' || stated.length > PURPOSE_MAX_LENGTH) {
    throw new AppError('validation_failed', 'An access export needs the request as its stated purpose.', { errors: [{ field: 'purpose', message: `must state the request, in at most ${PURPOSE_MAX_LENGTH} characters` }] });
  }
  return ctx.store.db.transaction().execute(async (trx) => {
    const { record, sensitiveErased } = await openStoredCase(trx, ctx, row);
    const purged = (await findProgress(trx, row.id))?.purgedAt != null;
    const fields = flattenRecord(record);
    const alerts = await caseAlertsWithHistory(trx, row.id);
    const tips = await caseTipCounts(trx, row.id);
    const rectifications = await readRectifications(trx, ctx, row.id, sensitiveErased);
    const history = await caseAuditEntries(trx, row.id, alerts.map((a) => a.id), HISTORY_LIMIT);
    const photos = await allCasePhotos(trx, row.id);

    // Like any read of the file: the fields returned, with the request as the purpose.
    const read = [...pathsPresent(record), ...(rectifications.length ? ['rectifications'] : [])];
    if (read.length > 0) await auditRead(trx, ctx.clock, actor, { objectType: 'case', objectId: row.id, fields: read, purpose: stated });

    const x: AccessExport = {
      generatedAt: ctx.clock.now().toISOString(),
      case: {
        id: row.id,
        reference: row.reference,
        status: row.status,
        openedAt: row.opened_at.toISOString(),
        closedAt: iso(row.closed_at),
        closureOutcome: row.closure_outcome,
        jurisdictionCode: row.jurisdiction_code,
        exercise: row.is_exercise,
      },
      erased: { sensitive: sensitiveErased, restricted: purged },
      aboutChild: fields.filter((f) => !isAboutGuardian(f)),
      aboutGuardian: fields.filter(isAboutGuardian),
      photos: photos.map((p) => ({ id: p.id, publishable: p.publishable, width: p.width, height: p.height, addedAt: p.created_at.toISOString(), deletedAt: iso(p.deleted_at) })),
      alerts: alerts.map((a) => ({
        publicId: a.public_id,
        state: a.state,
        versions: a.versions.map((v) => ({ version: v.version, msgType: v.msg_type, sentAt: v.sent_at.toISOString(), redacted: v.redacted_at !== null, publicContent: v.public_content })),
        decisions: a.decisions.map((d) => {
          const r = d.record;
          return {
            seq: d.seq,
            kind: d.kind,
            outcome: d.outcome,
            at: d.decided_at.toISOString(),
            byRole: typeof r.actorRole === 'string' ? r.actorRole : null,
            reason: typeof r.reason === 'string' ? r.reason : null,
            prosecutor: isObject(r.prosecutor) ? r.prosecutor : null,
          };
        }),
      })),
      tips: { total: Object.values(tips.byStatus).reduce((a, b) => a + b, 0), byStatus: tips.byStatus, withContact: tips.withContact },
      rectifications,
      history: history.map((h) => ({
        at: h.at.toISOString(),
        action: h.action,
        actorRole: h.actor_role,
        actorJurisdiction: h.actor_jurisdiction,
        fields: Array.isArray(h.details.fields) ? h.details.fields.filter((f): f is string => typeof f === 'string') : [],
      })),
    };
    await audit(trx, ctx.clock, actor, {
      objectType: 'case',
      objectId: row.id,
      action: 'privacy.access_export',
      purpose: stated,
      details: { fields: x.aboutChild.length + x.aboutGuardian.length, photos: x.photos.length, alerts: x.alerts.length, rectifications: x.rectifications.length, historyEntries: x.history.length },
    });
    return x;
  });
}
