/**
 * A family's rectification (Law 09-08, right of rectification), carried out by the DPO or an officer of
 * the case's jurisdiction (policy `privacy.rectify`). Unlike an ordinary edit it is allowed on a closed
 * case, names the fields it corrects, and keeps their history: one `rectifications` row per field with
 * the old value, the new value and the reason — sealed under the case's data key, so crypto-shredding
 * erases them with the case — and who and when in clear. The case record is re-validated and re-indexed
 * as on any save, under the same optimistic version check.
 *
 * @example
 *   await rectifyCase(ctx, dpo, caseId, { expectedVersion: 3, requestedBy: 'guardian', reason: 'Extrait d’acte de naissance fourni.',
 *     changes: [{ path: 'child.birthDate', value: '2017-05-21' }] });
 *   await caseRectifications(ctx, dpo, caseId, 'Contrôle de la demande 2026-114'); // the history, decrypted and audited
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { TokenActor, UserActor } from '../../domain/actor.ts';
import type { CaseRecord } from '../../domain/case/case-record.ts';
import { AppError, type FieldError } from '../../domain/errors.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { type RectificationPath, parseRectificationPath, valueAt, withValueAt } from '../../domain/privacy/rectification.ts';
import { type FieldKey, type JsonValue, decryptField, encryptField, keyOwner } from '../../platform/crypto/field-cipher.ts';
import { findCase, insertCaseEvent, updateCaseContent } from '../../store/repositories/cases.repository.ts';
import { type RectificationRow, insertRectification, listRectifications } from '../../store/repositories/rectifications.repository.ts';
import { findProgress } from '../../store/repositories/retention.repository.ts';
import type { DB } from '../../store/schema.ts';
import { auditRead } from '../audit/audit-read.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { DataKeyDestroyedError, getDataKey } from '../crypto/data-keys.ts';
import { openCaseRecord, sealCaseRecord } from '../cases/case-codec.ts';
import { caseIndexColumns } from '../cases/case-index.ts';
import { caseJurisdictionPath } from '../cases/case-view.ts';
import { loadCaseRow } from '../cases/read-case.ts';
import { prepareRecord } from '../cases/prepare-record.ts';

export const REQUESTERS = ['guardian', 'child', 'officer'] as const;
export type Requester = (typeof REQUESTERS)[number];
export const MAX_CHANGES = 20;
export const RECTIFICATION_REASON_MIN = 10;
export const RECTIFICATION_REASON_MAX = 2000;

export interface RectificationInput {
  readonly changes: readonly { readonly path: string; readonly value: unknown }[];
  readonly reason: string;
  readonly requestedBy: Requester;
  /** The case version the request was prepared against (as for any save). */
  readonly expectedVersion: number;
}

export interface RectificationView {
  readonly id: string;
  readonly path: string;
  /** Null once purged or erased. */
  readonly oldValue: unknown;
  readonly newValue: unknown;
  readonly reason: string | null;
  readonly requestedBy: Requester;
  readonly performedBy: string;
  readonly at: string;
  readonly caseVersion: number;
  readonly purged: boolean;
}

