/** The shape of a CLI command: a one-line summary and a run function returning the exit code. */
export interface CliCommand {
  readonly summary: string;
  run(args: readonly string[]): Promise<number>;
}
