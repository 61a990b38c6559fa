/**
 * Pure edit of one real server's weight in keepalived.conf (keepalived.conf(5), 2.2.x):
 *
 *     virtual_server 192.0.2.10 80 {
 *         real_server 10.0.0.11 80 {
 *             weight 2
 *             TCP_CHECK { connect_timeout 3 }
 *         }
 *     }
 *
 * The block is found with the shared parser (core/parse/keepalived/config-tree.ts, which knows the
 * line of every statement); the `weight N` line is rewritten in place, or a new one is inserted
 * right after the line that opens the real_server block, indented like its first statement.
 * auth_pass lines are never touched. Refuses when the service or server is missing or appears
 * twice, when the weight shares its line with other statements, or when @config-id lines are in
 * the block.
 */
import { canonicalAddress } from "../../model/address.ts";
import { ParseError } from "../../model/parse-error.ts";
import type { IpvsWeight } from "../../commands/validated.ts";
import { parseConfigTree, type ConfigStatement } from "../../parse/keepalived/config-tree.ts";
import { applySplices, type TextEditResult, type EditRefusal } from "./text-edit-result.ts";
import { leadingWhitespace, lineEnding, linesWithEndings } from "./text-lines.ts";

export interface KeepalivedRealServerRef {
  virtualAddress: string;
  virtualPort: number;
  realAddress: string;
  realPort: number;
}

interface LineToken {
  text: string;
  start: number;
  end: number;
}

