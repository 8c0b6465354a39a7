/**
 * Secrets only from configuration (issue #8, point 6): no key, token or password is written in the
 * code that ships (src/, bin/, scripts/, console/src/; tests and their fixtures excepted, their keys are
 * made up), `process.env` is read by src/config/config.ts alone, and configuration has no built-in
 * secret to fall back on: without MASTER_KEYS and the providers' variables there is no key and no
 * channel, and production refuses to start without MASTER_KEYS.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/config.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHIPPED = ['src', 'bin', 'scripts', 'console/src'];

/** Known secret formats: ours and common providers'. */
const PATTERNS: readonly [string, RegExp][] = [
  ['PEM private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['MASTER_KEYS entry (id:base64 of 32 bytes)', /\b[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=/],
  ['Tifli API token', /\btfl_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}\b/],
  ['AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36}\b/],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['Stripe live key', /\b[rs]k_live_[0-9A-Za-z]{16,}/],
  ['JSON Web Token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./],
  ['Meta access token', /\bEAA[A-Za-z0-9]{40,}/],
  ['credentials in a URL', /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"`$<>{}]+:[^\s/@'"`$<>{}]+@[a-z0-9.-]+/i],
  ['assigned secret', /\b(?:secret|token|password|passwd|private_?key|api_?key|apikey)[A-Za-z_]*['"]?\s*[:=]\s*['"`][^'"`\s]{12,}['"`]/i],
];

/** A string literal that looks random: a key or token pasted in, in base64, base64url or hex. */
function randomLooking(literal: string): boolean {
  if (literal.length < 32 || !/^[A-Za-z0-9+/_=-]+$/.test(literal)) return false;
  const hex = /^[0-9a-f]+$/i.test(literal) && /[0-9]/.test(literal) && /[a-f]/i.test(literal);
  const mixed = /[0-9]/.test(literal) && /[a-z]/.test(literal) && /[A-Z]/.test(literal);
  if (!hex && !mixed) return false;
  const chars = [...literal];
  if (chars.every((c, i) => i === 0 || c > (chars[i - 1] ?? ''))) return false; // an alphabet, in order
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  const entropy = -[...counts.values()].reduce((sum, n) => sum + (n / chars.length) * Math.log2(n / chars.length), 0);
  return entropy >= (hex ? 3.5 : 4.2);
}

/** Placeholder passwords in documented examples ("smtp://user:pass@relay.example"). */
const PLACEHOLDER = /:(?:pass(?:word)?|secret|x+|\*+|changeme|…)@/i;

export function findSecrets(code: string): string[] {
  const found: string[] = [];
  for (const [name, re] of PATTERNS) {
    for (const m of code.matchAll(new RegExp(re.source, `${re.flags}g`))) {
      if (name === 'credentials in a URL' && PLACEHOLDER.test(m[0])) continue;
      found.push(`${name}: ${m[0].slice(0, 40)}`);
    }
  }
  for (const m of code.matchAll(/(['"`])([A-Za-z0-9+/_=-]{32,})\1/g)) if (randomLooking(m[2] ?? '')) found.push(`random-looking literal: ${(m[2] ?? '').slice(0, 12)}…`);
  return found;
}

const withoutComments = (code: string): string => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

async function shippedFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(path.join(ROOT, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await shippedFiles(rel)));
    else if (/\.(ts|tsx|js|mjs|cjs|json)$/.test(entry.name) && !/\.test\.tsx?$|test-support\.ts$|\.fixture\.ts$/.test(entry.name)) out.push(rel);
  }
  return out;
}

test('no key, token or password is written in the code that ships', async () => {
  const files = (await Promise.all(SHIPPED.map(shippedFiles))).flat();
  assert.ok(files.length > 200, `${files.length} files scanned`);
  const hits: string[] = [];
  for (const file of files) for (const hit of findSecrets(await readFile(path.join(ROOT, file), 'utf8'))) hits.push(`${file}: ${hit}`);
  assert.deepEqual(hits, []);
});

test('the scanner finds what it is looking for (it is not blind)', () => {
  const planted = [
    `const k = 'k1:${Buffer.alloc(32, 9).toString('base64')}';`,
    `const t = "tfl_abcd1234_${'x'.repeat(43)}";`,
    'const smtp = "smtp://mailer:hunter2@relay.example.com:587";',
    'const apiKey = "AKIAABCDEFGHIJKLMNOP";',
    "const password = 'Tr0ub4dor&3xyz';",
    'const db = "postgres://tifli:S3cr3t-pw@db.internal:5432/tifli";',
    'const vapidPrivate = "Xq3vR9tLm2Pz8KcW5nY7bH4dJ6fG1sA0eU9iO3wQ2rT";',
    'const seed = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";',
    '-----BEGIN EC PRIVATE KEY-----',
  ];
  for (const line of planted) assert.notDeepEqual(findSecrets(line), [], line);
  for (const fine of ["'second_factor_enrolment_required'", "'abcdefghijklmnopqrstuvwxyz0123456789'", "'application/x-www-form-urlencoded'", "'00000000-0000-0000-0000-000000000000'", '// smtp://user:pass@relay.example:587 is described, not set', "'enrol.passwordHint': 'Une longue phrase (12 caractères au moins).'"]) {
    assert.deepEqual(findSecrets(fine), [], fine);
  }
});

test('process.env is read by src/config/config.ts alone', async () => {
  const readers: string[] = [];
  for (const file of await shippedFiles('src')) {
    if (file === 'src/config/config.ts') continue;
    if (/\bprocess\.env\b/.test(withoutComments(await readFile(path.join(ROOT, file), 'utf8')))) readers.push(file);
  }
  assert.deepEqual(readers, []);
});

test('configuration has no secret of its own: no master key, no provider credential unless given; production needs MASTER_KEYS', () => {
  const bare = loadConfig({ NODE_ENV: 'test' });
  assert.deepEqual(bare.masterKeys, []);
  const c = bare.channels;
  assert.deepEqual([c.facebook, c.instagram, c.whatsapp, c.smpp, c.smtp, c.webpush, c.metaPartner], [null, null, null, null, null, null, null]);
  assert.deepEqual(c.partners, []);
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /MASTER_KEYS/);
});
