import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestConfig, createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { loadMoroccoBoundaries } from '../../adapters/geo/morocco-boundaries.ts';
import { openDatabase } from '../../store/database.ts';
import { migrateToLatest } from '../../store/migrator.ts';
import { ensureNationalJurisdiction } from '../../store/repositories/jurisdictions.repository.ts';
import { seedJurisdictions } from './seed-jurisdictions.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(() => t.close());

const rows = () => t.store.db.selectFrom('jurisdictions').select(['code', 'level', 'parent_code', 'name_ar', 'name_fr', 'name_zgh']).orderBy('code').execute();

test('boot seeds 1 national + 12 regions + 75 provinces, each under the right parent', async () => {
  const all = await rows();
  const count = (level: string) => all.filter((r) => r.level === level).length;
  assert.deepEqual({ national: count('national'), region: count('region'), province: count('province') }, { national: 1, region: 12, province: 75 });
  const byCode = new Map(all.map((r) => [r.code, r]));
  assert.deepEqual(byCode.get('MA'), { code: 'MA', level: 'national', parent_code: null, name_ar: 'المملكة المغربية', name_fr: 'Royaume du Maroc', name_zgh: 'ⵜⴰⴳⵍⴷⵉⵜ ⵏ ⵍⵎⵖⵔⵉⴱ' });
  for (const r of all.filter((x) => x.level === 'region')) assert.equal(r.parent_code, 'MA', r.code);
  const parents = { 'MA-CAS': 'MA-06', 'MA-TNG': 'MA-01', 'MA-LAA': 'MA-11', 'MA-OUD': 'MA-12', 'MA-FES': 'MA-03', 'MA-MAR': 'MA-07', 'MA-AGD': 'MA-09', 'MA-OUJ': 'MA-02', 'MA-RAB': 'MA-04', 'MA-BEM': 'MA-05', 'MA-GUE': 'MA-10', 'MA-ERR': 'MA-08' };
  for (const [province, region] of Object.entries(parents)) assert.equal(byCode.get(province)?.parent_code, region, province);
  for (const r of all.filter((x) => x.level === 'province')) assert.equal(byCode.get(r.parent_code ?? '')?.level, 'region', r.code);
  assert.deepEqual(byCode.get('MA-FIG') && { ar: byCode.get('MA-FIG')?.name_ar, fr: byCode.get('MA-FIG')?.name_fr }, { ar: 'إقليم فجيج', fr: 'Province de Figuig' });
  assert.equal(byCode.get('MA-RAB')?.name_fr, 'Préfecture de Rabat');
});

test('seeding again changes nothing and writes nothing', async () => {
  const before = await rows();
  const changed = await seedJurisdictions(t.store.db, t.geo, t.clock.now());
  assert.equal(changed, 0);
  assert.deepEqual(await rows(), before);
  assert.equal((await rows()).length, 88);
});

test('rows that other code inserted or altered are corrected; police units are kept', async () => {
  // Test helpers elsewhere insert placeholders with ON CONFLICT DO NOTHING; those must not fail now…
  await ensureNationalJurisdiction(t.store.db, t.clock.now());
  await sql`INSERT INTO jurisdictions (code, level, parent_code, name_ar, name_fr) VALUES ('MA-CAS', 'province', 'MA-06', 'اختبار', 'Test') ON CONFLICT (code) DO NOTHING`.execute(t.store.db);
  // …and rows that drifted are put right at the next start.
  await t.store.db.updateTable('jurisdictions').set({ name_fr: 'Test MA-06', name_zgh: null }).where('code', '=', 'MA-06').execute();
  await t.store.db.updateTable('jurisdictions').set({ parent_code: 'MA-04', name_ar: 'اختبار' }).where('code', '=', 'MA-CAS').execute();
  await t.store.db.insertInto('jurisdictions').values({ code: 'MA-CAS-U01', level: 'unit', parent_code: 'MA-CAS', name_ar: 'الدائرة الأولى', name_fr: 'Arrondissement 1' }).execute();

  assert.equal(await seedJurisdictions(t.store.db, t.geo, t.clock.now()), 2);
  const byCode = new Map((await rows()).map((r) => [r.code, r]));
  assert.equal(byCode.get('MA-06')?.name_fr, 'Casablanca-Settat');
  assert.equal(byCode.get('MA-06')?.name_zgh, 'ⵜⵉⴳⵎⵉ ⵜⵓⵎⵍⵉⵍⵜ-ⵙⵟⵟⴰⵜ');
  assert.deepEqual([byCode.get('MA-CAS')?.parent_code, byCode.get('MA-CAS')?.name_ar], ['MA-06', 'عمالة الدار البيضاء']);
  assert.deepEqual(byCode.get('MA-CAS-U01'), { code: 'MA-CAS-U01', level: 'unit', parent_code: 'MA-CAS', name_ar: 'الدائرة الأولى', name_fr: 'Arrondissement 1', name_zgh: null });
});

test('on a database where placeholders were inserted before the first seeding, the seed completes the tree', async () => {
  const { config, cleanup } = await createTestConfig();
  const store = await openDatabase(config.database);
  try {
    await migrateToLatest(store.db);
    for (const [code, level, parent] of [['MA', 'national', null], ['MA-06', 'region', 'MA'], ['MA-CAS', 'province', 'MA-06']] as const) {
      await sql`INSERT INTO jurisdictions (code, level, parent_code, name_ar, name_fr) VALUES (${code}, ${level}, ${parent}, ${`اختبار ${code}`}, ${`Test ${code}`}) ON CONFLICT (code) DO NOTHING`.execute(store.db);
    }
    const geo = await loadMoroccoBoundaries();
    assert.equal(await seedJurisdictions(store.db, geo, new Date('2026-11-22T10:00:00Z')), 88);
    assert.equal(await seedJurisdictions(store.db, geo, new Date('2026-11-22T10:00:00Z')), 0);
    const all = await store.db.selectFrom('jurisdictions').select(['code', 'parent_code', 'name_fr']).execute();
    assert.equal(all.length, 88);
    assert.deepEqual(all.find((r) => r.code === 'MA-CAS'), { code: 'MA-CAS', parent_code: 'MA-06', name_fr: 'Préfecture de Casablanca' });
    assert.equal(all.find((r) => r.code === 'MA')?.name_fr, 'Royaume du Maroc');
  } finally {
    await store.close();
    await cleanup();
  }
});

test('seeding is not audited (it deploys versioned data, like a migration)', async () => {
  const n = await t.store.db.selectFrom('audit_log').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 0);
});
