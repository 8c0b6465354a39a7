/**
 * Reads one case for the actor's audience. The case officer gets the whole file, with the sensitive
 * part decrypted and the read audited with its stated purpose (in the same transaction); other staff
 * get a summary of what consent allows the public to see, which needs no purpose and is not decrypted.
 */
import type { TokenActor, UserActor } from '../../domain/actor.ts';
import type { Assessment } from '../../domain/case/assessment.ts';
import { NOTHING_PUBLISHABLE, publicationPermissions } from '../../domain/case/case-consent.ts';
import type { CaseRecord } from '../../domain/case/case-record.ts';
import { type PartialCaseRecord, pathsPresent, pickByClass } from '../../domain/case/field-classes.ts';
import { AppError } from '../../domain/errors.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { type CaseRow, findCase } from '../../store/repositories/cases.repository.ts';
import { type PhotoRecord, listCasePhotos } from '../../store/repositories/photos.repository.ts';
import { withPhotos } from './prepare-record.ts';
import type { Database } from '../../store/database.ts';
import { auditRead } from '../audit/audit-read.ts';
import type { AppContext } from '../context.ts';
import { caseAudience } from './case-access.ts';
import { openStoredCase } from './open-stored-case.ts';
import { type CaseSummaryView, type CaseView, type FullCaseView, type PossibleDuplicate, caseJurisdictionPath, caseMeta } from './case-view.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadCaseRow(db: Database['db'], id: string): Promise<CaseRow> {
  const row = UUID.test(id) ? await findCase(db, id) : undefined;
  if (!row) throw new AppError('not_found', 'No case with this id.');
  return row;
}

/** The public subset of a stored record: what consent or a decision lets the public see. */
export function publicSubset(row: CaseRow, photos: readonly PhotoRecord[] = []): PartialCaseRecord {
  // Publication permissions come from restricted fields (consents, prosecutor), all in the clear part.
  const rest = withPhotos(row.record as PartialCaseRecord, photos) as CaseRecord;
  // A record whose restricted part is gone (purged, or never filled) gives no consent: nothing conditional is public.
  return pickByClass(rest, ['public'], rest.reporter?.consents ? publicationPermissions(rest) : NOTHING_PUBLISHABLE);
}

export function summaryOf(row: CaseRow, photos: readonly PhotoRecord[] = []): CaseSummaryView {
  return { audience: 'other_staff', meta: caseMeta(row), publicRecord: publicSubset(row, photos) };
}

export async function readCase(ctx: AppContext, actor: UserActor | TokenActor, id: string, purpose: string | undefined): Promise<CaseView> {
  assertAllowed(actor, 'case.read_summary');
  const row = await loadCaseRow(ctx.store.db, id);
  if (caseAudience(actor, row, caseJurisdictionPath(row)) === 'other_staff') return summaryOf(row, await listCasePhotos(ctx.store.db, row.id));
  return ctx.store.db.transaction().execute(async (trx) => {
    const opened = await openStoredCase(trx, ctx, row);
    const sensitiveErased = opened.sensitiveErased;
    const record = withPhotos(opened.record, await listCasePhotos(trx, row.id));
    await auditRead(trx, ctx.clock, actor, { objectType: 'case', objectId: row.id, fields: pathsPresent(record), purpose });
    return fullView(row, record, sensitiveErased);
  });
}

export function fullView(row: CaseRow, record: CaseRecord | PartialCaseRecord, sensitiveErased: boolean): FullCaseView {
  return {
    audience: 'case_officer',
    meta: caseMeta(row),
    record,
    sensitiveErased,
    assessment: (row.assessment as unknown as Assessment | null) ?? null,
    closureReason: row.closure_reason,
    possibleDuplicates: row.possible_duplicates as unknown as PossibleDuplicate[],
  };
}
