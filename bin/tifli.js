#!/usr/bin/env node
// Launcher for `npx tifli` and `npm start`. The sources are TypeScript run by Node's built-in type
// stripping (Node 22.18+), so there is no build step and nothing compiled to commit.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`tifli needs Node 22.18 or newer (this is ${process.versions.node}). Run it through npm (npm start, npx tifli), which uses the Node 22 installed in node_modules.\n`);
  process.exit(1);
}
// sharp's libvips threads fragment glibc's per-thread malloc arenas: rendering posters, a process held
// about 130 MB more resident memory than with two arenas (a measured plateau, not a leak). glibc reads
// the variable only at start, so the launcher replaces itself once with it set: same pid, so signals,
// supervisors and `kill` still reach the real process.
//
// A worker allocates fast (thousands of messages a second) and V8 then lets its heap grow far past what it
// keeps: a 1,000,000-recipient fan-out peaked at 750 MB resident per worker with a default heap, 380 MB with
// a 192 MB old space at the same rate (the heap it keeps is about 100 MB). NODE_OPTIONS with its own
// --max-old-space-size wins.
const heapCeiling = process.argv[2] === 'worker' && !`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`.includes('--max-old-space-size') ? ['--max-old-space-size=192'] : [];
//
// Better still, where the system has it (Debian: apt install libjemalloc2), jemalloc replaces glibc's
// malloc altogether, as sharp's own documentation recommends for long-running processes on glibc: it
// returns freed pages to the system instead of keeping them fragmented. TIFLI_ALLOCATOR=glibc opts out;
// an LD_PRELOAD already set is left alone.
import { existsSync } from 'node:fs';

const JEMALLOC = ['/usr/lib/x86_64-linux-gnu/libjemalloc.so.2', '/usr/lib/aarch64-linux-gnu/libjemalloc.so.2', '/usr/lib64/libjemalloc.so.2', '/usr/lib/libjemalloc.so.2'];
// Each setting is made only when absent, so the replaced process finds them all and goes on.
const linux = process.platform === 'linux';
const preloaded = Boolean(process.env.LD_PRELOAD);
const jemalloc = linux && !preloaded && process.env.TIFLI_ALLOCATOR !== 'glibc' ? JEMALLOC.find((path) => existsSync(path)) : undefined;
const allocator = jemalloc
  ? { LD_PRELOAD: jemalloc, MALLOC_CONF: process.env.MALLOC_CONF ?? 'background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:1000' }
  : linux && !preloaded && !process.env.MALLOC_ARENA_MAX
    ? { MALLOC_ARENA_MAX: '2' }
    : undefined;
if ((allocator || heapCeiling.length > 0) && typeof process.execve === 'function') {
  process.execve(process.execPath, [process.execPath, ...heapCeiling, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, ...allocator });
}
await import('../src/cli/main.ts');