const sealedPath = (id: string, part: 'old' | 'new' | 'reason') => `rectification:${id}:${part}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function checkInput(input: RectificationInput): RectificationPath[] {
  const errors: FieldError[] = [];
  if (input.changes.length === 0 || input.changes.length > MAX_CHANGES) errors.push({ field: '/changes', message: `must hold 1 to ${MAX_CHANGES} changes` });
  const reason = input.reason.trim();
  if (reason.length < RECTIFICATION_REASON_MIN || reason.length > RECTIFICATION_REASON_MAX) errors.push({ field: '/reason', message: `must be between ${RECTIFICATION_REASON_MIN} and ${RECTIFICATION_REASON_MAX} characters` });
  if (!(REQUESTERS as readonly string[]).includes(input.requestedBy)) errors.push({ field: '/requestedBy', message: `must be one of ${REQUESTERS.join(', ')}` });
  const paths: RectificationPath[] = [];
  input.changes.forEach((c, i) => {
    const p = parseRectificationPath(c.path);
    if ('problem' in p) errors.push({ field: `/changes/${i}/path`, message: p.problem });
    else if (paths.some((q) => q.path === p.path)) errors.push({ field: `/changes/${i}/path`, message: 'is named twice' });
    else paths.push(p);
  });
  if (errors.length) throw new AppError('validation_failed', 'The rectification is not valid.', { errors });
  return paths;
}

export async function rectifyCase(ctx: AppContext, actor: UserActor | TokenActor, caseId: string, input: RectificationInput): Promise<RectificationView[]> {
  const row = await loadCaseRow(ctx.store.db, caseId);
  assertAllowed(actor, 'privacy.rectify', { jurisdictionPath: caseJurisdictionPath(row) });
  const paths = checkInput(input);
  const reason = input.reason.trim();
  const now = ctx.clock.now();
  return ctx.store.db.transaction().execute(async (trx) => {
    const current = await findCase(trx, row.id, { forUpdate: true });
    if (!current) throw new AppError('not_found', 'No case with this id.');
    if ((await findProgress(trx, row.id))?.purgedAt) throw new AppError('data_erased', 'This case was purged under the retention rules; nothing is left to rectify.');
    if (current.version !== input.expectedVersion) throw new AppError('conflict', 'The case changed since the request was prepared. Reload it and apply the rectification again.');
    const key = await getDataKey(trx, ctx, keyOwner('case', row.id));
    const before = openCaseRecord(current.record, current.sensitive, key);

    let next: CaseRecord = before;
    const olds: unknown[] = [];
    paths.forEach((p, i) => {
      const old = valueAt(before, p);
      try {
        if (old === undefined) throw new RangeError('absent');
        next = withValueAt(next, p, input.changes[i]?.value ?? null);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        throw new AppError('validation_failed', 'The rectification names a place this record does not have.', { errors: [{ field: `/changes/${i}/path`, message: 'does not exist in this case record (a list position out of range, or a section left empty)' }] });
      }
      olds.push(old);
    });
    const prepared = prepareRecord(next, now, ctx.geo);
    const news = paths.map((p) => valueAt(prepared, p) ?? null);
    const unchanged = paths.flatMap((_, i) => (same(olds[i], news[i]) ? [{ field: `/changes/${i}/value`, message: 'is the value already recorded' }] : []));
    if (unchanged.length) throw new AppError('validation_failed', 'A rectification must change the value it names.', { errors: unchanged });

    const sealed = sealCaseRecord(prepared, key);
    const saved = await updateCaseContent(trx, row.id, input.expectedVersion, now, {
      ...caseIndexColumns(prepared, current.jurisdiction_code),
      record: sealed.rest,
      sensitive: sealed.sensitive,
      assessment: current.assessment,
    });
    if (!saved) throw new AppError('conflict', 'The case changed since the request was prepared. Reload it and apply the rectification again.');
    const version = input.expectedVersion + 1;
    await insertCaseEvent(trx, { id: randomUUID(), case_id: row.id, at: now, kind: 'rectified', from_status: current.status, to_status: current.status, reason: null, outcome: null, actor_id: actor.id });

    const views: RectificationView[] = [];
    for (const [i, p] of paths.entries()) {
      const id = randomUUID();
      const oldValue = (olds[i] ?? null) as JsonValue;
      const newValue = (news[i] ?? null) as JsonValue;
      await insertRectification(trx, {
        id,
        caseId: row.id,
        fieldPath: p.path,
        oldValue: encryptField(key, sealedPath(id, 'old'), oldValue),
        newValue: encryptField(key, sealedPath(id, 'new'), newValue),
        reason: encryptField(key, sealedPath(id, 'reason'), reason),
        requestedBy: input.requestedBy,
        performedBy: actor.id,
        at: now,
        caseVersion: version,
      });
      views.push({ id, path: p.path, oldValue, newValue, reason, requestedBy: input.requestedBy, performedBy: actor.id, at: now.toISOString(), caseVersion: version, purged: false });
    }
    await audit(trx, ctx.clock, actor, {
      objectType: 'case',
      objectId: row.id,
      action: 'case.rectify',
      details: { fields: paths.map((p) => p.fieldPath), rectificationIds: views.map((v) => v.id), requestedBy: input.requestedBy, version },
    });
    return views;
  });
}

function viewOf(r: RectificationRow, key: FieldKey | null): RectificationView {
  const open = (stored: string | null, part: 'old' | 'new' | 'reason') => (stored !== null && key ? decryptField(key, sealedPath(r.id, part), stored) : null);
  const reason = open(r.reason, 'reason');
  return {
    id: r.id,
    path: r.field_path,
    oldValue: open(r.old_value, 'old'),
    newValue: open(r.new_value, 'new'),
    reason: typeof reason === 'string' ? reason : null,
    requestedBy: r.requested_by,
    performedBy: r.performed_by,
    at: r.performed_at.toISOString(),
    caseVersion: r.case_version,
    purged: r.purged_at !== null,
  };
}

/** The case's rectifications, decrypted when the key still exists. The caller audits the read. */
export async function readRectifications(trx: Transaction<DB> | Kysely<DB>, ctx: Pick<AppContext, 'keys'>, caseId: string, keyErased: boolean): Promise<RectificationView[]> {
  const rows = await listRectifications(trx, caseId);
  if (rows.length === 0) return [];
  let key: FieldKey | null = null;
  if (!keyErased && rows.some((r) => r.purged_at === null)) {
    try {
      key = await getDataKey(trx, ctx, keyOwner('case', caseId));
    } catch (err) {
      if (!(err instanceof DataKeyDestroyedError)) throw err;
    }
  }
  return rows.map((r) => viewOf(r, key));
}

/** The history of a case's rectifications, values included: a read of restricted data, audited with its purpose. */
export async function caseRectifications(ctx: AppContext, actor: UserActor | TokenActor, caseId: string, purpose: string | undefined): Promise<RectificationView[]> {
  const row = await loadCaseRow(ctx.store.db, caseId);
  assertAllowed(actor, 'privacy.rectify', { jurisdictionPath: caseJurisdictionPath(row) });
  return ctx.store.db.transaction().execute(async (trx) => {
    const views = await readRectifications(trx, ctx, row.id, false);
    await auditRead(trx, ctx.clock, actor, { objectType: 'case', objectId: row.id, fields: views.length ? [...new Set(views.map((v) => `rectification:${v.path}`))] : ['rectifications'], purpose });
    return views;
  });
}
