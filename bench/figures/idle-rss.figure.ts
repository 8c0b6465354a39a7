/**
 * Idle memory: VmRSS of `tifli serve` (process tree) after it is ready and has idled a while, embedded
 * (PGlite) and on PostgreSQL (a scratch database), against a bare Fastify hello-world idling in the
 * same run. The three processes start together: memory does not depend on who got the CPU first, and
 * it keeps the quick bench short. Quick: one round, 3 s idle; full: median of three rounds, 10 s idle.
 * Megabytes are decimal (10^6 bytes), as the targets are written.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { below, type FigureInput, type FigureModule } from '../lib/figure.ts';
import { createScratchDatabase, postgresUnavailable, type ScratchDatabase } from '../lib/postgres.ts';
import { readPeakRssBytes, readTreeRssBytes, toMegabytes } from '../lib/rss.ts';
import { BARE_FASTIFY_PEER, startBareFastify, startTifli, type RunningServer } from '../lib/server-process.ts';
import { median } from '../lib/stats.ts';
import { makeTempDir, type TempDir } from '../lib/temp-dir.ts';

const PEER = `idle ${BARE_FASTIFY_PEER}`;

interface Round {
  readonly bare: number;
  readonly embedded: number;
  readonly postgres: number | null;
}

const mb = async (server: RunningServer) => toMegabytes(await readTreeRssBytes(server.pid));
const peakMb = async (server: RunningServer) => toMegabytes(await readPeakRssBytes(server.pid));

async function measureRound(postgresUrl: string | undefined, idleMs: number, log: (line: string) => void): Promise<Round> {
  const dirs: TempDir[] = [];
  const servers: RunningServer[] = [];
  let scratch: ScratchDatabase | undefined;
  const dataDir = async () => {
    const dir = await makeTempDir();
    dirs.push(dir);
    return dir.path;
  };
  const started = (server: RunningServer): RunningServer => {
    servers.push(server);
    return server;
  };
  try {
    if (postgresUrl) scratch = await createScratchDatabase(postgresUrl);
    const embeddedEnv = { DATA_DIR: await dataDir() };
    const postgresEnv = scratch ? { DATA_DIR: await dataDir(), DATABASE_URL: scratch.url } : undefined;
    const starting = await Promise.allSettled([
      startBareFastify().then(started),
      startTifli(embeddedEnv, 'tifli serve (embedded)').then(started),
      postgresEnv ? startTifli(postgresEnv, 'tifli serve (PostgreSQL)').then(started) : Promise.resolve(undefined),
    ]);
    for (const s of starting) if (s.status === 'rejected') throw s.reason;
    const [peer, embedded, postgres] = starting.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    if (!peer || !embedded) throw new Error('a server did not start');

    await sleep(idleMs);
    const round: Round = { bare: await mb(peer), embedded: await mb(embedded), postgres: postgres ? await mb(postgres) : null };
    const peaks = `peak ${(await peakMb(embedded)).toFixed(0)} MB${postgres ? ` / ${(await peakMb(postgres)).toFixed(0)} MB` : ''}`;
    log(`after ${idleMs / 1000} s idle: embedded ${round.embedded.toFixed(1)} MB, PostgreSQL ${round.postgres?.toFixed(1) ?? 'n/a'} MB (${peaks}), bare Fastify ${round.bare.toFixed(1)} MB`);
    return round;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await scratch?.drop();
    await Promise.all(dirs.map((d) => d.remove()));
  }
}

export const idleRssFigure: FigureModule = {
  name: 'idle-rss',
  description: 'resident memory (VmRSS, MB) of the idle `tifli serve` embedded and on PostgreSQL, vs an idle bare Fastify hello-world',
  async run(opts) {
    const idleMs = opts.quick ? 3000 : 10_000;
    const rounds = opts.quick ? 1 : 3;
    const unavailable = await postgresUnavailable(opts.postgresUrl);
    if (unavailable) opts.log(`${unavailable}; measuring embedded mode only`);

    const results: Round[] = [];
    for (let i = 0; i < rounds; i++) results.push(await measureRound(unavailable ? undefined : opts.postgresUrl, idleMs, opts.log));
    const baseline = median(results.map((r) => r.bare));
    const postgres = results.flatMap((r) => (r.postgres === null ? [] : [r.postgres]));
    const note = rounds > 1 ? `median of ${rounds} rounds` : undefined;
    const figures: FigureInput[] = [
      { name: 'idle-rss.embedded', value: median(results.map((r) => r.embedded)), unit: 'MB', peer: PEER, baseline, target: below(700, 'MB'), ...(note ? { note } : {}) },
      {
        name: 'idle-rss.postgres',
        value: postgres.length ? median(postgres) : null,
        unit: 'MB',
        peer: PEER,
        baseline,
        target: below(250, 'MB'),
        ...(unavailable ? { note: unavailable } : note ? { note } : {}),
      },
    ];
    return figures;
  },
};
