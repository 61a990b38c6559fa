/**
 * keepalived.conf and the files it includes, as keepalived 2.2.7's reader (keepalived/core/parser.c)
 * turns them into one stream of lines, each still naming the file and line it came from:
 * - `include PATTERN` is a glob(3) pattern (with braces), relative to the directory of the file
 *   that includes it (not to the working directory: verified with `keepalived -d` on nested
 *   relative includes); matches are read in sorted order, at the place of the include line, also
 *   inside a block. A pattern matching nothing is a warning to keepalived ("Config files
 *   missing"), not an error; here it is recorded in `includes` with no files.
 * - A line starting `@ID ` (after leading blanks) is kept only when ID is the config id
 *   (keepalived -i, default the node name), `@^ID ` only when it is not; the marker is removed.
 *   With no config id known, `@ID` lines are dropped and `@^ID` lines kept, as keepalived does
 *   when it has none.
 * Pure: the files arrive as a map from path to text (config-gather.ts fills it, locally or on a
 * host); a glob is matched against the map's paths.
 */
import path from "node:path/posix";
import { splitLines } from "../host/text.ts";

export interface SourceLine {
  file: string;
  lineNo: number;
  text: string;
}

export interface ConfigInclude {
  /** The including file and line. */
  file: string;
  lineNo: number;
  /** As written, and as resolved against the including file's directory. */
  pattern: string;
  resolved: string;
  /** The files it pulled in, sorted as glob(3) sorts them; empty when it matched none. */
  files: string[];
}

export interface ConfigSources {
  /** The path of the main file (a key of `files`). */
  main: string;
  files: ReadonlyMap<string, string>;
}

export interface SourceOptions {
  /** keepalived's config id (-i), by default the node name; undefined when not known. */
  configId?: string;
}

export interface ExpandedSources {
  lines: SourceLine[];
  includes: ConfigInclude[];
  /** Every file read, main first, in the order keepalived opens them. */
  files: string[];
  /** `@ID` lines seen (kept or dropped), so a reader can say the config id mattered. */
  conditionalLines: number;
  /** Includes not followed: nesting deeper than MAX_DEPTH, or a file including itself. */
  notFollowed: { file: string; lineNo: number; reason: string }[];
}

/** keepalived itself has no limit; a loop of includes must still end. */
export const MAX_INCLUDE_DEPTH = 16;

/** The line as keepalived reads it after its `@ID` marker, or undefined when the line is skipped. */
export function applyConditional(text: string, configId: string | undefined): string | undefined {
  const trimmed = text.replace(/^[ \t]+/, "");
  if (!trimmed.startsWith("@")) return text;
  const reverse = trimmed.startsWith("@^");
  const rest = trimmed.slice(reverse ? 2 : 1);
  const blank = rest.search(/[ \t]/);
  if (blank < 0) return undefined; // nothing after the id
  const id = rest.slice(0, blank);
  const matches = configId !== undefined && id === configId;
  return matches !== reverse ? rest.slice(blank + 1) : undefined;
}

/**
 * The pattern of an `include` line, or undefined for any other line. keepalived takes the rest of
 * the line (comment removed, trimmed) as one pattern: blanks are part of it and quotes are not
 * special (`include "a b/*.conf"` looks for a directory named `"a b`; keepalived -d shows it).
 */
