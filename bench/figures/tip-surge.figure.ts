/**
 * Issue #6, surge: the public tip form posted at 2,000 tips/s to a `tifli serve` process on PostgreSQL
 * (autocannon, HTTP/1.1 keep-alive, form-urlencoded bodies as a browser without a photo sends them),
 * against a bare Fastify + INSERT server (bench/lib/bare-tip-insert-server.ts) on the same database in
 * the same run. The surge comes from many people: each request carries its own X-Forwarded-For address
 * (TRUST_PROXY=true), spread over /24 networks so each stays within the default free quotas, and every
 * request goes through Tifli's whole intake (quota counters, strict body reading, validation, the tip
 * and its triage job in one transaction, the JSON receipt). The server runs without in-process workers
 * (JOBS_ENABLED=false, as behind a separate `tifli worker`): the figure is intake.
 *
 * Figures: throughput at the offered 2,000/s (ratio to the bare server at the same offered rate,
 * target ≥ 0.6) and p99 latency (target < 100 ms); the saturation throughput of both (unthrottled);
 * durability: receipts given whose tip is not in the database (target 0); under overload, answers
 * other than a receipt or a 503 with Retry-After (target 0).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { boot } from '../../src/app/bootstrap.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { createBenchStaff, prepareAlert } from '../lib/alert-chain.ts';
import { below, type FigureModule, ratioAtLeast, type Target } from '../lib/figure.ts';
import { createScratchDatabase, postgresUnavailable } from '../lib/postgres.ts';
import { BENCH_ROOT, type RunningServer, startServer, startTifli } from '../lib/server-process.ts';

const MASTER_KEYS = `b:${Buffer.alloc(32, 5).toString('base64')}`;
const RATE = 2000;
const BARE_TIP_SERVER = path.join(BENCH_ROOT, 'bench', 'lib', 'bare-tip-insert-server.ts');
const BARE_PEER = 'bare Fastify + one INSERT per tip (bench/lib/bare-tip-insert-server.ts), same database, same run';
const none = (unit: string): Target => ({ on: 'value', op: '<=', bound: 0, unit });

interface Drive {
  /** 2xx answers per second over the run. */
  readonly throughput: number;
  readonly p99: number;
  readonly ok: number;
  readonly status503: number;
  /** Answers other than 2xx and 503, and transport errors and timeouts. */
  readonly other: number;
  /** The receipt references the 2xx answers carried. */
  readonly references: string[];
  /** What the `other` answers were: status codes, transport errors, timeouts. */
  readonly breakdown: string;
}

/** One client address per request: 10.x.y.z over /24 networks, a few addresses per network. */
function addressFor(n: number): string {
  const network = Math.floor(n / 4);
  return `10.${(network >> 8) & 255}.${network & 255}.${(n % 4) + 1}`;
}

const FORM = 'seen=Une+fille+en+surv%C3%AAtement+rouge+avec+un+homme+pr%C3%A8s+de+la+gare+routi%C3%A8re%2C+elle+pleurait.&seenAt=&place=Gare+routi%C3%A8re+Kamra%2C+Rabat&name=&phone=&website=&lang=fr&version=1';

async function drive(port: number, publicId: string, opts: { rate?: number; seconds: number; connections: number; first: number }): Promise<Drive> {
  let n = opts.first;
  const references: string[] = [];
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: opts.connections,
    duration: opts.seconds,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: `/alerts/${publicId}/tips`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: FORM,
        setupRequest: (request) => {
          n += 1;
          return { ...request, headers: { ...request.headers, 'x-forwarded-for': addressFor(n) } };
        },
        onResponse: (status, body) => {
          const reference = status === 201 ? /"reference":"([0-9A-Z]{8})"/.exec(body)?.[1] : undefined;
          if (reference) references.push(reference);
        },
      },
    ],
  });
  const counts: Record<string, { count: number | string } | undefined> = result.statusCodeStats;
  const count = (prefix: string) => Object.entries(counts).filter(([code]) => code.startsWith(prefix)).reduce((s, [, c]) => s + Number(c?.count ?? 0), 0);
  const ok = count('2');
  const status503 = Number(counts['503']?.count ?? 0);
  const codes = Object.entries(counts).filter(([code]) => !code.startsWith('2') && code !== '503').map(([code, c]) => `${c?.count ?? 0} × ${code}`);
  const breakdown = [...codes, `${result.errors - result.timeouts} transport errors`, `${result.timeouts} timeouts`].join(', ');
  return { throughput: ok / opts.seconds, p99: result.latency.p99, ok, status503, other: result.non2xx - status503 + result.errors, references, breakdown };
}

