/**
 * Start-up time: seconds from spawning `node bin/tifli.js serve` (what `npm start` runs) on an empty
 * DATA_DIR to the first 200 from GET /healthz, against a bare Fastify hello-world started the same way
 * in the same run. The restart on the now-initialised directory is reported too. Quick: one run of
 * each; full: three, interleaved, median.
 */
import { below, type FigureInput, type FigureModule } from '../lib/figure.ts';
import { BARE_FASTIFY_PEER, startBareFastify, startTifli } from '../lib/server-process.ts';
import { median } from '../lib/stats.ts';
import { makeTempDir } from '../lib/temp-dir.ts';

export const startupFigure: FigureModule = {
  name: 'startup',
  description: 'seconds from spawning `node bin/tifli.js serve` (npm start) on an empty DATA_DIR to GET /healthz 200, vs a bare Fastify hello-world',
  async run(opts) {
    const runs = opts.quick ? 1 : 3;
    const bare: number[] = [];
    const first: number[] = [];
    const restart: number[] = [];
    for (let i = 1; i <= runs; i++) {
      const peer = await startBareFastify();
      bare.push(peer.readySeconds);
      await peer.stop();

      const dir = await makeTempDir();
      try {
        const env = { DATA_DIR: dir.path };
        const a = await startTifli(env, 'tifli serve (first start)');
        first.push(a.readySeconds);
        await a.stop();
        const b = await startTifli(env, 'tifli serve (restart)');
        restart.push(b.readySeconds);
        await b.stop();
      } finally {
        await dir.remove();
      }
      opts.log(`run ${i}/${runs}: bare Fastify ${bare.at(-1)?.toFixed(2)} s, first start ${first.at(-1)?.toFixed(2)} s, restart ${restart.at(-1)?.toFixed(2)} s`);
    }
    const baseline = median(bare);
    const note = runs > 1 ? `median of ${runs} runs` : undefined;
    const figures: FigureInput[] = [
      { name: 'startup.embedded.first', value: median(first), unit: 's', peer: BARE_FASTIFY_PEER, baseline, target: below(10, 's'), ...(note ? { note } : {}) },
      {
        name: 'startup.embedded.restart',
        value: median(restart),
        unit: 's',
        peer: BARE_FASTIFY_PEER,
        baseline,
        target: null,
        note: `second start on the data directory the first start created${note ? `; ${note}` : ''}`,
      },
    ];
    return figures;
  },
};
