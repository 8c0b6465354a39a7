/**
 * Starts a server as its own Node process on a free loopback port and waits until GET /healthz
 * answers 200, timing that from the spawn. Tifli's configuration variables are removed from the
 * inherited environment, so a figure measures the defaults plus exactly what it sets.
 *
 * @example
 *   const server = await startServer({ label: 'tifli', script: path.join(root, 'bin/tifli.js'), args: ['serve'], cwd: root, env: { DATA_DIR: dir } });
 *   console.log(server.readySeconds, await readTreeRssBytes(server.pid));
 *   await server.stop();
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARIABLES } from '../../src/config/config.ts';

export const BENCH_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TIFLI_BIN = path.join(BENCH_ROOT, 'bin', 'tifli.js');
export const BARE_FASTIFY = path.join(BENCH_ROOT, 'bench', 'lib', 'bare-fastify-server.ts');
export const BARE_FASTIFY_PEER = 'bare Fastify hello-world /healthz process (bench/lib/bare-fastify-server.ts)';

export interface StartOptions {
  /** Names the process in messages. */
  readonly label: string;
  readonly script: string;
  readonly args?: readonly string[];
  readonly cwd: string;
  /** Added to the inherited environment (minus Tifli's variables); HOST and PORT are set here. */
  readonly env?: Readonly<Record<string, string>>;
  readonly readyTimeoutMs?: number;
}

export interface RunningServer {
  readonly pid: number;
  readonly port: number;
  /** Seconds from spawn to the first 200 from /healthz. */
  readonly readySeconds: number;
  /** SIGTERM, then SIGKILL if it has not exited within 15 s. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** One GET: the status code, or undefined when nothing answered in time. */
export function httpStatus(url: string, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(undefined));
  });
}

function cleanEnvironment(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARIABLES) delete env[name];
  return { ...env, ...extra };
}

type Exit = { code: number | null; signal: string | null; error?: Error };

/** Servers still running; killed if the bench process ends without stopping them (a crash). */
const live = new Set<{ kill(signal: NodeJS.Signals): boolean }>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/healthz`;
  const started = performance.now();
  const child = spawn(process.execPath, [options.script, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: cleanEnvironment({ ...options.env, HOST: '127.0.0.1', PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep only the end of the output, for a message if it dies before it is ready.
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-3000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  live.add(child);
  let exit: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (error) => resolve((exit = { code: null, signal: null, error })));
    child.once('exit', (code, signal) => resolve((exit = { code, signal })));
  }).finally(() => live.delete(child));

  const stop = async (): Promise<void> => {
    if (exit) return;
    child.kill('SIGTERM');
    // An unref'd timer: once the child has exited it must not keep the bench alive for 15 s.
    const done = await Promise.race([exited, sleep(15_000, undefined, { ref: false })]);
    if (!done) {
      child.kill('SIGKILL');
      await exited;
    }
  };

  const deadline = started + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    const status = await httpStatus(url, 1000);
    if (status === 200) break;
    const ended = exit;
    if (ended) {
      const how = ended.error ? ended.error.message : `exit code ${ended.code ?? ended.signal}`;
      throw new Error(`${options.label} stopped before /healthz answered (${how}); its last output:\n${tail}`);
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`${options.label} did not answer /healthz with 200 within ${options.readyTimeoutMs ?? 60_000} ms; its last output:\n${tail}`);
    }
    await sleep(20);
  }
  const readySeconds = (performance.now() - started) / 1000;
  if (child.pid === undefined) throw new Error(`${options.label} has no pid`);
  return { pid: child.pid, port, readySeconds, stop };
}

/** `node bin/tifli.js serve` (what `npm start` runs) with the given environment. */
export function startTifli(env: Readonly<Record<string, string>>, label = 'tifli serve'): Promise<RunningServer> {
  return startServer({ label, script: TIFLI_BIN, args: ['serve'], cwd: BENCH_ROOT, env });
}

export function startBareFastify(): Promise<RunningServer> {
  return startServer({ label: 'bare Fastify', script: BARE_FASTIFY, cwd: BENCH_ROOT });
}
