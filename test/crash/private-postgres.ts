/**
 * A throwaway PostgreSQL cluster of this test's own, for fault injection on the database itself: made
 * with the server binaries of the highest version in /usr/lib/postgresql/<version>/bin (initdb,
 * pg_ctl) in a temporary directory, listening on a free loopback port with trust authentication, so a
 * test can crash-restart it without touching the PostgreSQL other tests share. PostgreSQL refuses to
 * run as root: as root the binaries run as the `postgres` user (runuser), who owns the directory.
 * `stop()` stops the server and removes the directory; a test process that dies first takes the
 * server down with it (exit hook).
 *
 * @example
 *   if (!postgresBinDir()) t.skip('no PostgreSQL server binaries');
 *   const cluster = await startPrivatePostgres();
 *   try {
 *     const url = cluster.url('tifli');          // postgres://postgres@127.0.0.1:<port>/tifli (created)
 *     const outageMs = await cluster.restart('immediate'); // crash, recovery, accepting again
 *   } finally {
 *     await cluster.stop();
 *   }
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const ROOT_DIR = '/usr/lib/postgresql';
const AS_POSTGRES = process.getuid?.() === 0;

export type RestartMode = 'fast' | 'immediate';

export interface PrivatePostgres {
  readonly port: number;
  /** A connection URL for `database` on this cluster (user postgres, no password). */
  url(database?: string): string;
  /** `pg_ctl restart -m <mode>`; resolves once the server accepts connections again, with how long that took (ms). */
  restart(mode: RestartMode): Promise<number>;
  /** The end of the server's log, for failure messages. */
  logTail(): Promise<string>;
  /** Stops the server and removes its directory (idempotent). */
  stop(): Promise<void>;
}

/** The bin directory of the highest installed PostgreSQL version that has pg_ctl, or undefined. */
export function postgresBinDir(): string | undefined {
  if (!existsSync(ROOT_DIR)) return undefined;
  const versions = readdirSync(ROOT_DIR)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(path.join(ROOT_DIR, v, 'bin', 'pg_ctl')) && existsSync(path.join(ROOT_DIR, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(ROOT_DIR, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no loopback port');
  return address.port;
}

/** The command line that runs `bin` as the cluster's owner: postgres under root, else this user. */
function asOwner(bin: string, args: readonly string[]): [string, string[]] {
  return AS_POSTGRES ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, [...args]];
}

/** Runs a server binary as the cluster's owner; a failure carries its output. */
async function owner(dir: string, bin: string, args: readonly string[]): Promise<void> {
  const [file, argv] = asOwner(bin, args);
  // cwd: the owner must be able to enter it (pg_ctl resolves paths from there).
  // PG* variables of the caller (the shared server's) must not steer the private one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  try {
    await run(file, argv, { cwd: dir, env, timeout: 120_000 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${path.basename(bin)} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: err });
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Clusters still running, stopped (immediately) if the test process exits without `stop()`. */
const running = new Map<string, string>();
process.once('exit', () => {
  for (const [dir, bin] of running) {
    const [file, argv] = asOwner(path.join(bin, 'pg_ctl'), ['stop', '-D', path.join(dir, 'data'), '-m', 'immediate', '-w']);
    try {
      execFileSync(file, argv, { cwd: dir, stdio: 'ignore', timeout: 30_000 });
    } catch {
      // Already down: nothing to stop.
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

/** initdb, start, and a database `tifli` created; see the module comment. */
export async function startPrivatePostgres(options: { readonly database?: string } = {}): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(`no PostgreSQL server binaries under ${ROOT_DIR}/*/bin`);
  const database = options.database ?? 'tifli';
  const dir = await mkdtemp(path.join(tmpdir(), 'tifli-pg-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  if (AS_POSTGRES) {
    const { uid, gid } = await postgresIds();
    await chown(dir, uid, gid);
  }
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    try {
      await owner(dir, path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30']);
    } catch {
      // Never started, already down, or too slow to stop: the immediate mode cannot refuse.
      await owner(dir, path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => undefined);
    }
    running.delete(dir);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    // No sync during initdb: the cluster lives for one test, and no test here crashes the machine.
    await owner(dir, path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    // The socket goes in the private directory: the shared server's socket directory is not ours.
    const serverOptions = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=200`;
    running.set(dir, bin);
    await owner(dir, path.join(bin, 'pg_ctl'), ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions]);
    const url = (db = 'postgres'): string => `postgres://postgres@127.0.0.1:${port}/${db}`;
    const admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
    } finally {
      await admin.end();
    }
    return {
      port,
      url: (db = database) => url(db),
      async restart(mode) {
        const started = Date.now();
        // -l again: without it the new postmaster would write to pg_ctl's output, which this process
        // would then wait on for ever.
        await owner(dir, path.join(bin, 'pg_ctl'), ['restart', '-D', data, '-m', mode, '-l', log, '-w', '-t', '60']);
        return Date.now() - started;
      },
      logTail: async () => (await readFile(log, 'utf8').catch(() => '')).slice(-4000),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
