import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { ensureJurisdiction } from '../../../test/support/auth.ts';
import { completeEnrolment, inspectEnrolment } from '../../app/accounts/enrolments.ts';
import { EXIT_REFUSED, EXIT_USAGE, runUsers } from './users.ts';

let t: TestContext;
before(async () => {
  t = await createTestContext();
  await ensureJurisdiction(t, 'MA-CAS');
});
after(() => t.close());

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runUsers(t, args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const tokenIn = (text: string): string => {
  const m = /\/enrol#([A-Za-z0-9_-]{43})/.exec(text);
  assert.ok(m?.[1], 'an enrolment link is printed');
  return m[1];
};

test('invite-admin prints a first-administrator link only while there is no administrator', async () => {
  const first = await cli('invite-admin');
  assert.equal(first.code, 0, first.err);
  const token = tokenIn(first.out);
  assert.match(first.out, /valid until \d{4}-\d\d-\d\dT/);
  assert.equal((await inspectEnrolment(t, token)).purpose, 'first_admin');
  await completeEnrolment(t, token, { password: 'cli admin passphrase', username: 'cli.admin', displayName: 'CLI Admin' }, { ip: null, userAgent: null });
  const refused = await cli('invite-admin');
  assert.equal(refused.code, EXIT_REFUSED);
  assert.match(refused.err, /--force/);
  const forced = await cli('invite-admin', '--force');
  assert.equal(forced.code, 0);
  tokenIn(forced.out);
});

test('create prints the invitation link; list shows the account; disable and reset-2fa act on it', async () => {
  const created = await cli('create', '--username', 'cli.officer', '--role', 'officer', '--jurisdiction', 'MA-CAS', '--display-name', 'CLI Officer');
  assert.equal(created.code, 0, created.err);
  assert.match(created.out, /Created cli\.officer \(officer, MA-CAS\)/);
  const info = await inspectEnrolment(t, tokenIn(created.out));
  assert.equal(info.username, 'cli.officer');

  const list = await cli('list', '--role', 'officer');
  assert.equal(list.code, 0);
  assert.match(list.out, /cli\.officer\tofficer\tMA-CAS\tinvited\tnot_enrolled/);
  assert.ok(!list.out.includes('cli.admin'), 'filtered by role');

  const reinvite = await cli('invite', 'cli.officer');
  assert.equal(reinvite.code, 0, reinvite.err);
  tokenIn(reinvite.out);

  const reset = await cli('reset-2fa', 'CLI.Officer');
  assert.equal(reset.code, 0, reset.err);
  const disabled = await cli('disable', 'cli.officer');
  assert.equal(disabled.code, 0);
  assert.match((await cli('list')).out, /cli\.officer\tofficer\tMA-CAS\tdisabled/);

  const actions = await t.store.db.selectFrom('audit_log').select(['action', 'actor_type', 'actor_id']).where('actor_id', '=', 'cli:users').execute();
  for (const a of ['user.create', 'enrolment.create', 'user.reset_second_factor', 'user.disable']) assert.ok(actions.some((x) => x.action === a && x.actor_type === 'system'), a);
});

test('mistakes get clear messages and non-zero exit codes', async () => {
  const cases: [string[], number, RegExp][] = [
    [[], EXIT_USAGE, /Usage/],
    [['frobnicate'], EXIT_USAGE, /unknown subcommand/],
    [['create', '--username', 'x.y'], EXIT_USAGE, /--role is required/],
    [['create', '--username', 'x.y', '--role', 'boss', '--jurisdiction', 'MA', '--display-name', 'X'], EXIT_USAGE, /--role must be one of/],
    [['create', '--username', 'x.y', '--role', 'officer', '--jurisdiction', 'MA-NOPE', '--display-name', 'X'], EXIT_REFUSED, /jurisdiction: is not a known jurisdiction code/],
    [['create', '--username', 'cli.officer', '--role', 'officer', '--jurisdiction', 'MA-CAS', '--display-name', 'X'], EXIT_REFUSED, /taken/],
    [['create', '--bogus'], EXIT_USAGE, /bogus/],
    [['disable'], EXIT_USAGE, /expected 1 argument/],
    [['disable', 'no.such.user'], EXIT_REFUSED, /No user with this username/],
    [['reset-2fa', 'no.such.user'], EXIT_REFUSED, /No user/],
    [['list', '--limit', 'lots'], EXIT_USAGE, /--limit/],
  ];
  for (const [args, code, message] of cases) {
    const r = await cli(...args);
    assert.equal(r.code, code, args.join(' '));
    assert.match(r.err + r.out, message, args.join(' '));
  }
});
