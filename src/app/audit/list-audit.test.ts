import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import type { SystemActor, UserActor } from '../../domain/actor.ts';
import { ManualClock } from '../../platform/clock.ts';
import { ensureNationalJurisdiction } from '../../store/repositories/jurisdictions.repository.ts';
import { audit } from './audit.ts';
import { listAuditLog } from './list-audit.ts';
import { verifyAudit } from './verify-audit.ts';

const clock = new ManualClock('2026-11-22T08:00:00.000Z');
let t: TestContext;

const user = (id: string, role: UserActor['role'], jurisdictionPath: readonly string[]): UserActor => ({ kind: 'user', id, username: id, role, jurisdiction: jurisdictionPath[jurisdictionPath.length - 1] ?? 'MA', jurisdictionPath, ip: '203.0.113.9' });
const casablancaOfficer = user('11111111-0000-4000-8000-000000000001', 'officer', ['MA', 'MA-06', 'MA-CAS']);
const rabatOfficer = user('11111111-0000-4000-8000-000000000002', 'officer', ['MA', 'MA-04', 'MA-RAB']);
const nationalAuditor = user('11111111-0000-4000-8000-000000000003', 'auditor', ['MA']);
const regionalAuditor = user('11111111-0000-4000-8000-000000000004', 'auditor', ['MA', 'MA-06']);
const system: SystemActor = { kind: 'system', process: 'retention' };

before(async () => {
  t = await createTestContext({ clock });
  await ensureNationalJurisdiction(t.store.db, clock.now());
  for (const [code, level, parent] of [
    ['MA-06', 'region', 'MA'],
    ['MA-CAS', 'province', 'MA-06'],
    ['MA-04', 'region', 'MA'],
    ['MA-RAB', 'province', 'MA-04'],
  ] as const) {
    // The reference tree seeded at start already holds these; the insert only covers a bare database.
    await t.store.db.insertInto('jurisdictions').values({ code, level, parent_code: parent, name_ar: code, name_fr: code }).onConflict((oc) => oc.column('code').doNothing()).execute();
    const stored = await t.store.db.selectFrom('jurisdictions').select('parent_code').where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(stored.parent_code, parent, `${code} sits under ${parent}`);
  }
  // seq 1..6, one hour apart from 08:00.
  const events = [
    [casablancaOfficer, 'case', 'case-1', 'case.create'],
    [casablancaOfficer, 'case', 'case-1', 'case.read_restricted'],
    [rabatOfficer, 'case', 'case-2', 'case.create'],
    [rabatOfficer, 'case', 'case-2', 'case.readXrestricted'],
    [system, 'case', 'case-1', 'case.purge'],
    [casablancaOfficer, 'tip', 'tip-1', 'tip.triage'],
  ] as const;
  for (const [actor, objectType, objectId, action] of events) {
    await t.store.db.transaction().execute((trx) => audit(trx, clock, actor, { objectType, objectId, action }));
    clock.advance(3_600_000);
  }
});
after(() => t.close());

const seqsOf = (page: { entries: readonly { seq: string }[] }) => page.entries.map((e) => Number(e.seq));

test('filters: actor, object, action prefix (wildcards taken literally) and time window, newest first', async () => {
  assert.deepEqual(seqsOf(await listAuditLog(t, nationalAuditor, { actorId: casablancaOfficer.id, limit: 50 })), [6, 2, 1]);
  assert.deepEqual(seqsOf(await listAuditLog(t, nationalAuditor, { objectType: 'case', objectId: 'case-1', limit: 50 })), [5, 2, 1]);
  assert.deepEqual(seqsOf(await listAuditLog(t, nationalAuditor, { actionPrefix: 'case.read_', limit: 50 })), [2]);
  assert.deepEqual(seqsOf(await listAuditLog(t, nationalAuditor, { actionPrefix: 'case.', objectType: 'case', limit: 50 })), [5, 4, 3, 2, 1]);
  assert.deepEqual(seqsOf(await listAuditLog(t, nationalAuditor, { from: new Date('2026-11-22T09:00:00Z'), to: new Date('2026-11-22T11:00:00Z'), actionPrefix: 'case.', limit: 50 })), [3, 2]);
});

test('cursor pagination walks the whole filtered log once, newest first', async () => {
  const seen: number[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await listAuditLog(t, nationalAuditor, { objectType: 'case', limit: 2, ...(cursor ? { beforeSeq: cursor } : {}) });
    pages += 1;
    seen.push(...seqsOf(page));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  assert.deepEqual(seen, [5, 4, 3, 2, 1]);
  assert.equal(pages, 3);
});

test('an auditor below national level sees only entries by actors of their own subtree', async () => {
  const regional = await listAuditLog(t, regionalAuditor, { actionPrefix: 'case.', objectType: 'case', limit: 50 });
  assert.deepEqual(seqsOf(regional), [2, 1]);
  const national = await listAuditLog(t, nationalAuditor, { actionPrefix: 'case.', objectType: 'case', limit: 50 });
  assert.deepEqual(seqsOf(national), [5, 4, 3, 2, 1]);
});

test('every page served is itself recorded, with the filters used, and the chain stays intact', async () => {
  await listAuditLog(t, regionalAuditor, { objectType: 'case', objectId: 'case-1', limit: 5 });
  const last = await t.store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  assert.equal(last.action, 'audit_log.read');
  assert.equal(last.actor_id, regionalAuditor.id);
  assert.equal(last.object_type, 'audit_log');
  assert.deepEqual(last.details, { filters: { objectType: 'case', objectId: 'case-1', withinJurisdiction: 'MA-06' }, returned: 2 });
  assert.equal((await verifyAudit(t)).ok, true);
});

test('a page holds at most 200 entries, with a cursor to the rest', async () => {
  await t.store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < 205; i += 1) await audit(trx, clock, system, { objectType: 'bulk', objectId: String(i), action: 'bulk.touch' });
  });
  const page = await listAuditLog(t, nationalAuditor, { objectType: 'bulk', limit: 10_000 });
  assert.equal(page.entries.length, 200);
  const rest = await listAuditLog(t, nationalAuditor, { objectType: 'bulk', limit: 10_000, ...(page.nextCursor ? { beforeSeq: page.nextCursor } : {}) });
  assert.equal(rest.entries.length, 5);
  assert.equal(rest.nextCursor, null);
});
