/**
 * The privacy commands as an operator runs them (`node bin/tifli.js …` in a child process, real clock):
 * `register` in both languages and formats, failing loudly on an unclassified column or table;
 * `retention run --dry-run` then `run`, with a legal hold; `retention stats`; `requests access`,
 * `rectify` and `history`; and a `retention run` killed with SIGKILL half-way, finished by the next run
 * with every case purged and counted exactly once.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { DEV_MASTER_KEYS, createTestConfig } from '../../../test/support/test-store.ts';
import { boot, type BootedContext } from '../../app/bootstrap.ts';
import { systemActor } from '../../app/accounts/actors.ts';
import { createUser } from '../../app/accounts/users.ts';
import { openCase } from '../../app/cases/open-case.ts';
import { transitionCase } from '../../app/cases/transition-case.ts';
import type { Config } from '../../config/config.ts';
import type { UserActor } from '../../domain/actor.ts';
import { validRecord } from '../../domain/case/case-fixtures.test-support.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createLogger } from '../../platform/logger.ts';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/tifli.js');
/** Cases are opened and closed on this clock: long enough ago for the 12 months to be over today. */
const SEED_CLOCK = new ManualClock(new Date(Date.now() - 2 * 365 * 86_400_000));

let config: Config;
let env: Record<string, string>;
let cleanup: () => Promise<void>;
let officer: UserActor;
const references: string[] = [];

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function tifli(args: readonly string[], extra: Record<string, string> = {}, onLine?: (line: string, kill: () => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) onLine?.(l, () => child.kill('SIGKILL'));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function withContext<T>(run: (ctx: BootedContext) => Promise<T>): Promise<T> {
  const ctx = await boot(config, { log: createLogger('silent'), clock: SEED_CLOCK });
  try {
    return await run(ctx);
  } finally {
    await ctx.close();
  }
}

/** Opens and closes `n` cases on the seeding clock; returns their references. */
async function closedCases(ctx: BootedContext, n: number): Promise<string[]> {
  const refs: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = validRecord();
    const at = new Date(SEED_CLOCK.now().getTime() - 3_600_000).toISOString();
    r.lastSeen.at = at;
    r.reporter.consents = { publishName: null, publishPhoto: null };
    r.child.photos = [];
    r.investigation.friends = [{ name: 'Salma', phone: '0611223344', note: null }];
    const opened = await openCase(ctx, officer, r, { exercise: false });
    await transitionCase(ctx, officer, opened.meta.id, { type: 'close', outcome: 'found_safe', reason: 'Retrouvée chez sa tante à Salé le soir même.' });
    refs.push(opened.meta.reference);
  }
  return refs;
}

before(async () => {
  const t = await createTestConfig();
  config = t.config;
  cleanup = t.cleanup;
  env = {
    NODE_ENV: 'test',
    DATA_DIR: t.dataDir,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    MASTER_KEYS: DEV_MASTER_KEYS,
    ...(config.database.mode === 'postgres' ? { DATABASE_URL: config.database.url } : {}),
  };
  await withContext(async (ctx) => {
    const o = await createUser(ctx, systemActor('test'), { username: 'officer.cli', displayName: 'Officer', role: 'officer', jurisdiction: 'MA-RAB' });
    await createUser(ctx, systemActor('test'), { username: 'dpo.cli', displayName: 'DPO', role: 'dpo', jurisdiction: 'MA' });
    officer = { kind: 'user', id: o.user.id, username: 'officer.cli', role: 'officer', jurisdiction: 'MA-RAB', jurisdictionPath: ['MA', 'MA-04', 'MA-RAB'], ip: null };
    references.push(...(await closedCases(ctx, 3)));
  });
});
after(() => cleanup());

test('register: French and Arabic, Markdown and JSON, periods from the configuration', async () => {
  const ar = await tifli(['register', '--lang', 'ar', '--format', 'md']);
  assert.equal(ar.code, 0, ar.stderr);
  assert.match(ar.stdout, /# سجل المعالجات/);
  assert.match(ar.stdout, /12 شهرا بعد إغلاق الملف/);
  assert.match(ar.stdout, /ميتا بلاتفورمز/);

  const json = await tifli(['register', '--format', 'json'], { RETENTION_RESTRICTED_MONTHS: '18', RETENTION_TIPS_MONTHS: '3' });
  assert.equal(json.code, 0, json.stderr);
  const r = JSON.parse(json.stdout) as { language: string; retention: { period: string }[]; processings: { datasets: { id: string }[] }[] };
  assert.equal(r.language, 'fr');
  assert.ok(r.retention.some((e) => e.period.startsWith('18 mois')));
  assert.ok(r.retention.some((e) => e.period.startsWith('3 mois')));
  const datasets = r.processings.flatMap((p) => p.datasets.map((d) => d.id));
  for (const table of ['case_record', 'cases', 'photos', 'tips', 'subscriptions', 'users', 'audit_log', 'legal_holds', 'rectifications', 'retention_statistics']) assert.ok(datasets.includes(table), table);

  assert.equal((await tifli(['register', '--lang', 'de'])).code, 64);
});

test('register fails loudly, naming it, on a column or a table nobody classified', async () => {
  await withContext(async (ctx) => sql`alter table tips add column shoe_size integer`.execute(ctx.store.db));
  try {
    const res = await tifli(['register']);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /Field "shoe_size" of dataset "tips" has no data class/);
    assert.equal(res.stdout, '');
  } finally {
    await withContext(async (ctx) => sql`alter table tips drop column shoe_size`.execute(ctx.store.db));
  }
  await withContext(async (ctx) => sql`create table mystery_notes (id integer, note text)`.execute(ctx.store.db));
  try {
    const res = await tifli(['register', '--lang', 'ar']);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /Table "mystery_notes" is stored but not classified/);
  } finally {
    await withContext(async (ctx) => sql`drop table mystery_notes`.execute(ctx.store.db));
  }
});

