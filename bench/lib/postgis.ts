/**
 * PostGIS as a bench peer: present, or installed from Debian's packages when the PostgreSQL server
 * runs on this machine and the bench runs as root (`apt-get install postgresql-<major>-postgis-3`),
 * then `CREATE EXTENSION postgis` in the scratch database. When any step is impossible the caller
 * gets the reason and reports its figure without the peer; the bench never fails for it.
 *
 * @example
 *   const missing = await enablePostgis(db, opts.postgresUrl, opts.log);
 *   if (missing) note = `no PostGIS peer: ${missing}`;
 */
import { spawn } from 'node:child_process';
import { type Kysely, sql } from 'kysely';
import { describeServer } from './postgres.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

async function available(db: Kysely<unknown>): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'postgis'`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}

/** Runs a command; resolves with its exit code (null when killed) and the tail of its output. */
function run(cmd: string, args: readonly string[], timeoutMs: number): Promise<{ code: number | null; tail: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let tail = '';
    const keep = (b: Buffer) => {
      tail = (tail + b.toString('utf8')).slice(-400);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => resolve({ code: null, tail: err.message }));
    child.on('close', (code) => resolve({ code, tail }));
  });
}

async function aptInstall(pkg: string, log: (line: string) => void): Promise<string | undefined> {
  log(`PostGIS missing: apt-get install ${pkg} (once per machine)`);
  let r = await run('apt-get', ['install', '-y', '--no-install-recommends', pkg], 300_000);
  if (r.code !== 0) {
    // A fresh machine has no package lists yet.
    log('apt-get install failed; apt-get update, then once more');
    await run('apt-get', ['update'], 180_000);
    r = await run('apt-get', ['install', '-y', '--no-install-recommends', pkg], 300_000);
  }
  if (r.code === 0) return undefined;
  return `apt-get install ${pkg} failed (${r.code === null ? 'not run or killed' : `exit ${r.code}`})`;
}

/** Undefined when PostGIS is enabled in `db`'s database; otherwise why not. */
export async function enablePostgis(db: Kysely<unknown>, serverUrl: string, log: (line: string) => void): Promise<string | undefined> {
  if (!(await available(db))) {
    const host = new URL(serverUrl).hostname;
    if (!LOOPBACK.has(host)) return `PostGIS is not installed on the PostgreSQL server at ${describeServer(serverUrl)}, which is not on this machine`;
    if (process.getuid?.() !== 0) return 'PostGIS is not installed and the bench is not root (apt-get install postgresql-<major>-postgis-3)';
    const num = (await sql<{ v: string }>`SELECT current_setting('server_version_num') AS v`.execute(db)).rows[0]?.v ?? '0';
    const pkg = `postgresql-${Math.floor(Number(num) / 10_000)}-postgis-3`;
    const failed = await aptInstall(pkg, log);
    if (failed) return failed;
    if (!(await available(db))) return `${pkg} installed but the server does not list postgis (is ${describeServer(serverUrl)} the local server?)`;
  }
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(db);
    return undefined;
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'error';
    return `CREATE EXTENSION postgis failed (${code})`;
  }
}
