import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Transaction, sql } from 'kysely';
import { createTestConfig, createTestContext, DEV_MASTER_KEYS, type TestContext } from '../../../test/support/test-store.ts';
import { boot } from '../../app/bootstrap.ts';
import { audit } from '../../app/audit/audit.ts';
import type { SystemActor, UserActor } from '../../domain/actor.ts';
import { auditHash } from '../../domain/audit/audit-chain.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createLogger } from '../../platform/logger.ts';
import { openDatabase } from '../../store/database.ts';
import type { DB } from '../../store/schema.ts';
import { parseAuditArgs, runAudit } from './audit.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const system: SystemActor = { kind: 'system', process: 'test' };
const officer: UserActor = { kind: 'user', id: '22222222-2222-4222-8222-222222222222', username: 'officer2', role: 'officer', jurisdiction: 'MA-RAB', jurisdictionPath: ['MA', 'MA-04', 'MA-RAB'], ip: '198.51.100.23' };

let t: TestContext;
/** The log as written: seq → { id, hash }. */
const written = new Map<number, { id: string; hash: string }>();
const entry = (seq: number) => {
  const e = written.get(seq);
  assert.ok(e, `entry ${seq} was written`);
  return e;
};

before(async () => {
  t = await createTestContext();
  for (let i = 1; i <= 8; i += 1) {
    await t.store.db.transaction().execute((trx) => audit(trx, t.clock, i % 3 ? officer : system, { objectType: 'case', objectId: `case-${i}`, action: i % 2 ? 'case.update' : 'case.read_restricted', purpose: i % 2 ? null : 'follow-up', details: { fields: ['height'] } }));
  }
  for (const r of await t.store.db.selectFrom('audit_log').select(['seq', 'id', 'hash']).execute()) written.set(Number(r.seq), { id: r.id, hash: r.hash });
});
after(() => t.close());

class Rollback extends Error {}

