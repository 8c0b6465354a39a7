import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import type { Role, SystemActor, UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { createUnit, type NewUnitInput } from './create-unit.ts';
import { listJurisdictions } from './list-jurisdictions.ts';
import { locatePoint } from './locate-point.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(() => t.close());

let userSeq = 0;
const user = (role: Role, jurisdictionPath: readonly string[]): UserActor => ({
  kind: 'user',
  id: `00000000-0000-4000-8000-${String(++userSeq).padStart(12, '0')}`,
  username: `u${userSeq}`,
  role,
  jurisdiction: jurisdictionPath[jurisdictionPath.length - 1] ?? 'MA',
  jurisdictionPath,
  ip: '203.0.113.7',
});
const nationalAdmin = user('administrator', ['MA']);
const casablancaSettatAdmin = user('administrator', ['MA', 'MA-06']);
const casablancaAdmin = user('administrator', ['MA', 'MA-06', 'MA-CAS']);
const rabatRegionAdmin = user('administrator', ['MA', 'MA-04']);
const cli: SystemActor = { kind: 'system', process: 'cli:jurisdictions' };

const unit = (code: string, extra: Partial<NewUnitInput> = {}): NewUnitInput => ({ code, nameAr: 'الدائرة الأمنية', nameFr: 'Arrondissement de police', ...extra });

async function rejects(p: Promise<unknown>, code: string, field?: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code);
    if (field) assert.deepEqual(err.errors.map((e) => e.field), [field]);
    return true;
  });
}

const auditOf = (code: string) => t.store.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('object_type', '=', 'jurisdiction').where('object_id', '=', code).execute();

test('a national administrator creates a unit under a province; it is audited', async () => {
  const row = await createUnit(t, nationalAdmin, unit('MA-CAS-U01', { nameZgh: 'ⵜⴰⵎⵙⵓⵍⵜ' }));
  assert.deepEqual(row, { code: 'MA-CAS-U01', level: 'unit', parentCode: 'MA-CAS', nameAr: 'الدائرة الأمنية', nameFr: 'Arrondissement de police', nameZgh: 'ⵜⴰⵎⵙⵓⵍⵜ' });
  const stored = await t.store.db.selectFrom('jurisdictions').selectAll().where('code', '=', 'MA-CAS-U01').executeTakeFirstOrThrow();
  assert.equal(stored.parent_code, 'MA-CAS');
  assert.equal(stored.level, 'unit');
  assert.deepEqual(await auditOf('MA-CAS-U01'), [{ action: 'jurisdiction.create_unit', actor_id: nationalAdmin.id, details: { parentCode: 'MA-CAS' } }]);
});

test('regional and provincial administrators create units below them, not elsewhere', async () => {
  assert.equal((await createUnit(t, casablancaSettatAdmin, unit('MA-MOH-U01'))).parentCode, 'MA-MOH');
  assert.equal((await createUnit(t, casablancaAdmin, unit('MA-CAS-ANFA', { parentCode: 'MA-CAS' }))).parentCode, 'MA-CAS');
  await rejects(createUnit(t, rabatRegionAdmin, unit('MA-CAS-U02')), 'forbidden');
  await rejects(createUnit(t, casablancaAdmin, unit('MA-MOH-U02')), 'forbidden');
  // An administrator of a unit may not add siblings.
  await rejects(createUnit(t, user('administrator', ['MA', 'MA-06', 'MA-CAS', 'MA-CAS-U01']), unit('MA-CAS-U03')), 'forbidden');
  assert.deepEqual(await auditOf('MA-CAS-U02'), []);
});

test('only administrators create units', async () => {
  for (const role of ['officer', 'supervisor', 'central_command', 'auditor'] as const) await rejects(createUnit(t, user(role, ['MA']), unit('MA-FES-U01')), 'forbidden');
  await rejects(createUnit(t, { kind: 'public', ip: null }, unit('MA-FES-U01')), 'authentication_required');
});

test('the code must be a province code plus a local part, and the parent must match it', async () => {
  for (const code of ['MA-CAS', 'MA-06-U01', 'MA-CAS-X', 'MA-CAS-u01', 'MA-CAS-TOOLONG99', 'MA-CAS-U01-A']) await rejects(createUnit(t, nationalAdmin, unit(code)), 'validation_failed', 'code');
  await rejects(createUnit(t, nationalAdmin, unit('MA-CAS-U09', { parentCode: 'MA-RAB' })), 'validation_failed', 'parentCode');
  // The province part must exist.
  await rejects(createUnit(t, nationalAdmin, unit('MA-XYZ-U01')), 'validation_failed', 'code');
  await rejects(createUnit(t, nationalAdmin, unit('MA-XYZ-U01', { parentCode: 'MA-XYZ' })), 'validation_failed', 'parentCode');
});

