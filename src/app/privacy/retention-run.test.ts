/**
 * The retention purge end to end on one case that lived a full life (photos, alert versions, tips with a
 * contact, a rectification, closure): the tips go at 6 months, the rest at 12, the data key is destroyed,
 * anonymous statistics stay, and afterwards no restricted or sensitive value of the case is left anywhere
 * in the database. This file holds one case only, so the last scan can cover every table.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { ManualClock } from '../../platform/clock.ts';
import { SEEDED_SECRETS_WITHOUT_MARKER, seededRecord } from '../../domain/case/case-fixtures.test-support.ts';
import { keyOwner } from '../../platform/crypto/field-cipher.ts';
import { listVersions } from '../../store/repositories/alerts.repository.ts';
import { DataKeyDestroyedError, getDataKey } from '../crypto/data-keys.ts';
import { readCase } from '../cases/read-case.ts';
import { publicAlert } from '../alerts/public-alerts.ts';
import { systemActor } from '../accounts/actors.ts';
import { type Crew, type LivedCase, crew, livedCase } from './privacy-fixtures.test-support.ts';
import { planRetention, runRetention } from './retention-run.ts';
import { rectifyCase } from './rectify-case.ts';
import { retentionStatistics } from './retention-statistics.ts';
import { accessExport } from './access-export.ts';

const clock = new ManualClock('2026-03-11T14:00:00Z');
let t: TestContext;
let c: Crew;
let lived: LivedCase;
const RETENTION = systemActor('retention');
const DAY = 86_400_000;

before(async () => {
  t = await createTestContext({ clock });
  c = await crew(t);
  lived = await livedCase(t, c, seededRecord());
});
after(() => t.close());

const progress = (caseId: string) => t.store.db.selectFrom('retention_progress').selectAll().where('case_id', '=', caseId).executeTakeFirst();

test('a guardian’s rectification is recorded with its history on the closed case', async () => {
  const row = await t.store.db.selectFrom('cases').select('version').where('id', '=', lived.caseId).executeTakeFirstOrThrow();
  const done = await rectifyCase(t, c.dpo, lived.caseId, {
    expectedVersion: row.version,
    requestedBy: 'guardian',
    reason: 'MARKER-rectification-reason: birth certificate shown',
    changes: [{ path: 'investigation.friends[0].phone', value: '0655443322' }],
  });
  assert.equal(done.length, 1);
  assert.equal(done[0]?.oldValue, '0611223344');
  assert.equal(done[0]?.newValue, '0655443322');
  const stored = await t.store.db.selectFrom('rectifications').selectAll().where('case_id', '=', lived.caseId).executeTakeFirstOrThrow();
  assert.ok(!JSON.stringify(stored).includes('0655443322'), 'values are sealed at rest');
});

test('nothing is due before the tips period; the dry run then lists the case with counts only', async () => {
  clock.advance(5 * 30 * DAY);
  assert.deepEqual((await planRetention(t)).due, []);
  assert.deepEqual((await runRetention(t, RETENTION)).results, []);

  clock.advance(45 * DAY); // a little over 6 months after closure
  const plan = await planRetention(t);
  assert.equal(plan.due.length, 1);
  const p = plan.due[0];
  assert.equal(p?.reference, lived.reference);
  assert.deepEqual(p?.steps, ['count', 'tips']);
  assert.equal(p?.holdings.tips, 2);
  assert.equal(p?.holdings.tipPhotos, 1);
  assert.equal(p?.holdings.photoIds.length, 2);
  assert.ok(!/marker/i.test(JSON.stringify(plan)), 'the plan carries no personal value');
  // The dry run changed nothing; the scan used after the purge does see the values while they are there.
  assert.equal(await progress(lived.caseId), undefined);
  const before = await leftovers();
  for (const table of ['cases', 'tips', 'alerts', 'case_events']) assert.ok(before.some((f) => f.startsWith(`${table}:`)), `${table} holds seeded values before the purge`);
});

test('at 6 months the tips and the tipsters’ contacts go, and the case is counted once', async () => {
  const report = await runRetention(t, RETENTION);
  assert.deepEqual(report.results.map((r) => [r.caseId, r.outcome, r.counted]), [[lived.caseId, 'tips_purged', true]]);
  assert.equal((await t.store.db.selectFrom('tips').select('id').where('case_id', '=', lived.caseId).execute()).length, 0);
  assert.equal((await t.store.db.selectFrom('tip_photos').select('tip_id').where('case_id', '=', lived.caseId).execute()).length, 0);
  assert.equal((await t.store.db.selectFrom('tip_status_history').select('id').execute()).length, 0);
  const stats = await retentionStatistics(t, c.dpo);
  assert.deepEqual(
    stats.map((s) => ({ year: s.closed_year, region: s.region_code, age: s.age_band, outcome: s.outcome, time: s.time_to_find, alert: s.with_alert, cases: s.cases, tips: s.tips })),
    [{ year: 2026, region: 'MA-04', age: '12-14', outcome: 'found_safe', time: '<6h', alert: true, cases: 1, tips: 2 }],
  );
  // The rest of the file is still there.
  const view = await readCase(t, c.officer, lived.caseId, 'Vérification avant la purge');
  assert.equal(view.audience, 'case_officer');
  assert.equal(view.audience === 'case_officer' ? view.sensitiveErased : true, false);
  // A second run the same day has nothing to do.
  assert.deepEqual((await runRetention(t, RETENTION)).results, []);
});

test('at 12 months the restricted data is purged, the key destroyed and the published versions redacted', async () => {
  clock.advance(190 * DAY);
  const plan = await planRetention(t);
  assert.deepEqual(plan.due.map((p) => p.steps), [['purge']]);
  const report = await runRetention(t, RETENTION);
  assert.deepEqual(report.results.map((r) => [r.outcome, r.counted]), [['purged', false]]);

  await assert.rejects(getDataKey(t.store.db, t, keyOwner('case', lived.caseId)), DataKeyDestroyedError);
  const row = await t.store.db.selectFrom('cases').selectAll().where('id', '=', lived.caseId).executeTakeFirstOrThrow();
  assert.deepEqual(row.record, { child: { sex: 'female' }, lastSeen: { regionCode: 'MA-04', prefectureCode: 'MA-RAB' } });
  assert.equal(row.sensitive, null);
  assert.deepEqual(row.name_keys, []);
  assert.equal(row.child_birth_date, null);
  assert.equal(row.closure_reason, null);
  assert.equal(row.status, 'closed');
  assert.equal(row.closure_outcome, 'found_safe');

  const photos = await t.store.db.selectFrom('photos').selectAll().where('case_id', '=', lived.caseId).execute();
  assert.equal(photos.length, 2);
  for (const p of photos) assert.ok(p.deleted_at && p.bytes === null && p.thumb === null);

  const versions = await listVersions(t.store.db, lived.alertId);
  assert.deepEqual(versions.map((v) => v.msg_type), ['Alert', 'Update', 'Cancel']);
  for (const v of versions) {
    assert.ok(v.redacted_at, `version ${v.version} is redacted`);
    assert.equal(v.photo_id, null);
    assert.deepEqual(v.zone_cells, []);
    assert.equal((v.public_content as { state?: string }).state, 'ended');
  }
  assert.match(versions[2]?.cap_xml ?? '', /<msgType>Cancel<\/msgType>/, 'the Cancel stays as sent');
  assert.doesNotMatch(versions[0]?.cap_xml ?? '', /<info>/);
  assert.equal((await publicAlert(t, lived.publicId))?.state, 'ended');
  // The guard still refuses any other change to a redacted version.
  await assert.rejects(sql`update alert_versions set cap_xml = 'x' where alert_id = ${lived.alertId} and version = 1`.execute(t.store.db), /immutable/);

  const decisions = await t.store.db.selectFrom('alert_decisions').select('record').where('alert_id', '=', lived.alertId).execute();
  assert.ok(decisions.length > 0);
  for (const d of decisions) {
    assert.equal(d.record.reason, null);
    assert.equal(d.record.prosecutor, null);
  }
  const rect = await t.store.db.selectFrom('rectifications').selectAll().where('case_id', '=', lived.caseId).execute();
  assert.equal(rect.length, 1);
  assert.ok(rect[0]?.purged_at && rect[0].old_value === null && rect[0].new_value === null && rect[0].reason === null);
  assert.ok((await progress(lived.caseId))?.purged_at);

  // The officer still finds the case, marked erased; the statistics did not count it twice.
  const view = await readCase(t, c.officer, lived.caseId, 'Contrôle après la purge');
  assert.ok(view.audience === 'case_officer' && view.sensitiveErased);
  assert.equal((await retentionStatistics(t, c.dpo)).reduce((n, s) => n + s.cases, 0), 1);

  // Audited with ids and counts only.
  const entries = await t.store.db.selectFrom('audit_log').select(['action', 'details']).where('object_id', '=', lived.caseId).where('action', 'in', ['retention.purge', 'retention.purge_tips', 'data_key.destroy']).orderBy('seq').execute();
  assert.deepEqual(entries.map((e) => e.action), ['retention.purge_tips', 'data_key.destroy', 'retention.purge']);
  const purge = entries[2]?.details as { photoIds?: unknown[]; versionsRedacted?: number; reference?: string };
  assert.equal(purge.photoIds?.length, 2);
  assert.equal(purge.versionsRedacted, 3);
  assert.equal(purge.reference, lived.reference);
});

test('after the purge no restricted or sensitive value of the case is left in any table', async () => {
  assert.deepEqual(await leftovers(), []);
});

/** Every place in the database where a seeded restricted or sensitive value of the case still appears. */
async function leftovers(): Promise<string[]> {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.store.db);
  const found: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table_name)}`.execute(t.store.db);
    const text = JSON.stringify(rows.rows, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
    if (/marker/i.test(text)) found.push(`${table_name}: "marker"`);
    for (const secret of SEEDED_SECRETS_WITHOUT_MARKER) {
      // Vocabulary codes ("male", "navy"…) may legitimately appear elsewhere (the suspect's sex is not the only "male"); names, numbers and places may not.
      if (/^"[a-z_]+"$/.test(secret)) continue;
      if (text.includes(secret.replace(/^"|"$/g, ''))) found.push(`${table_name}: ${secret}`);
    }
    if (text.includes('0655443322')) found.push(`${table_name}: rectified value`);
  }
  return found;
}

test('the access export after the purge says what was erased and still lists the history', async () => {
  const x = await accessExport(t, c.dpo, lived.caseId, 'Demande du tuteur après la purge, courrier 2027-9');
  assert.deepEqual(x.erased, { sensitive: true, restricted: true });
  assert.deepEqual(x.aboutChild.map((f) => f.path), ['child.sex', 'lastSeen.regionCode', 'lastSeen.prefectureCode']);
  assert.deepEqual(x.aboutGuardian, []);
  assert.equal(x.tips.total, 0);
  assert.ok(x.history.some((h) => h.action === 'retention.purge'));
});
