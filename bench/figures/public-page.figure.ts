/**
 * The public alert page (DESIGN.md §6): `tifli serve` answering GET /alerts/<id> on PostgreSQL against
 * nginx serving the very same bytes from a file on the same machine, in the same run (autocannon,
 * keep-alive, each request from its own citizen's address through X-Forwarded-For, as behind the
 * national proxy). Target: at least 30% of nginx's throughput. And the page's weight before the photo:
 * the HTML plus every stylesheet and script it loads, under 30 KB.
 *
 * nginx comes from Debian's package when missing and the bench runs as root (apt-get install
 * nginx-light, else nginx); it runs as an unprivileged foreground process with its own configuration
 * on a free loopback port. Without it the figure is reported without its peer.
 *
 * @example
 *   npm run bench -- --only public-page
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { boot } from '../../src/app/bootstrap.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { createBenchStaff, prepareAlert } from '../lib/alert-chain.ts';
import { below, type FigureInput, type FigureModule, ratioAtLeast } from '../lib/figure.ts';
import { createScratchDatabase, postgresUnavailable } from '../lib/postgres.ts';
import { freePort, httpStatus, type RunningServer, startTifli } from '../lib/server-process.ts';
import { makeTempDir } from '../lib/temp-dir.ts';

const MASTER_KEYS = `p:${Buffer.alloc(32, 13).toString('base64')}`;
const NGINX_PEER = 'nginx (Debian) serving the same HTML bytes from a file, same machine, same run';

function hasNginx(): boolean {
  return spawnSync('nginx', ['-v'], { stdio: 'ignore' }).status === 0;
}

/** nginx present, or installed from apt (root only); undefined when it is there, else why not. */
function ensureNginx(log: (line: string) => void): string | undefined {
  if (hasNginx()) return undefined;
  if (process.getuid?.() !== 0) return 'nginx is not installed and the bench is not root (apt-get install nginx-light)';
  log('nginx missing: apt-get install nginx-light (once per machine)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const pkg of ['nginx-light', 'nginx']) {
    if (spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, stdio: 'ignore', timeout: 300_000 }).status === 0 && hasNginx()) return undefined;
  }
  return 'apt-get could not install nginx';
}

/** The same-origin stylesheets and scripts a page loads. */
function assetPaths(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(\/[^"]+)"/g)) if (m[1]) found.add(m[1]);
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="(\/[^"]+)"/g)) if (m[1]) found.add(m[1]);
  return [...found];
}

async function drive(url: string, seconds: number): Promise<{ rps: number; p99: number; errors: number }> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        headers: { 'accept-language': 'ar' },
        setupRequest: (request) => {
          n += 1;
          return { ...request, headers: { ...request.headers, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } };
        },
      },
    ],
  });
  const ok = Object.entries(result.statusCodeStats)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, c]) => sum + Number(c.count), 0);
  return { rps: ok / seconds, p99: result.latency.p99, errors: result.non2xx + result.errors };
}

