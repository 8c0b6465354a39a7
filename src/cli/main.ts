/**
 * `npx tifli <command>`: the operator's entry point. Each command lives in ./commands/<name>.ts and
 * returns an exit code; configuration errors are printed plainly and exit 78 (EX_CONFIG).
 */
import { ConfigError } from '../config/config.ts';
import { COMMANDS } from './commands/index.ts';

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}`);
  return `Usage: tifli <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nConfiguration is read from the environment; see README.md.`;
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 64;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`tifli: unknown command "${name}"\n\n${usage()}\n`);
    return 64;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`tifli: ${err.message}\n`);
      return 78;
    }
    process.stderr.write(`tifli ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