/** Runs `tifli audit <args>` against the log as changed by `tamper` (triggers off, as a superuser would), then undoes it all. */
async function runOnTampered(tamper: (trx: Transaction<DB>) => Promise<void>, args: readonly string[] = ['verify']): Promise<{ code: number; out: string }> {
  const invocation = parseAuditArgs(args);
  assert.ok(typeof invocation !== 'string', invocation as string);
  let result: { code: number; out: string } | undefined;
  await t.store.db
    .transaction()
    .execute(async (trx) => {
      await sql`alter table audit_log disable trigger user`.execute(trx);
      await tamper(trx);
      await sql`alter table audit_log enable trigger user`.execute(trx);
      let out = '';
      const code = await runAudit(invocation, { db: trx }, (text) => {
        out += text;
      });
      result = { code, out };
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
  assert.ok(result);
  return result;
}

const untouched = async () => undefined;

test('an intact log: exit 0, with the entry count and the last hash', async () => {
  const { code, out } = await runOnTampered(untouched);
  assert.equal(code, 0);
  assert.equal(out, `Audit log intact: 8 entries, last hash ${entry(8).hash} (seq 8)\n`);
});

test('one field of a middle entry modified: exit 2 naming that entry', async () => {
  const { code, out } = await runOnTampered(async (trx) => {
    await sql`update audit_log set object_id = 'case-other' where seq = 4`.execute(trx);
  });
  assert.equal(code, 2);
  assert.match(out, new RegExp(`^Audit log BROKEN at entry seq=4 id=${entry(4).id} \\(modified\\)\n3 entries before it are intact`));
});

test('a middle entry deleted: exit 2 naming the entry after the gap', async () => {
  const { code, out } = await runOnTampered(async (trx) => {
    await sql`delete from audit_log where seq = 5`.execute(trx);
  });
  assert.equal(code, 2);
  assert.match(out, new RegExp(`^Audit log BROKEN at entry seq=6 id=${entry(6).id} \\(missing or reordered: expected seq=5 here\\)`));
});

test('two entries reordered (seqs swapped): exit 2 naming the first moved entry', async () => {
  const { code, out } = await runOnTampered(async (trx) => {
    await sql`update audit_log set seq = -3 where seq = 3`.execute(trx);
    await sql`update audit_log set seq = 3 where seq = 6`.execute(trx);
    await sql`update audit_log set seq = 6 where seq = -3`.execute(trx);
  });
  assert.equal(code, 2);
  assert.match(out, new RegExp(`^Audit log BROKEN at entry seq=3 id=${entry(6).id} \\(missing or reordered\\)`));
});

test('the tail deleted: exit 2 naming the first missing entry, from the anchor', async () => {
  const { code, out } = await runOnTampered(async (trx) => {
    await sql`delete from audit_log where seq >= 7`.execute(trx);
  });
  assert.equal(code, 2);
  assert.match(out, /^Audit log BROKEN at entry seq=7 id=\(removed\) \(tail removed: entries seq=7…8 are gone\)\n6 entries before it are intact/);
});

test('the tail deleted and the log appended to since: still reported, as a gap', async () => {
  const { code, out } = await runOnTampered(async (trx) => {
    await sql`delete from audit_log where seq >= 7`.execute(trx);
    await sql`alter table audit_log enable trigger user`.execute(trx);
    await audit(trx, t.clock, system, { objectType: 'test', action: 'test.after_truncation' });
  });
  assert.equal(code, 2);
  assert.match(out, /^Audit log BROKEN at entry seq=9 id=\S+ \(missing or reordered: expected seq=7 here\)/);
});

test('only the stored link edited: exit 2, wrong link', async () => {
  const { code, out } = await runOnTampered(async (trx) => {
    await sql`update audit_log set prev_hash = ${'a'.repeat(64)} where seq = 2`.execute(trx);
  });
  assert.equal(code, 2);
  assert.match(out, new RegExp(`^Audit log BROKEN at entry seq=2 id=${entry(2).id} \\(wrong link\\)`));
});

test('an entry rewritten and the chain re-hashed after it: caught by the anchor, and earlier by a checkpoint', async () => {
  const rehash = async (trx: Transaction<DB>) => {
    const rows = await trx.selectFrom('audit_log').selectAll().where('seq', '>=', '5').orderBy('seq').execute();
    let prevHash = entry(4).hash;
    for (const r of rows) {
      const e = { seq: r.seq, id: r.id, at: r.at, actorType: r.actor_type, actorId: r.actor_id, actorRole: r.actor_role, actorJurisdiction: r.actor_jurisdiction, ip: r.ip, objectType: r.object_type, objectId: r.seq === '5' ? 'case-other' : r.object_id, action: r.action, purpose: r.purpose, details: r.details };
      const hash = auditHash(prevHash, e);
      await sql`update audit_log set object_id = ${e.objectId}, prev_hash = ${prevHash}, hash = ${hash} where seq = ${r.seq}`.execute(trx);
      prevHash = hash;
    }
  };
  const byAnchor = await runOnTampered(rehash);
  assert.equal(byAnchor.code, 2);
  assert.match(byAnchor.out, new RegExp(`^Audit log BROKEN at entry seq=8 id=${entry(8).id} \\(does not match the anchor`));
  const byCheckpoint = await runOnTampered(rehash, ['verify', '--checkpoint', `6:${entry(6).hash}`]);
  assert.equal(byCheckpoint.code, 2);
  assert.match(byCheckpoint.out, new RegExp(`^Audit log BROKEN at entry seq=6 id=${entry(6).id} \\(does not match the checkpoint`));
});

test('tail and anchor both cut back (triggers off on both tables): a checkpoint still catches it', async () => {
  const cut = async (trx: Transaction<DB>) => {
    await sql`delete from audit_log where seq >= 7`.execute(trx);
    await sql`alter table audit_anchor disable trigger user`.execute(trx);
    await sql`update audit_anchor set last_seq = 6, last_hash = ${entry(6).hash}`.execute(trx);
    await sql`alter table audit_anchor enable trigger user`.execute(trx);
  };
  assert.equal((await runOnTampered(cut)).code, 0, 'without outside evidence this cut is invisible');
  const { code, out } = await runOnTampered(cut, ['verify', `--checkpoint=8:${entry(8).hash}`]);
  assert.equal(code, 2);
  assert.match(out, /^Audit log BROKEN at entry seq=7 id=\(removed\) \(tail removed: entries seq=7…8 are gone\)/);
});

test('an entry slipped in past the anchor: exit 2, not anchored', async () => {
  const { code, out } = await runOnTampered(async (trx) => {
    const e = { seq: '9', id: '99999999-9999-4999-8999-999999999999', at: new Date('2026-11-22T10:00:00.000Z'), actorType: 'system', actorId: 'test', actorRole: null, actorJurisdiction: null, ip: null, objectType: 'case', objectId: 'case-1', action: 'case.update', purpose: null, details: {} };
    await sql`insert into audit_log (seq, id, at, actor_type, actor_id, object_type, object_id, action, details, prev_hash, hash)
      values (9, ${e.id}, ${e.at}, 'system', 'test', 'case', 'case-1', 'case.update', '{}'::jsonb, ${entry(8).hash}, ${auditHash(entry(8).hash, e)})`.execute(trx);
  });
  assert.equal(code, 2);
  assert.match(out, /^Audit log BROKEN at entry seq=9 id=99999999-9999-4999-8999-999999999999 \(not anchored/);
});

test('after every tampering above was rolled back, the log verifies again', async () => {
  assert.equal((await runOnTampered(untouched)).code, 0);
});

test('audit tail prints the newest entries oldest first, without IP addresses', async () => {
  const { code, out } = await runOnTampered(untouched, ['tail', '-n', '3']);
  assert.equal(code, 0);
  const lines = out.trimEnd().split('\n');
  assert.equal(lines.length, 3);
  assert.equal(lines[0], '#6  2026-11-22T10:00:00.000Z  system:test  case.read_restricted  case:case-6  purpose="follow-up"  {"fields":["height"]}');
  assert.equal(lines[1], '#7  2026-11-22T10:00:00.000Z  user:22222222-2222-4222-8222-222222222222 officer@MA-RAB  case.update  case:case-7  {"fields":["height"]}');
  assert.match(lines[2] ?? '', /^#8 /);
  assert.ok(!out.includes(officer.ip ?? '-'), 'no IP address printed');
});

test('bad arguments are usage errors', () => {
  assert.equal(typeof parseAuditArgs([]), 'string');
  assert.equal(typeof parseAuditArgs(['fix']), 'string');
  assert.equal(typeof parseAuditArgs(['verify', '--checkpoint', '3:nothex']), 'string');
  assert.equal(typeof parseAuditArgs(['verify', '--checkpoint']), 'string');
  assert.equal(typeof parseAuditArgs(['tail', '-n', '0']), 'string');
  assert.deepEqual(parseAuditArgs(['tail', '-n5']), { sub: 'tail', count: 5 });
  assert.deepEqual(parseAuditArgs(['verify', '--checkpoint', `007:${'b'.repeat(64)}`]), { sub: 'verify', checkpoints: [{ seq: '7', hash: 'b'.repeat(64) }] });
});

function runCli(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin/tifli.js'), ...args], { cwd: ROOT, env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

test('`node bin/tifli.js audit verify` exits 0 on the intact log and 2 once an entry is changed in the table', async () => {
  const { config, dataDir, cleanup } = await createTestConfig();
  try {
    const ctx = await boot(config, { log: createLogger('silent'), clock: new ManualClock('2026-11-22T12:00:00.000Z') });
    let ids: string[];
    try {
      for (let i = 0; i < 3; i += 1) await ctx.store.db.transaction().execute((trx) => audit(trx, ctx.clock, officer, { objectType: 'case', objectId: `c${i}`, action: 'case.update' }));
      ids = (await ctx.store.db.selectFrom('audit_log').select('id').orderBy('seq').execute()).map((r) => r.id);
    } finally {
      await ctx.close();
    }
    // The embedded database is single-process: the command runs only once this process has closed it.
    const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, MASTER_KEYS: DEV_MASTER_KEYS, DATABASE_URL: config.database.mode === 'postgres' ? config.database.url : '' };
    const intact = await runCli(['audit', 'verify'], env);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /^Audit log intact: 3 entries, last hash [0-9a-f]{64} \(seq 3\)\n$/);

    const store = await openDatabase(config.database);
    try {
      await sql`alter table audit_log disable trigger user`.execute(store.db);
      await sql`update audit_log set action = 'case.nothing_happened' where seq = 2`.execute(store.db);
      await sql`alter table audit_log enable trigger user`.execute(store.db);
    } finally {
      await store.close();
    }
    const broken = await runCli(['audit', 'verify'], env);
    assert.equal(broken.code, 2, broken.stderr);
    assert.match(broken.stdout, new RegExp(`^Audit log BROKEN at entry seq=2 id=${ids[1] ?? '-'} \\(modified\\)`));
  } finally {
    await cleanup();
  }
});