async function startNginx(root: string, port: number): Promise<ChildProcess> {
  const conf = path.join(root, 'nginx.conf');
  await writeFile(
    conf,
    `worker_processes 1;
pid ${path.join(root, 'nginx.pid')};
error_log ${path.join(root, 'error.log')};
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${root}/tmp; proxy_temp_path ${root}/tmp; fastcgi_temp_path ${root}/tmp; uwsgi_temp_path ${root}/tmp; scgi_temp_path ${root}/tmp;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:${port};
    root ${path.join(root, 'www')};
    location = /alert { default_type "text/html; charset=utf-8"; try_files /alert.html =404; }
  }
}
`,
  );
  await mkdir(path.join(root, 'tmp'), { recursive: true });
  const child = spawn('nginx', ['-c', conf, '-p', root], { stdio: 'ignore' });
  for (let i = 0; i < 100; i += 1) {
    if ((await httpStatus(`http://127.0.0.1:${port}/alert`, 500)) === 200) return child;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('nginx did not answer');
}

export const publicPageFigure: FigureModule = {
  name: 'public-page',
  description: 'public alert page from `tifli serve` on PostgreSQL against nginx serving the same bytes (autocannon); page weight before the photo',
  async run(opts): Promise<FigureInput[]> {
    const unavailable = await postgresUnavailable(opts.postgresUrl);
    if (unavailable) return [{ name: 'public-page.throughput', value: null, unit: 'req/s', peer: NGINX_PEER, baseline: null, target: ratioAtLeast(0.3), note: unavailable }];
    const seconds = opts.quick ? 3 : 15;
    const scratch = await createScratchDatabase(opts.postgresUrl);
    const dir = await makeTempDir('tifli-bench-page-');
    let server: RunningServer | undefined;
    let nginx: ChildProcess | undefined;
    try {
      const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir.path, LOG_LEVEL: 'silent', MASTER_KEYS, PUBLIC_BASE_URL: 'http://bench.test', DATABASE_URL: scratch.url });
      const ctx = await boot(config, { log: createLogger('silent') });
      let publicId: string;
      try {
        const pending = await prepareAlert(ctx, await createBenchStaff(ctx, 'bench-page'), 1);
        await pending.approve();
        publicId = pending.publicId;
      } finally {
        await ctx.close();
      }
      server = await startTifli(
        { DATA_DIR: dir.path, DATABASE_URL: scratch.url, MASTER_KEYS, LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', TRUST_PROXY: 'true', PUBLIC_BASE_URL: 'http://bench.test', RATE_LIMIT_PUBLIC_PER_MINUTE: '100000' },
        'tifli serve (public page)',
      );
      const base = `http://127.0.0.1:${server.port}`;
      const page = await fetch(`${base}/alerts/${publicId}`, { headers: { 'accept-language': 'ar' } });
      if (page.status !== 200) throw new Error(`the alert page answered ${page.status}`);
      const html = Buffer.from(await page.arrayBuffer());
      const assets = assetPaths(html.toString('utf8'));
      let weight = html.length;
      for (const a of assets) weight += (await (await fetch(`${base}${a}`)).arrayBuffer()).byteLength;

      await drive(`${base}/alerts/${publicId}`, 2); // warm-up
      const tifli = await drive(`${base}/alerts/${publicId}`, seconds);
      await server.stop();
      server = undefined;
      opts.log(`tifli: ${tifli.rps.toFixed(0)} req/s, p99 ${tifli.p99} ms, ${tifli.errors} errors; page ${html.length} B + ${assets.length} assets = ${weight} B`);

      const missing = ensureNginx(opts.log);
      let peer: { rps: number; p99: number; errors: number } | undefined;
      if (!missing) {
        await mkdir(path.join(dir.path, 'nginx', 'www'), { recursive: true });
        await writeFile(path.join(dir.path, 'nginx', 'www', 'alert.html'), html);
        // nginx's workers drop to an unprivileged user when started as root: they must be able to read the file.
        for (const d of [dir.path, path.join(dir.path, 'nginx'), path.join(dir.path, 'nginx', 'www')]) await chmod(d, 0o755);
        const port = await freePort();
        nginx = await startNginx(path.join(dir.path, 'nginx'), port);
        await drive(`http://127.0.0.1:${port}/alert`, 2);
        peer = await drive(`http://127.0.0.1:${port}/alert`, seconds);
        opts.log(`nginx: ${peer.rps.toFixed(0)} req/s, p99 ${peer.p99} ms, ${peer.errors} errors`);
      }
      const scale = `${seconds} s, 50 keep-alive connections, Arabic page, distinct client addresses (X-Forwarded-For), PostgreSQL, JOBS_ENABLED=false`;
      return [
        { name: 'public-page.throughput', value: tifli.rps, unit: 'req/s', peer: NGINX_PEER, baseline: peer?.rps ?? null, target: ratioAtLeast(0.3), note: missing ? `${scale}; no nginx peer: ${missing}` : `${scale}; ${tifli.errors} errors (nginx ${peer?.errors ?? 0})` },
        { name: 'public-page.p99', value: tifli.p99, unit: 'ms', peer: NGINX_PEER, baseline: peer?.p99 ?? null, target: null, note: scale },
        { name: 'public-page.weight-before-photo', value: weight / 1024, unit: 'KB', peer: null, baseline: null, target: below(30, 'KB'), note: `HTML ${html.length} B plus ${assets.length} stylesheet(s) and script(s): ${assets.join(', ') || 'none'}; uncompressed` },
      ];
    } finally {
      nginx?.kill('SIGTERM');
      await server?.stop();
      await scratch.drop();
      await dir.remove();
    }
  },
};