test('names: Arabic and French required, each in its script; Tifinagh optional', async () => {
  await rejects(createUnit(t, nationalAdmin, unit('MA-RAB-U01', { nameAr: '  ' })), 'validation_failed', 'nameAr');
  await rejects(createUnit(t, nationalAdmin, unit('MA-RAB-U01', { nameAr: 'Arrondissement' })), 'validation_failed', 'nameAr');
  await rejects(createUnit(t, nationalAdmin, unit('MA-RAB-U01', { nameFr: 'الدائرة' })), 'validation_failed', 'nameFr');
  await rejects(createUnit(t, nationalAdmin, unit('MA-RAB-U01', { nameZgh: 'Tamazight' })), 'validation_failed', 'nameZgh');
  await rejects(createUnit(t, nationalAdmin, unit('MA-RAB-U01', { nameFr: 'A'.repeat(121) })), 'validation_failed', 'nameFr');
  const row = await createUnit(t, nationalAdmin, unit('MA-RAB-U01', { nameFr: '  Arrondissement   Hassan ', nameZgh: '' }));
  assert.equal(row.nameFr, 'Arrondissement Hassan');
  assert.equal(row.nameZgh, null);
});

test('a code already taken is a conflict, and nothing more is written', async () => {
  await rejects(createUnit(t, cli, unit('MA-CAS-U01')), 'conflict', 'code');
  assert.equal((await auditOf('MA-CAS-U01')).length, 1);
  const stored = await t.store.db.selectFrom('jurisdictions').select('name_zgh').where('code', '=', 'MA-CAS-U01').executeTakeFirstOrThrow();
  assert.equal(stored.name_zgh, 'ⵜⴰⵎⵙⵓⵍⵜ');
});

test('the tree lists parents first, filters by subtree and level, and is open to every staff role', async () => {
  const officer = user('officer', ['MA', 'MA-04', 'MA-RAB']);
  const all = await listJurisdictions(t, officer);
  assert.equal(all[0]?.code, 'MA');
  const levels = all.map((r) => r.level);
  assert.deepEqual(levels.slice(0, 13), ['national', ...Array<string>(12).fill('region')]);
  assert.equal(levels.lastIndexOf('region') < levels.indexOf('province'), true);
  assert.equal(levels.lastIndexOf('province') < levels.indexOf('unit'), true);

  const casablancaSettat = await listJurisdictions(t, officer, { under: 'MA-06', level: 'province' });
  assert.deepEqual(casablancaSettat.map((r) => r.code), ['MA-BES', 'MA-BRR', 'MA-CAS', 'MA-JDI', 'MA-MED', 'MA-MOH', 'MA-NOU', 'MA-SET', 'MA-SIB']);
  const underCasablanca = await listJurisdictions(t, officer, { under: 'MA-CAS' });
  assert.deepEqual(underCasablanca.map((r) => [r.code, r.parentCode]), [['MA-CAS', 'MA-06'], ['MA-CAS-ANFA', 'MA-CAS'], ['MA-CAS-U01', 'MA-CAS']]);
  await rejects(listJurisdictions(t, officer, { under: 'MA-XYZ' }), 'not_found');
  await rejects(listJurisdictions(t, { kind: 'public', ip: null }), 'authentication_required');
});

test('locating a point gives the province and region with their names; outside Morocco is refused', async () => {
  const officer = user('officer', ['MA', 'MA-06', 'MA-CAS']);
  const where = await locatePoint(t, officer, { lat: 33.5731, lon: -7.5898 });
  assert.equal(where.province.code, 'MA-CAS');
  assert.equal(where.region.code, 'MA-06');
  assert.equal(where.region.names.fr, 'Casablanca-Settat');
  assert.equal(where.distanceKm, 0);
  await rejects(locatePoint(t, officer, { lat: 40.4168, lon: -3.7038 }), 'unprocessable');
  await rejects(locatePoint(t, officer, { lat: 95, lon: 0 }), 'validation_failed', 'lat');
  await rejects(locatePoint(t, { kind: 'public', ip: null }, { lat: 33.5731, lon: -7.5898 }), 'authentication_required');
});
