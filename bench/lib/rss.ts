/**
 * Resident memory of a process (and its descendants) from /proc/<pid>/status VmRSS, Linux only.
 *
 * @example
 *   const bytes = await readTreeRssBytes(server.pid);
 */
import { readFile, readdir } from 'node:fs/promises';

/** A `Vm*` field (kB = KiB in the kernel's text) of /proc/<pid>/status, in bytes. */
export function parseStatusBytes(status: string, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB\\s*$`, 'm').exec(status);
  if (!m?.[1]) throw new Error(`no ${field} line in the process status`);
  return Number(m[1]) * 1024;
}

export async function readRssBytes(pid: number): Promise<number> {
  return parseStatusBytes(await readFile(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
}

/** Which malloc the process runs on: 'jemalloc' when the launcher preloaded it, else 'glibc'. */
export async function allocatorOf(pid: number): Promise<'jemalloc' | 'glibc'> {
  const maps = await readFile(`/proc/${pid}/maps`, 'utf8').catch(() => '');
  return maps.includes('libjemalloc') ? 'jemalloc' : 'glibc';
}

/** The process's peak RSS so far (VmHWM), for a note on start-up spikes. */
export async function readPeakRssBytes(pid: number): Promise<number> {
  return parseStatusBytes(await readFile(`/proc/${pid}/status`, 'utf8'), 'VmHWM');
}

async function childPids(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const lists = await Promise.all(tasks.map((t) => readFile(`/proc/${pid}/task/${t}/children`, 'utf8').catch(() => '')));
  return lists.flatMap((l) => l.split(/\s+/).filter(Boolean).map(Number));
}

/** RSS of the process plus every descendant (a server that forks workers is measured whole). */
export async function readTreeRssBytes(pid: number): Promise<number> {
  let total = await readRssBytes(pid);
  for (const child of await childPids(pid)) total += await readTreeRssBytes(child).catch(() => 0);
  return total;
}

/** Bytes to decimal megabytes (10^6), the unit the targets are written in. */
export const toMegabytes = (bytes: number): number => bytes / 1e6;
