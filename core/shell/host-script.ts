/**
 * The one loader of the shell Fulcrum sends to hosts. The programs are .sh files next to the code
 * that sends them (checked by shellcheck and run under dash, bash and busybox sh in the tests);
 * tools/generate-host-scripts.ts turns them into string constants at build time, so the CLI, the
 * tests and the Electron main bundle all carry the same text and none reads a file at run time.
 *
 * A program is its library parts followed by its main part, joined in order: the host receives one
 * text, nothing is installed or sourced there. Values never enter the text: they arrive as
 * positional parameters or in a settings block written by core/commands/shell-quote.ts.
 */
import { HOST_SCRIPTS } from "./host-scripts.generated.ts";

export type HostScriptPath = keyof typeof HOST_SCRIPTS;

export function hostScript(...parts: [HostScriptPath, ...HostScriptPath[]]): string {
  return parts.map((part) => HOST_SCRIPTS[part]).join("");
}
