/**
 * Remote commands run through the user's login shell (RFC 4254 "exec" hands the string to
 * `$SHELL -c`). argv is turned into that string only by core/commands/shell-quote.ts, the one
 * quoting function of the project; a string is a command line a builder already made that way.
 */
import { toShellCommand } from "../commands/shell-quote.ts";

export function remoteCommandLine(command: string | readonly string[]): string {
  return typeof command === "string" ? command : toShellCommand(command);
}