/** How many of these receipt references name no stored tip. */
async function missingTips(url: string, references: readonly string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>('SELECT count(*) AS n FROM tips WHERE reference = ANY($1::text[])', [references]);
    return new Set(references).size - Number(r.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

export const tipSurgeFigure: FigureModule = {
  name: 'tip-surge',
  description: 'public tip form at 2,000 tips/s against `tifli serve` on PostgreSQL (autocannon), throughput and p99 next to a bare Fastify + INSERT server; saturation, durability, 503 shedding',
  async run(opts) {
    const unavailable = await postgresUnavailable(opts.postgresUrl);
    if (unavailable) {
      opts.log(`${unavailable}; figure not measured`);
      return [{ name: 'tip-surge.throughput', value: null, unit: 'tips/s', peer: BARE_PEER, baseline: null, target: ratioAtLeast(0.6), note: unavailable }];
    }
    const seconds = opts.quick ? 5 : 20;
    const scratch = await createScratchDatabase(opts.postgresUrl);
    const dir = await mkdtemp(path.join(tmpdir(), 'tifli-bench-tips-'));
    let server: RunningServer | undefined;
    try {
      // An active alert in the scratch database, published through the real decision chain.
      const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent', MASTER_KEYS, PUBLIC_BASE_URL: 'http://bench.test', DATABASE_URL: scratch.url });
      const ctx = await boot(config, { log: createLogger('silent') });
      let publicId: string;
      let alertId: string;
      let caseId: string;
      try {
        const pending = await prepareAlert(ctx, await createBenchStaff(ctx, 'bench-tips'), 1);
        await pending.approve();
        publicId = pending.publicId;
        alertId = pending.alertId;
        const row = await ctx.store.db.selectFrom('alerts').select(['case_id', 'state']).where('id', '=', alertId).executeTakeFirstOrThrow();
        if (row.state !== 'active') throw new Error(`bench alert is ${row.state}, not active`);
        caseId = row.case_id;
      } finally {
        await ctx.close();
      }

      let first = 0;
      const run = async (port: number, rate: number | undefined, secs: number, connections: number) => {
        const d = await drive(port, publicId, { ...(rate ? { rate } : {}), seconds: secs, connections, first });
        first += 1_000_000;
        return d;
      };

      // Tifli: warm-up, the surge at 2,000/s, saturation (as many connections as bare), then overload.
      server = await startTifli({ DATA_DIR: dir, DATABASE_URL: scratch.url, MASTER_KEYS, LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', TRUST_PROXY: 'true', PUBLIC_BASE_URL: 'http://bench.test' }, 'tifli serve (tips)');
      await run(server.port, 500, 2, 20);
      const tifli = await run(server.port, RATE, seconds, 100);
      const tifliMax = await run(server.port, undefined, opts.quick ? 3 : 10, 100);
      const overload = await run(server.port, undefined, opts.quick ? 3 : 10, 600);
      const receipts = [...tifli.references, ...tifliMax.references, ...overload.references];
      const lost = await missingTips(scratch.url, receipts);
      await server.stop();
      server = undefined;
      opts.log(`tifli: ${tifli.throughput.toFixed(0)} tips/s at ${RATE}/s offered, p99 ${tifli.p99} ms, ${tifli.other} other; saturation ${tifliMax.throughput.toFixed(0)} tips/s; overload (600 connections) ${overload.throughput.toFixed(0)} tips/s, ${overload.status503} × 503, ${overload.other} other (${overload.breakdown}); ${receipts.length - lost}/${receipts.length} receipts found`);

      // The bare server on the same database.
      server = await startServer({ label: 'bare tip insert', script: BARE_TIP_SERVER, cwd: BENCH_ROOT, env: { DATABASE_URL: scratch.url, ALERT_ID: alertId, CASE_ID: caseId } });
      await run(server.port, 500, 2, 20);
      const bare = await run(server.port, RATE, seconds, 100);
      const bareMax = await run(server.port, undefined, opts.quick ? 3 : 10, 100);
      await server.stop();
      server = undefined;
      opts.log(`bare: ${bare.throughput.toFixed(0)} tips/s at ${RATE}/s offered, p99 ${bare.p99} ms; saturation ${bareMax.throughput.toFixed(0)} tips/s`);

      const scale = `${seconds} s at ${RATE}/s offered, 100 connections, form-urlencoded posts from distinct addresses (X-Forwarded-For), PostgreSQL, JOBS_ENABLED=false`;
      return [
        { name: 'tip-surge.throughput', value: tifli.throughput, unit: 'tips/s', peer: BARE_PEER, baseline: bare.throughput, target: ratioAtLeast(0.6), note: scale },
        { name: 'tip-surge.p99', value: tifli.p99, unit: 'ms', peer: BARE_PEER, baseline: bare.p99, target: below(100, 'ms'), note: `${scale}; autocannon latency corrected for coordinated omission` },
        { name: 'tip-surge.saturation-throughput', value: tifliMax.throughput, unit: 'tips/s', peer: BARE_PEER, baseline: bareMax.throughput, target: ratioAtLeast(0.6), note: 'unthrottled, 100 connections: what each server sustains' },
        { name: 'tip-surge.receipts-without-tip', value: lost, unit: 'tips', peer: null, baseline: null, target: none('tips'), note: `receipt references given by Tifli over the three runs (${receipts.length}) not found in the tips table afterwards` },
        { name: 'tip-surge.overload-failures', value: overload.other, unit: 'requests', peer: null, baseline: null, target: none('requests'), note: `600 connections without pause (TIP_MAX_IN_FLIGHT=128, refusals held TIP_SHED_HOLD_MS=1000): answers that were neither a receipt nor a 503 with Retry-After; ${overload.status503} × 503, ${overload.throughput.toFixed(0)} receipts/s` },
      ];
    } finally {
      await server?.stop();
      await scratch.drop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