export function includePattern(text: string): string | undefined {
  const match = /^[ \t]*include[ \t]+(.*)$/.exec(text);
  if (!match) return undefined;
  const pattern = (match[1] ?? "").replace(/[#!].*$/, "").trim();
  return pattern === "" ? undefined : pattern;
}

export function resolveInclude(includingFile: string, pattern: string): string {
  return pattern.startsWith("/") ? pattern : path.join(path.dirname(includingFile), pattern);
}

/** The include patterns of one file (resolved), for a reader gathering the files to read. */
export function includesOf(file: string, text: string, options: SourceOptions = {}): string[] {
  const patterns: string[] = [];
  for (const line of splitLines(text)) {
    const kept = applyConditional(line, options.configId);
    const pattern = kept === undefined ? undefined : includePattern(kept);
    if (pattern !== undefined) patterns.push(resolveInclude(file, pattern));
  }
  return patterns;
}

export function expandSources(sources: ConfigSources, options: SourceOptions = {}): ExpandedSources {
  const expanded: ExpandedSources = {
    lines: [],
    includes: [],
    files: [],
    conditionalLines: 0,
    notFollowed: [],
  };
  const known = [...sources.files.keys()];
  const visit = (file: string, chain: readonly string[]): void => {
    const text = sources.files.get(file);
    if (text === undefined) return;
    expanded.files.push(file);
    splitLines(text).forEach((line, index) => {
      const lineNo = index + 1;
      if (/^[ \t]*@/.test(line)) expanded.conditionalLines++;
      const kept = applyConditional(line, options.configId);
      if (kept === undefined) return;
      const pattern = includePattern(kept);
      if (pattern === undefined) {
        expanded.lines.push({ file, lineNo, text: kept });
        return;
      }
      const resolved = resolveInclude(file, pattern);
      const files = matchGlob(resolved, known);
      expanded.includes.push({ file, lineNo, pattern, resolved, files });
      if (chain.length >= MAX_INCLUDE_DEPTH) {
        expanded.notFollowed.push({
          file,
          lineNo,
          reason: `includes nested deeper than ${MAX_INCLUDE_DEPTH}`,
        });
        return;
      }
      for (const included of files) {
        if (chain.includes(included)) {
          expanded.notFollowed.push({ file, lineNo, reason: `${included} includes itself` });
          continue;
        }
        visit(included, [...chain, included]);
      }
    });
  };
  visit(sources.main, [sources.main]);
  return expanded;
}

/**
 * The paths among `candidates` that glob(3) with GLOB_BRACE would match: each brace alternative
 * globbed and sorted bytewise on its own, the lists joined in the braces' order.
 */
export function matchGlob(pattern: string, candidates: readonly string[]): string[] {
  return expandBraces(pattern).flatMap((alternative) => {
    const expression = globExpression(alternative);
    return candidates.filter((candidate) => expression.test(candidate)).sort(bytewise);
  });
}

function bytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const regexSpecial = /[\\^$.*+?()[\]{}|/]/g;

/**
 * One segment at a time: `*` and `?` never cross `/`, and a leading `.` must be written (glob(3)
 * without GLOB_PERIOD). Braces are expanded before (matchGlob).
 */
function globExpression(pattern: string): RegExp {
  const body = pattern
    .split("/")
    .map((segment) => {
      const expression = segmentExpression(segment);
      return segment.startsWith(".") || segment === "" ? expression : `(?!\\.)${expression}`;
    })
    .join("/");
  return new RegExp(`^${body}$`);
}

function segmentExpression(segment: string): string {
  let out = "";
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i] ?? "";
    if (char === "*") out += "[^/]*";
    else if (char === "?") out += "[^/]";
    else if (char === "\\" && i + 1 < segment.length)
      out += (segment[++i] ?? "").replace(regexSpecial, "\\$&");
    else if (char === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close < 0) {
        out += "\\[";
        continue;
      }
      let set = segment.slice(i + 1, close);
      const negate = set.startsWith("!") || set.startsWith("^");
      if (negate) set = set.slice(1);
      out += `[${negate ? "^" : ""}${set.replace(/[\\\]^]/g, "\\$&")}]`;
      i = close;
    } else out += char.replace(regexSpecial, "\\$&");
  }
  return out;
}

/** `a{b,c}d` -> abd, acd; nested braces too; a brace with no comma stays as written. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf("{");
  if (open < 0) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "{") depth++;
    else if (char === "}" && --depth === 0) {
      if (commas.length === 0) {
        return expandBraces(pattern.slice(i + 1)).map((tail) => pattern.slice(0, i + 1) + tail);
      }
      const head = pattern.slice(0, open);
      const tails = expandBraces(pattern.slice(i + 1));
      const bounds = [open, ...commas, i];
      const options = bounds.slice(1).map((end, k) => pattern.slice((bounds[k] ?? 0) + 1, end));
      return options.flatMap((option) =>
        expandBraces(option).flatMap((middle) => tails.map((tail) => head + middle + tail)),
      );
    } else if (char === "," && depth === 1) commas.push(i);
  }
  return [pattern];
}
