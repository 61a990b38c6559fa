/**
 * The `fulcrum` command: a thin carrier over core/ (DESIGN.md §9). Each subcommand lives in
 * cli/commands/; this file only dispatches and maps failures to exit codes:
 * 0 ok, 1 action refused or failed, 2 bad input (nothing was done).
 */
import { parseCommand } from "./commands/parse.ts";
import { serveCommand } from "./commands/serve.ts";
import { snapshotCommand } from "./commands/snapshot.ts";
import { watchCommand } from "./commands/watch.ts";
import { EXIT_BAD_INPUT, EXIT_FAILED, UsageError } from "./exit-codes.ts";

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  parse: parseCommand,
  snapshot: snapshotCommand,
  watch: watchCommand,
  serve: serveCommand,
};

const USAGE = `usage: fulcrum <command> [arguments]

commands:
  parse <kind> [file|-]          print the normalized JSON of a tool's output (kinds: fulcrum parse --help)
  snapshot <host> [--json]       one consistent sample of a host over SSH (alias from ~/.ssh/config; -F FILE)
  watch <host> [--interval N]    a live table of a host, until Ctrl-C
  serve [--port N] [--host A]... browser mode on 127.0.0.1 (demo cluster when no --host)
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(USAGE);
    return name === undefined ? EXIT_BAD_INPUT : 0;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command "${name}" (try fulcrum --help)`);
  return command(args);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`fulcrum: ${message}\n`);
  process.exitCode = error instanceof UsageError ? EXIT_BAD_INPUT : EXIT_FAILED;
}
