/**
 * The one reader of keepalived.conf with everything it includes, over a HostExecutor: the failover
 * preflight runs it on a director over SSH, `fulcrum parse keepalived-config FILE` on this machine
 * (a local executor). Each round sends keepalived-config-files.sh with the patterns not asked yet
 * (the main path first, then the include patterns of the files just read, resolved against their
 * directory), so include nesting costs one round trip per level; files are redacted on the host.
 * The reading itself is pure (readKeepalivedConfig over the map of files).
 */
import { ParseError } from "../model/parse-error.ts";
import { readKeepalivedConfig } from "../parse/keepalived/config.ts";
import { expandBraces, includesOf, MAX_INCLUDE_DEPTH } from "../parse/keepalived/config-sources.ts";
import type { KeepalivedConfig } from "../parse/keepalived/keepalived-config.ts";
import { FrameReader } from "../sampler/frame-reader.ts";
import type { Frame } from "../sampler/frame.ts";
import { hostScript } from "../shell/host-script.ts";
import type { HostExecutor } from "./host-executor.ts";

export const CONFIG_FILES_PROGRAM = hostScript(
  "core/shell/tools.sh",
  "core/shell/privilege.sh",
  "core/shell/frame-sections.sh",
  "core/shell/keepalived-dump.sh",
  "core/actions/keepalived-config-files.sh",
);

/** Enough for any real include tree; a bound so a hostile one cannot make the reader loop. */
export const MAX_CONFIG_FILES = 256;
const TIMEOUT_MS = 10_000;

export type ConfigReadResult =
  | { ok: true; config: KeepalivedConfig; nodeName?: string }
  | { ok: false; problem: string; error?: ParseError };

export interface ConfigReadOptions {
  /** keepalived's config id; default the node's name (uname -n), as keepalived's own default. */
  configId?: string;
  /** The main file's (redacted) text when it was already read (the failover probe has it). */
  mainText?: string;
}

function frameOf(stdout: string): Frame | undefined {
  const reader = new FrameReader();
  for (const event of [...reader.push(stdout), ...reader.end()])
    if (event.type === "frame") return event.frame;
  return undefined;
}

interface Round {
  nodeName?: string;
  files: Map<string, string>;
  unreadable: string[];
}

async function readRound(executor: HostExecutor, patterns: readonly string[]): Promise<Round | string> {
  const result = await executor.run(["sh", "-s", "--", ...patterns], {
    stdin: CONFIG_FILES_PROGRAM,
    timeoutMs: TIMEOUT_MS,
  });
  const frame = frameOf(result.stdout);
  if (!frame)
    return `the config reader printed no frame (exit ${result.code}): ${result.stderr.trim() || "no output"}`;
  const paths = frame.sections.get("paths");
  if (paths?.rc !== 0) return "the config reader printed no paths";
  const round: Round = { files: new Map(), unreadable: [] };
  const nodeName = frame.sections.get("nodename");
  if (nodeName?.rc === 0 && nodeName.text.trim() !== "") round.nodeName = nodeName.text.trim();
  paths.text
    .split("\n")
    .filter((line) => line !== "")
    .forEach((file, index) => {
      const section = frame.sections.get(`file-${index + 1}`);
      if (section?.rc === 0) round.files.set(file, section.text);
      else round.unreadable.push(file);
    });
  return round;
}

export async function readKeepalivedConfigOn(
  executor: HostExecutor,
  mainPath: string,
  options: ConfigReadOptions = {},
): Promise<ConfigReadResult> {
  const files = new Map<string, string>();
  if (options.mainText !== undefined) {
    files.set(mainPath, options.mainText);
    // Nothing more to ask the host for: no include, and no `@ID` line needing its name.
    if (includesOf(mainPath, options.mainText).length === 0 && !/^[ \t]*@/m.test(options.mainText))
      return readFrom(mainPath, files, options.configId, undefined);
  }
  const unreadable: string[] = [];
  const asked = new Set<string>();
  let nodeName: string | undefined;
  let configId = options.configId;
  let pending = options.mainText === undefined ? [mainPath] : [];
  let fresh = options.mainText === undefined ? [] : [mainPath];
  // Round 0 reads the main file (or only the node name); each further one, one level of includes.
  for (let round = 0; round <= MAX_INCLUDE_DEPTH + 1; round++) {
    if (round > 0) {
      pending = [
        ...new Set(fresh.flatMap((file) => includesOf(file, files.get(file) ?? "", { configId }))),
      ].filter((pattern) => !asked.has(pattern));
      if (pending.length === 0) break;
    }
    for (const pattern of pending) asked.add(pattern);
    // The host's sh globs but has no braces (dash): they are expanded here, as GLOB_BRACE would.
    const read = await readRound(executor, [...new Set(pending.flatMap(expandBraces))]);
    if (typeof read === "string") return { ok: false, problem: read };
    nodeName ??= read.nodeName;
    unreadable.push(...read.unreadable);
    configId ??= nodeName;
    if (round === 0 && options.mainText === undefined && !read.files.has(mainPath))
      return { ok: false, problem: `cannot read ${mainPath}` };
    fresh = round === 0 && options.mainText !== undefined ? [mainPath] : [];
    for (const [file, text] of read.files) {
      if (files.has(file)) continue;
      if (files.size >= MAX_CONFIG_FILES)
        return { ok: false, problem: `more than ${MAX_CONFIG_FILES} files are included` };
      files.set(file, text);
      fresh.push(file);
    }
  }
  // An included file that cannot be read may hold what matters (a track_file): no partial reading.
  if (unreadable.length > 0) return { ok: false, problem: `cannot read ${unreadable.join(", ")}` };
  return readFrom(mainPath, files, configId, nodeName);
}

function readFrom(
  main: string,
  files: ReadonlyMap<string, string>,
  configId: string | undefined,
  nodeName: string | undefined,
): ConfigReadResult {
  try {
    const config = readKeepalivedConfig({ main, files }, configId === undefined ? {} : { configId });
    return nodeName === undefined ? { ok: true, config } : { ok: true, config, nodeName };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, problem: error.message, error };
    throw error;
  }
}