// The same lexical rules as config-tree.ts's tokenizer, keeping each token's columns.
function lineTokens(line: string): LineToken[] {
  const tokens: LineToken[] = [];
  let i = 0;
  while (i < line.length) {
    const char = line[i] as string;
    if (/\s/.test(char)) i++;
    else if (char === "#" || char === "!") break;
    else if (char === "{" || char === "}") tokens.push({ text: char, start: i, end: ++i });
    else if (char === '"') {
      const end = line.indexOf('"', i + 1);
      const stop = end < 0 ? line.length : end + 1;
      tokens.push({ text: line.slice(i, stop), start: i, end: stop });
      i = stop;
    } else {
      let j = i;
      while (j < line.length && !/[\s{}"#!]/.test(line[j] as string)) j++;
      tokens.push({ text: line.slice(i, j), start: i, end: j });
      i = j;
    }
  }
  return tokens;
}

function matchesEndpoint(statement: ConfigStatement, address: string, port: number): boolean {
  const [, written, writtenPort] = statement.words;
  return (
    canonicalAddress(written ?? "") === address &&
    writtenPort !== undefined &&
    /^\d+$/.test(writtenPort) &&
    Number(writtenPort) === port
  );
}

function lastLineOf(statement: ConfigStatement): number {
  const children = statement.children ?? [];
  return Math.max(statement.lineNo, ...children.map(lastLineOf));
}

interface LocatedRealServer {
  ok: true;
  server: string;
  realServer: ConfigStatement;
  body: ConfigStatement[];
  /** The block's one `weight` statement, undefined when it has none. */
  existing: ConfigStatement | undefined;
}

/** The one real_server block of the one virtual_server, or why there is not one to edit. */
function locateRealServer(text: string, target: KeepalivedRealServerRef): LocatedRealServer | EditRefusal {
  const service = `virtual_server ${target.virtualAddress} ${target.virtualPort}`;
  const server = `real_server ${target.realAddress} ${target.realPort}`;
  let statements: ConfigStatement[];
  let includes: { lineNo: number }[];
  try {
    ({ statements, includes } = parseConfigTree(text));
  } catch (error) {
    if (error instanceof ParseError)
      return { ok: false, code: "edit-by-hand", reason: `cannot read keepalived.conf: ${error.message}` };
    throw error;
  }
  const elsewhere = includes.length > 0 ? " (this file has include lines; Fulcrum does not follow them)" : "";
  const services = statements.filter(
    (s) =>
      s.words[0] === "virtual_server" &&
      s.children &&
      matchesEndpoint(s, target.virtualAddress, target.virtualPort),
  );
  if (services.length === 0)
    return { ok: false, code: "service-not-found", reason: `no ${service} in this file${elsewhere}` };
  if (services.length > 1)
    return {
      ok: false,
      code: "edit-by-hand",
      reason: `${service} appears ${services.length} times; edit by hand`,
    };
  const servers = (services[0]?.children ?? []).filter(
    (s) => s.words[0] === "real_server" && matchesEndpoint(s, target.realAddress, target.realPort),
  );
  if (servers.length === 0)
    return { ok: false, code: "backend-not-found", reason: `no ${server} in ${service}${elsewhere}` };
  if (servers.length > 1)
    return {
      ok: false,
      code: "edit-by-hand",
      reason: `${server} appears ${servers.length} times in ${service}; edit by hand`,
    };
  const realServer = servers[0] as ConfigStatement;
  const body = realServer.children ?? [];
  if (body.some((s) => s.words[0]?.startsWith("@")))
    return { ok: false, code: "edit-by-hand", reason: `${server} has @config-id lines; edit by hand` };
  const weights = body.filter((s) => s.words[0] === "weight");
  if (weights.length > 1)
    return {
      ok: false,
      code: "edit-by-hand",
      reason: `${server} has ${weights.length} weight lines; edit by hand`,
    };
  return { ok: true, server, realServer, body, existing: weights[0] };
}

/** The `weight N` line's value token, when the line holds exactly `weight N` and nothing else. */
function simpleWeightToken(lines: readonly string[], statement: ConfigStatement): LineToken | undefined {
  const tokens = lineTokens(lines[statement.lineNo - 1] ?? "");
  const value = tokens[1];
  if (tokens.length !== 2 || tokens[0]?.text !== "weight" || !value || !/^\d+$/.test(value.text))
    return undefined;
  return value;
}

/** The real server's written weight now; null when the block has no weight line (keepalived's default 1). */
export function readKeepalivedRealServerWeight(
  text: string,
  target: KeepalivedRealServerRef,
): { ok: true; weight: number | null } | EditRefusal {
  const located = locateRealServer(text, target);
  if (!located.ok) return located;
  if (!located.existing) return { ok: true, weight: null };
  const value = simpleWeightToken(linesWithEndings(text), located.existing);
  if (!value)
    return {
      ok: false,
      code: "edit-by-hand",
      reason: `the weight of ${located.server} (line ${located.existing.lineNo}) is not a simple \`weight N\` line; edit by hand`,
    };
  return { ok: true, weight: Number(value.text) };
}

/** weight null removes the `weight N` line (an undo of one Fulcrum inserted). */
export function editKeepalivedRealServerWeight(
  text: string,
  target: KeepalivedRealServerRef,
  weight: IpvsWeight | null,
): TextEditResult {
  const located = locateRealServer(text, target);
  if (!located.ok) return located;
  const { server, realServer, body, existing } = located;
  const lines = linesWithEndings(text);
  const offsetOf = (lineNo: number) => lines.slice(0, lineNo - 1).reduce((sum, line) => sum + line.length, 0);
  if (existing) {
    const value = simpleWeightToken(lines, existing);
    if (!value) {
      return {
        ok: false,
        code: "edit-by-hand",
        reason: `the weight of ${server} (line ${existing.lineNo}) is not a simple \`weight N\` line; edit by hand`,
      };
    }
    const start = offsetOf(existing.lineNo) + value.start;
    if (weight === null) {
      const lineStart = offsetOf(existing.lineNo);
      const line = lines[existing.lineNo - 1] ?? "";
      return {
        ok: true,
        text: applySplices(text, [{ start: lineStart, end: lineStart + line.length, text: "" }]),
      };
    }
    return {
      ok: true,
      text: applySplices(text, [{ start, end: start + value.text.length, text: String(weight) }]),
    };
  }
  if (weight === null) return { ok: true, text };

  // No weight line: insert one after the line holding the block's `{` (the real_server line, or a
  // lone `{` on the next line), provided the block's statements are on lines of their own.
  const openLine =
    lineTokens(lines[realServer.lineNo - 1] ?? "").at(-1)?.text === "{"
      ? realServer.lineNo
      : realServer.lineNo + 1;
  const openTokens = lineTokens(lines[openLine - 1] ?? "");
  const lone = openLine === realServer.lineNo || (openTokens.length === 1 && openTokens[0]?.text === "{");
  const closeLine = lastLineOf(realServer) + (body.length === 0 ? 1 : 0);
  if (!lone || body.some((s) => s.lineNo <= openLine) || closeLine <= openLine) {
    return {
      ok: false,
      code: "edit-by-hand",
      reason: `${server} (line ${realServer.lineNo}) is not laid out one statement per line; edit by hand`,
    };
  }
  const opening = lines[openLine - 1] ?? "";
  const firstChild = body[0];
  const serverIndent = leadingWhitespace(lines[realServer.lineNo - 1] ?? "");
  const indent = firstChild
    ? leadingWhitespace(lines[firstChild.lineNo - 1] ?? "")
    : serverIndent + (serverIndent.includes("\t") ? "\t" : "    ");
  const insertAt = offsetOf(openLine) + opening.length;
  return {
    ok: true,
    text: applySplices(text, [
      { start: insertAt, end: insertAt, text: `${indent}weight ${weight}${lineEnding(opening) || "\n"}` },
    ]),
  };
}