test('retention: the dry run lists without changing anything; a hold keeps its case; run purges the rest', async () => {
  const [first = '', held = '', third = ''] = references;
  const dry = await tifli(['retention', 'run', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  for (const ref of references) assert.match(dry.stdout, new RegExp(`${ref} .* purge restricted data \\+ destroy data key`));
  assert.match(dry.stdout, /photos 0, alert versions to redact 0/);
  assert.match(dry.stdout, /Dry run: would purge 3 case\(s\)/);
  assert.doesNotMatch(dry.stdout, /Yasmine|Fatima|0611223344|0612345678/, 'ids, references and counts only');
  assert.equal(await withContext(async (ctx) => (await ctx.store.db.selectFrom('retention_progress').select('case_id').execute()).length), 0);

  const hold = await tifli(['retention', 'hold', '--case', held, '--as', 'dpo.cli', '--reason', 'Instruction judiciaire en cours, dossier 2026/77.']);
  assert.equal(hold.code, 0, hold.stderr);
  assert.equal((await tifli(['retention', 'hold', '--case', held, '--as', 'officer.cli', '--reason', 'Un officier ne peut pas geler.'])).code, 1, 'the policy applies to the named staff member');
  assert.match((await tifli(['retention', 'holds'])).stdout, new RegExp(`case ${held}.*IN FORCE`));

  const run = await tifli(['retention', 'run']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`${first} .* purged`));
  assert.match(run.stdout, new RegExp(`${third} .* purged`));
  assert.match(run.stdout, new RegExp(`${held} .* held`));
  assert.match(run.stdout, /Done: 2 purged, 0 tips purged, 1 held, 0 failed\./);

  const stats = await tifli(['retention', 'stats']);
  assert.equal(stats.code, 0, stats.stderr);
  assert.match(stats.stdout, /\tMA-04\t6-11\tfound_safe\t<6h\tfalse\t2\t0/);

  // The held case is still whole: the guardian's access request shows it, in Arabic.
  const access = await tifli(['requests', 'access', '--case', held, '--as', 'dpo.cli', '--purpose', 'Courrier de la mère du 20/11/2026', '--lang', 'ar']);
  assert.equal(access.code, 0, access.stderr);
  assert.match(access.stdout, /جواب على طلب الولوج/);
  assert.match(access.stdout, /0612345678/);
  const purged = await tifli(['requests', 'access', '--case', first, '--as', 'dpo.cli', '--purpose', 'Courrier du père du 20/11/2026']);
  assert.match(purged.stdout, /ont été purgées au terme de la durée de conservation/);
  assert.doesNotMatch(purged.stdout, /0612345678/);

  const rectify = await tifli(['requests', 'rectify', '--case', held, '--as', 'officer.cli', '--field', 'child.heightCm', '--value', '131', '--reason', 'Taille mesurée par le médecin scolaire.']);
  assert.equal(rectify.code, 0, rectify.stderr);
  assert.match(rectify.stdout, /child\.heightCm: 128 -> 131/);
  const history = await tifli(['requests', 'history', '--case', held, '--as', 'dpo.cli', '--purpose', 'Vérification de la rectification']);
  assert.match(history.stdout, /child\.heightCm: 128 -> 131 {2}\(guardian; by [0-9a-f-]{36}; version \d+\)/);
  assert.match(history.stdout, /reason: Taille mesurée/);
  assert.equal((await tifli(['requests', 'rectify', '--case', first, '--as', 'dpo.cli', '--field', 'child.heightCm', '--value', '131', '--reason', 'Trop tard pour ce dossier purgé.'])).code, 1);
});

test('a retention run killed with SIGKILL half-way is finished by the next run, each case purged and counted once', async () => {
  const refs = await withContext((ctx) => closedCases(ctx, 40));
  const statsBefore = await withContext(async (ctx) => (await ctx.store.db.selectFrom('retention_statistics').select('cases').execute()).reduce((n, r) => n + r.cases, 0));
  let seen = 0;
  const killed = await tifli(['retention', 'run'], {}, (line, kill) => {
    if (/ purged/.test(line) && ++seen === 5) kill();
  });
  assert.notEqual(killed.code, 0, 'the first run was killed');
  const finished = await tifli(['retention', 'run']);
  assert.equal(finished.code, 0, finished.stderr);
  assert.ok((finished.stdout.match(/ purged/g) ?? []).length < 40, 'the second run did not start over');

  await withContext(async (ctx) => {
    const ids = (await ctx.store.db.selectFrom('cases').select('id').where('reference', 'in', refs).execute()).map((r) => r.id);
    assert.equal(ids.length, 40);
    const purged = await ctx.store.db.selectFrom('retention_progress').select('case_id').where('case_id', 'in', ids).where('purged_at', 'is not', null).execute();
    assert.equal(purged.length, 40, 'every case is purged');
    const stats = (await ctx.store.db.selectFrom('retention_statistics').select('cases').execute()).reduce((n, r) => n + r.cases, 0);
    assert.equal(stats - statsBefore, 40, 'and counted exactly once');
    const purges = await ctx.store.db.selectFrom('audit_log').select('object_id').where('action', '=', 'retention.purge').where('object_id', 'in', ids).execute();
    assert.equal(purges.length, 40, 'one purge entry per case');
    assert.equal(new Set(purges.map((p) => p.object_id)).size, 40);
    const keys = await ctx.store.db.selectFrom('data_keys').select(['owner_id', 'destroyed_at']).where('owner_id', 'in', ids).execute();
    assert.ok(keys.every((k) => k.destroyed_at !== null), 'every data key destroyed');
  });
});
