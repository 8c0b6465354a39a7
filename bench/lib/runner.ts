/**
 * Runs figure modules in order and prints each figure as one JSON line on `out`; everything meant for
 * humans goes to `err`. A module that throws is reported on `err` and the next one still runs; the
 * exit code is 1 only when a module crashed (a missed target is `met: false`, not a failure).
 *
 * @example
 *   const code = await runFigures(selectModules(FIGURES, ['startup']), options, { out: console.log, err: console.error });
 */
import type { BenchOptions, FigureModule } from './figure.ts';
import { finalizeFigure } from './figure.ts';

export interface BenchIo {
  out(line: string): void;
  err(line: string): void;
}

/** The modules whose name contains any of the substrings; all of them when none is given. */
export function selectModules(modules: readonly FigureModule[], only: readonly string[]): FigureModule[] {
  return only.length === 0 ? [...modules] : modules.filter((m) => only.some((s) => m.name.includes(s)));
}

export async function runFigures(modules: readonly FigureModule[], options: Omit<BenchOptions, 'log'>, io: BenchIo): Promise<number> {
  let crashed = 0;
  for (const m of modules) {
    io.err(`▶ ${m.name}: ${m.description}`);
    const started = performance.now();
    try {
      const inputs = await m.run({ ...options, log: (line) => io.err(`  ${m.name}: ${line}`) });
      for (const input of inputs) io.out(JSON.stringify(finalizeFigure(input)));
      io.err(`  ${m.name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (err) {
      crashed += 1;
      io.err(`✗ ${m.name} crashed after ${((performance.now() - started) / 1000).toFixed(1)} s: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  return crashed === 0 ? 0 : 1;
}
