/**
 * fulcrum parse <kind> [file|-]: the normalized JSON of DESIGN.md §3 on stdout. Input a parser
 * refuses is bad input: one line naming the file, the line and what was expected; exit 2.
 */
import { readKeepalivedConfigOn } from "../../core/actions/keepalived-config-read.ts";
import { toJson } from "../../core/model/json.ts";
import { ParseError } from "../../core/model/parse-error.ts";
import { PARSE_KINDS } from "../../core/parse/kinds.ts";
import { EXIT_OK, UsageError } from "../exit-codes.ts";
import { localExecutor } from "../local-executor.ts";
import { readInput } from "../read-input.ts";

/**
 * Kinds that read a file with what it includes (keepalived.conf: `include` relative to the file),
 * through the same reader the failover uses on a host. From stdin they read the one text.
 */
const FILE_READERS: Readonly<Record<string, (path: string) => Promise<unknown>>> = {
  "keepalived-config": async (path) => {
    const read = await readKeepalivedConfigOn(localExecutor, path);
    if (!read.ok) throw read.error ?? new UsageError(`${path}: keepalived-config: ${read.problem}`);
    return read.config;
  },
};

function kindsHelp(): string {
  const width = Math.max(...Object.keys(PARSE_KINDS).map((kind) => kind.length));
  return Object.entries(PARSE_KINDS)
    .map(([kind, { describe }]) => `  ${kind.padEnd(width)}  ${describe}`)
    .join("\n");
}

export async function parseCommand(args: string[]): Promise<number> {
  const [kind, path, ...extra] = args;
  if (kind === undefined || kind === "--help" || kind === "-h") {
    process.stdout.write(
      `usage: fulcrum parse <kind> [file|-]\n\nkinds:\n${kindsHelp()}\n\nexamples:\n  ipvsadm -Ln --exact | fulcrum parse ipvsadm\n  fulcrum parse haproxy-stat stat.csv\n`,
    );
    if (kind === undefined) throw new UsageError("parse needs a kind");
    return EXIT_OK;
  }
  const parser = PARSE_KINDS[kind];
  if (!parser) throw new UsageError(`unknown kind "${kind}"; kinds: ${Object.keys(PARSE_KINDS).join(", ")}`);
  if (extra.length > 0) throw new UsageError(`parse takes one input, got also: ${extra.join(" ")}`);
  const fileReader = path === undefined || path === "-" ? undefined : FILE_READERS[kind];
  const text = fileReader ? "" : await readInput(path);
  try {
    process.stdout.write(`${toJson(fileReader ? await fileReader(path as string) : parser.parse(text))}\n`);
  } catch (error) {
    if (error instanceof ParseError) throw new UsageError(`${path ?? "stdin"}: ${kind}: ${error.message}`);
    throw error;
  }
  return EXIT_OK;
}
