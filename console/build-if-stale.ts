/**
 * Builds the officers' console into dist/console/ only when it is missing or older than what it is
 * built from (its sources, the domain modules it imports, the installed packages). `npm start` runs
 * this first (prestart), and the browser tests call it before they start a server, so a fresh clone
 * serves the console without a separate step and an unchanged tree is not built twice.
 *
 * Freshness is a fingerprint of the inputs' paths, sizes and modification times, kept in
 * dist/console/.build-stamp. Concurrent callers (test files running side by side) take turns on a
 * lock directory; the second finds the first one's build fresh.
 *
 * @example
 *   node console/build-if-stale.ts           # prints "console: up to date" or builds it
 *   await ensureConsoleBuilt();              // 'fresh' | 'built'
 */
import { createHash } from 'node:crypto';
import { globSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'dist', 'console');
const STAMP = path.join(OUT, '.build-stamp');
const LOCK = path.join(ROOT, 'dist', '.console-build.lock');
const INPUTS = ['console/index.html', 'console/vite.config.ts', 'console/tsconfig.json', 'console/src/**/*', 'src/domain/**/*.ts', 'package-lock.json'];
/** A lock older than this belongs to a build that died. */
const STALE_LOCK_MS = 5 * 60_000;

export function consoleFingerprint(): string {
  const hash = createHash('sha256');
  const files = globSync(INPUTS, { cwd: ROOT })
    .filter((f) => !f.endsWith('.test.ts'))
    .sort();
  for (const file of files) {
    const s = statSync(path.join(ROOT, file));
    if (s.isFile()) hash.update(`${file}\0${s.size}\0${Math.trunc(s.mtimeMs)}\n`);
  }
  return hash.digest('hex');
}

function isFresh(fingerprint: string): boolean {
  try {
    return readFileSync(STAMP, 'utf8').trim() === fingerprint && statSync(path.join(OUT, 'index.html')).isFile();
  } catch {
    return false;
  }
}

function tryLock(): boolean {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    } catch {
      // gone meanwhile: the next turn takes it
    }
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function ensureConsoleBuilt(options: { readonly log?: (line: string) => void } = {}): Promise<'fresh' | 'built'> {
  const log = options.log ?? (() => undefined);
  for (;;) {
    if (isFresh(consoleFingerprint())) return 'fresh';
    if (tryLock()) break;
    await sleep(250);
  }
  try {
    const fingerprint = consoleFingerprint();
    if (isFresh(fingerprint)) return 'fresh';
    log('console: building dist/console …');
    const started = performance.now();
    const { build } = await import('vite');
    await build({ configFile: path.join(ROOT, 'console', 'vite.config.ts'), logLevel: 'warn' });
    writeFileSync(STAMP, `${fingerprint}\n`);
    log(`console: built in ${Math.round(performance.now() - started)} ms`);
    return 'built';
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await ensureConsoleBuilt({ log: (line) => process.stdout.write(`${line}\n`) });
  if (result === 'fresh') process.stdout.write('console: up to date\n');
}
