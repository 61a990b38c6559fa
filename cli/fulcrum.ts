/**
 * The `fulcrum` command: a thin carrier over core/ (DESIGN.md §9). Each subcommand lives in
 * cli/commands/; this file only dispatches and maps failures to exit codes:
 * 0 ok, 1 action refused or failed, 2 bad input (nothing was done).
 */
import { parseCommand } from "./commands/parse.ts";
import { EXIT_BAD_INPUT, EXIT_FAILED, UsageError } from "./exit-codes.ts";

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  parse: parseCommand,
};

const USAGE = `usage: fulcrum <command> [arguments]

commands:
  parse <kind> [file|-]     print the normalized JSON of a tool's output (kinds: fulcrum parse --help)
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
