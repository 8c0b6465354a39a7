/**
 * Backups round-trip a database (issue #8, point 7): `takeBackup` then `restoreBackup` give back every
 * row of every table (value for value, as PostgreSQL writes them), the sequences and the pending jobs,
 * over the same database (with force) and into an empty one; on PostgreSQL runs also across modes
 * (PostgreSQL → embedded → PostgreSQL). The restored system works: the same sessions, the same public
 * alert, a verifying audit chain. Refusals leave the target untouched: a database holding data without
 * force, a damaged file, a file sealed under a master key that is not configured.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { takeBackup } from '../../src/app/backup/take-backup.ts';
import { restoreBackup, RestoreRefused } from '../../src/app/backup/restore-backup.ts';
import { BackupFileError } from '../../src/app/backup/backup-file.ts';
import { verifyAudit } from '../../src/app/audit/verify-audit.ts';
import { loadConfig } from '../../src/config/config.ts';
import { loadMasterKeyRing } from '../../src/platform/crypto/master-keys.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { seededRecord } from '../../src/domain/case/case-fixtures.test-support.ts';
import { bareContext, fingerprint, type Fingerprint, scratchDatabase, type ScratchDatabase, startServer } from './backup-support.ts';
import { openCaseWithPhoto, publishedAlert, type LiveAlert, type Staff, signInStaff } from './alert-flow.ts';

const clock = new ManualClock('2026-03-11T14:00:00Z');
let dir: string;
let env: Record<string, string>;
let source: ScratchDatabase;
let file: string;
let original: Fingerprint;
let staff: Staff;
let alert: LiveAlert;
const scratch: ScratchDatabase[] = [];

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tifli-backup-'));
  env = { SHRED_LEDGER_FILE: path.join(dir, 'shred-ledger.jsonl') };
  source = await scratchDatabase(env);
  const server = await startServer(source.config, clock);
  try {
    staff = await signInStaff(server.ctx, server.app);
    alert = await publishedAlert(server.app, staff, seededRecord());
    await openCaseWithPhoto(server.app, staff);
    // A sealed (unpublishable) photo too: binary data under the case key.
    const sealed = await server.app.inject({ method: 'POST', url: `/api/cases/${alert.caseId}/photos?publishable=false`, headers: { ...staff.officer, 'content-type': 'image/jpeg' }, payload: await readFile(new URL('../fixtures/photo.heic', import.meta.url)) });
    assert.equal(sealed.statusCode, 201, sealed.body);
    original = await fingerprint(server.ctx.store.db);
    file = path.join(dir, 'tifli.bak');
    const report = await takeBackup(server.ctx, file);
    assert.ok(report.tables >= 20 && report.rows > 100, JSON.stringify(report));
    assert.ok(report.jobs >= 1, 'the outbox jobs of the published alert are pending (no worker runs here)');
    assert.equal(report.masterKeyId, 'test1');
  } finally {
    await server.stop();
  }
});
after(async () => {
  for (const s of [source, ...scratch]) await s.drop();
  await rm(dir, { recursive: true, force: true });
});

async function scratchDb(extra: Record<string, string> = {}): Promise<ScratchDatabase> {
  const s = await scratchDatabase({ ...env, ...extra });
  scratch.push(s);
  return s;
}

test('the backup file discloses nothing: no name, marker, reference or table content in clear', async () => {
  const bytes = await readFile(file);
  for (const clear of ['MARKER', 'Yasmine', 'jurisdictions', 'audit_log', alert.publicId, 'TPI de Rabat']) assert.ok(!bytes.includes(Buffer.from(clear)), clear);
  const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(header).sort(), ['cipher', 'createdAt', 'format', 'iv', 'kdf', 'masterKeyId', 'salt', 'version']);
});

test('restoring into an empty database gives back every row, sequence and pending job; the system then works as before', async () => {
  const target = await scratchDb();
  const bare = await bareContext(target.config, clock);
  try {
    const report = await restoreBackup(bare, file);
    assert.equal(report.reshredded, 0);
    assert.deepEqual(report.migrationsAfter, []);
    assert.ok(report.jobs.restored >= 1 && report.jobs.skipped === 0, JSON.stringify(report.jobs));
    assert.deepEqual(await fingerprint(bare.store.db), original);
    assert.equal((await verifyAudit(bare)).ok, true);
  } finally {
    await bare.close();
  }
  const server = await startServer(target.config, clock);
  try {
    const cases = await server.app.inject({ method: 'GET', url: '/api/cases', headers: staff.officer });
    assert.equal(cases.statusCode, 200, 'the officer’s session came back with the data');
    const full = await server.app.inject({ method: 'GET', url: `/api/cases/${alert.caseId}?purpose=restore-check`, headers: staff.officer });
    assert.ok(full.body.includes('MARKER-medical-insulin'), 'sensitive fields open with the restored data key');
    const page = await server.app.inject({ method: 'GET', url: `/alerts/${alert.publicId}` });
    assert.equal(page.statusCode, 200);
    assert.equal((await server.app.inject({ method: 'GET', url: `/alerts/${alert.publicId}/photo.jpg` })).statusCode, 200);
  } finally {
    await server.stop();
  }
});

test('a database that holds data is replaced only with force; refused restores change nothing', async () => {
  const server = await startServer(source.config, clock);
  await openCaseWithPhoto(server.app, staff);
  const changed = await fingerprint(server.ctx.store.db);
  assert.notDeepEqual(changed, original);
  await server.stop();

  const bare = await bareContext(source.config, clock);
  try {
    await assert.rejects(restoreBackup(bare, file), (e: unknown) => e instanceof RestoreRefused && /--force/.test(e.message));
    assert.deepEqual(await fingerprint(bare.store.db), changed);

    // A byte changed in the middle of the file: refused, even with force, before anything commits.
    const damaged = path.join(dir, 'damaged.bak');
    const bytes = Buffer.from(await readFile(file));
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    await writeFile(damaged, bytes);
    await assert.rejects(restoreBackup(bare, damaged, { force: true }), (e: unknown) => e instanceof BackupFileError && /damaged or was altered/.test(e.message));
    const cut = path.join(dir, 'cut.bak');
    await writeFile(cut, (await readFile(file)).subarray(0, 4000));
    await assert.rejects(restoreBackup(bare, cut, { force: true }), BackupFileError);
    assert.deepEqual(await fingerprint(bare.store.db), changed, 'the damaged files changed nothing');

    // Sealed under a master key that is not configured: refused, naming the key.
    const otherKeys = loadConfig({ NODE_ENV: 'test', DATA_DIR: source.dataDir, MASTER_KEYS: `k9:${Buffer.alloc(32, 9).toString('base64')}` });
    await assert.rejects(restoreBackup({ ...bare, keys: await loadMasterKeyRing(otherKeys) }, file, { force: true }), (e: unknown) => e instanceof BackupFileError && /"test1"/.test(e.message));

    const report = await restoreBackup(bare, file, { force: true });
    assert.equal(report.reshredded, 0);
    assert.deepEqual(await fingerprint(bare.store.db), original, 'with force, the database is exactly the backup again');
  } finally {
    await bare.close();
  }
});

test('on PostgreSQL: a backup restores into the embedded database and back, value for value', { skip: !process.env.DATABASE_URL }, async () => {
  const embedded = await scratchDb();
  const embeddedConfig = loadConfig({ NODE_ENV: 'test', DATA_DIR: embedded.dataDir, MASTER_KEYS: `test1:${Buffer.alloc(32, 7).toString('base64')}`, LOG_LEVEL: 'silent', ...env });
  assert.equal(embeddedConfig.database.mode, 'embedded');
  const intoEmbedded = await bareContext(embeddedConfig, clock);
  const second = path.join(dir, 'from-embedded.bak');
  try {
    await restoreBackup(intoEmbedded, file);
    assert.deepEqual(await fingerprint(intoEmbedded.store.db), original);
    await takeBackup(intoEmbedded, second);
  } finally {
    await intoEmbedded.close();
  }
  const backToPostgres = await scratchDb();
  const bare = await bareContext(backToPostgres.config, clock);
  try {
    assert.equal(bare.store.mode, 'postgres');
    await restoreBackup(bare, second);
    assert.deepEqual(await fingerprint(bare.store.db), original);
  } finally {
    await bare.close();
  }
});
