import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { COMMANDS } from './index.ts';
import { EXIT_REFUSED, EXIT_USAGE, runJurisdictions } from './jurisdictions.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
});
after(() => t.close());

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runJurisdictions(t, args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

test('`tifli jurisdictions` is registered', () => {
  assert.ok(COMMANDS.jurisdictions);
});

test('list prints the tree, filtered by subtree and level', async () => {
  const all = await run('list');
  assert.equal(all.code, 0, all.err);
  assert.match(all.out, /^code\tlevel\tparent\tname_fr\tname_ar\tname_zgh\nMA\tnational\t-\tRoyaume du Maroc\tالمملكة المغربية\tⵜⴰⴳⵍⴷⵉⵜ ⵏ ⵍⵎⵖⵔⵉⴱ\n/);
  assert.match(all.out, /\n88 jurisdiction\(s\)\.\n$/);
  const dakhla = await run('list', '--under', 'MA-12', '--level', 'province');
  assert.equal(dakhla.out, "code\tlevel\tparent\tname_fr\tname_ar\tname_zgh\nMA-AOU\tprovince\tMA-12\tProvince d'Aousserd\tإقليم أوسرد\t-\nMA-OUD\tprovince\tMA-12\tProvince d'Oued Ed-Dahab\tإقليم وادي الذهب\t-\n2 jurisdiction(s).\n");
});

test('add-unit creates a unit, audited as the CLI', async () => {
  const res = await run('add-unit', '--code', 'MA-FES-U01', '--parent', 'MA-FES', '--name-ar', 'الدائرة الأمنية الأولى', '--name-fr', 'Arrondissement 1');
  assert.equal(res.code, 0, res.err);
  assert.equal(res.out, 'Created unit MA-FES-U01 under MA-FES.\n');
  const row = await t.store.db.selectFrom('jurisdictions').select(['level', 'parent_code']).where('code', '=', 'MA-FES-U01').executeTakeFirstOrThrow();
  assert.deepEqual(row, { level: 'unit', parent_code: 'MA-FES' });
  const audit = await t.store.db.selectFrom('audit_log').select(['actor_type', 'actor_id', 'action']).where('object_id', '=', 'MA-FES-U01').execute();
  assert.deepEqual(audit, [{ actor_type: 'system', actor_id: 'cli:jurisdictions', action: 'jurisdiction.create_unit' }]);
});

test('refusals and usage errors have their own exit codes and name the field', async () => {
  const taken = await run('add-unit', '--code', 'MA-FES-U01', '--name-ar', 'الدائرة', '--name-fr', 'Arrondissement');
  assert.equal(taken.code, EXIT_REFUSED);
  assert.match(taken.err, /code: is taken/);
  const wrongParent = await run('add-unit', '--code', 'MA-FES-U02', '--parent', 'MA-MEK', '--name-ar', 'الدائرة', '--name-fr', 'Arrondissement');
  assert.equal(wrongParent.code, EXIT_REFUSED);
  assert.match(wrongParent.err, /parentCode: must be the province/);
  assert.equal((await run('add-unit', '--code', 'MA-FES-U02', '--name-fr', 'Arrondissement')).code, EXIT_USAGE);
  assert.equal((await run('list', '--level', 'city')).code, EXIT_USAGE);
  assert.equal((await run('list', '--bogus')).code, EXIT_USAGE);
  assert.equal((await run('rename')).code, EXIT_USAGE);
  assert.equal((await run()).code, EXIT_USAGE);
  assert.equal((await run('list', '--under', 'MA-XYZ')).code, EXIT_REFUSED);
});
