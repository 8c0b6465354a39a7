/**
 * `npm run bench`: runs the figure modules in bench/figures/index.ts and prints each figure as one JSON
 * line on stdout — {"name","value","unit","peer","baseline","ratio","target","met"} (+ "note") — with
 * the peer measured in the same run, so ratios hold on a noisy machine. Progress goes to stderr. Exit
 * code 1 only when a figure module crashed; 64 on bad usage.
 *
 * @example
 *   npm run bench -- --quick                  # everything, in under a minute
 *   npm run bench -- --only startup --only rss
 */
import { parseArgs } from 'node:util';
import { FIGURES } from './figures/index.ts';
import { benchPostgresUrl } from './lib/postgres.ts';
import { runFigures, selectModules } from './lib/runner.ts';

const USAGE = `Usage: npm run bench -- [--quick] [--soak] [--only <name-substring>]...

  --quick   fewer runs and smaller workloads (under a minute in all)
  --soak    long-running variants, for the figures that have one
  --only    run only the figure modules whose name contains the substring (repeatable)

Figure modules: ${FIGURES.map((m) => m.name).join(', ')}
PostgreSQL: BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test
(its role must be allowed to CREATE DATABASE; scratch databases tifli_bench_* are dropped after).
`;

async function main(argv: readonly string[]): Promise<number> {
  let values: { quick?: boolean; soak?: boolean; only?: string[]; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { quick: { type: 'boolean' }, soak: { type: 'boolean' }, only: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 64;
  }
  if (values.help) {
    process.stderr.write(USAGE);
    return 0;
  }
  const only = values.only ?? [];
  const modules = selectModules(FIGURES, only);
  if (modules.length === 0) {
    process.stderr.write(`bench: no figure module matches --only ${only.join(', ')}\n\n${USAGE}`);
    return 64;
  }
  const quick = values.quick ?? false;
  const soak = values.soak ?? false;
  process.stderr.write(`bench: ${modules.length} figure module(s), ${quick ? 'quick' : 'full'}${soak ? ', soak' : ''}, Node ${process.versions.node}\n`);
  const started = performance.now();
  const code = await runFigures(modules, { quick, soak, postgresUrl: benchPostgresUrl(process.env) }, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.stderr.write(`bench: finished in ${((performance.now() - started) / 1000).toFixed(1)} s${code ? ' (a figure module crashed)' : ''}\n`);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
