/**
 * `node bin/tifli.js <command>` as a real child process for crash tests: started with exactly the
 * configuration the test gives (Tifli's variables in the inherited environment are removed), ready
 * when it prints its ready line, and killable at any moment — SIGKILL for a crash, SIGTERM for a
 * graceful stop. Every process started through a `TifliProcesses` set is SIGKILLed by `killAll()`
 * (call it in `after`) and, as a last resort, when the test process itself exits.
 *
 * @example
 *   const procs = new TifliProcesses();
 *   after(() => procs.killAll());
 *   const worker = await procs.start('worker', 'worker 1', env);
 *   await worker.kill('SIGKILL');
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARIABLES } from '../../src/config/config.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'tifli.js');

/** `tifli serve` prints its address; `tifli worker` says it is ready. */
const READY: Readonly<Record<'serve' | 'worker', RegExp>> = {
  serve: /listening on http:\/\/[^\s:]+:(\d+)/,
  worker: /Tifli worker \S+ ready/,
};

export interface TifliProcess {
  readonly label: string;
  readonly pid: number;
  /** The port `tifli serve` listens on (0 for a worker). */
  readonly port: number;
  /** Resolves when the process has exited (with how). */
  readonly exited: Promise<string>;
  alive(): boolean;
  /** Sends the signal and waits for the exit. */
  kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<string>;
  /** The end of its output (stdout and stderr), for failure messages. */
  tail(): string;
}

export interface StartOptions {
  /** How long to wait for the ready line (default 60 s). */
  readonly readyTimeoutMs?: number;
  /** Lower the process's CPU priority (nice 0–19), e.g. so that senders do not starve a receiver. */
  readonly niceness?: number;
  /** Node's own flags before the script (e.g. `--trace-gc`); the launcher keeps them when it re-executes. */
  readonly nodeArgs?: readonly string[];
  /** Every chunk of standard output, as it comes (the process's own output stays in `tail()` too). */
  readonly onStdout?: (chunk: string) => void;
}

/** Live children of this test process: a crash of the test itself must not leave them running. */
const live = new Set<ChildProcess>();
const killLive = (): void => {
  for (const child of live) child.kill('SIGKILL');
};
process.once('exit', killLive);
// The test runner ends a file that overran its time with a signal: take the children along.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    killLive();
    process.kill(process.pid, signal);
  });
}

function childEnvironment(env: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARIABLES) delete base[name];
  return { ...base, ...env };
}

export class TifliProcesses {
  readonly #all: TifliProcess[] = [];

  /** Starts `tifli <command>` and waits for its ready line (or fails with its last output). */
  async start(command: 'serve' | 'worker', label: string, env: Readonly<Record<string, string>>, options: StartOptions = {}): Promise<TifliProcess> {
    const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, command], { cwd: ROOT, env: childEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    if (options.niceness !== undefined && child.pid !== undefined) setPriority(child.pid, options.niceness);
    let output = '';
    let exitedHow: string | null = null;
    const exited = new Promise<string>((resolve) => {
      child.once('error', (err) => resolve((exitedHow = `error ${err.message}`)));
      child.once('exit', (code, signal) => resolve((exitedHow = signal ?? `exit code ${code ?? '?'}`)));
    }).finally(() => live.delete(child));
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stderr.on('data', keep);
    let port = 0;
    const proc: TifliProcess = {
      label,
      pid: child.pid ?? 0,
      get port() {
        return port;
      },
      exited,
      alive: () => exitedHow === null,
      async kill(signal) {
        if (exitedHow === null) child.kill(signal);
        return exited;
      },
      tail: () => output,
    };
    this.#all.push(proc);
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${label} printed no ready line within ${readyTimeoutMs} ms; its last output:\n${output}`));
      }, readyTimeoutMs);
      let ready = false;
      child.stdout.on('data', (chunk: Buffer) => {
        keep(chunk);
        options.onStdout?.(chunk.toString('utf8'));
        const m = ready ? null : READY[command].exec(output);
        if (m) {
          ready = true;
          clearTimeout(timer);
          resolve(Number(m[1] ?? 0));
        }
      });
      void exited.then((how) => {
        clearTimeout(timer);
        reject(new Error(`${label} stopped (${how}) before it was ready; its last output:\n${output}`));
      });
    });
    return proc;
  }

  /** Every process started, in order. */
  all(): readonly TifliProcess[] {
    return this.#all;
  }

  /** SIGKILLs whatever is still running and waits for every exit. */
  async killAll(): Promise<void> {
    await Promise.all(this.#all.map((p) => p.kill('SIGKILL')));
  }
}
