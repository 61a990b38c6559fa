/**
 * Pure edit of one `server` line in one `upstream` block (ngx_http_upstream_module):
 *
 *     upstream app {
 *         server 10.0.0.11:8080 weight=2 max_fails=3;   # rack 4
 *     }
 *
 * sets `weight=N` (replaced in place, or added after the address) or removes it, and adds or
 * removes `down`; readNginxUpstreamServer says what the line holds now (an audit entry's "before").
 * Every other byte stays: comments, other parameters, spacing. It refuses rather than guesses:
 * upstream or server missing or found twice, a directive spread over lines or sharing its line,
 * quoted words.
 */
import { canonicalAddress, parseHostPort } from "../../model/address.ts";
import { ValidationError } from "../../commands/validated.ts";
import { readNginxDirectives, type NginxDirective, type NginxWord } from "./nginx-directives.ts";
import type { NginxServerAddress, NginxUpstreamName, NginxWeight } from "./nginx-values.ts";
import { applySplices, type Splice, type TextEditResult, type EditRefusal } from "./text-edit-result.ts";

export interface NginxServerChange {
  /** null removes the `weight=` parameter (nginx then uses its default, 1). */
  weight?: NginxWeight | null;
  down?: boolean;
}

// "10.0.0.11:8080", "[2001:db8::5]:80", "10.0.0.11" (port 80, as nginx defaults it)
function writtenAddress(word: string): { address: string; port: number } | undefined {
  const withPort = parseHostPort(word);
  if (withPort) return withPort;
  const bare = canonicalAddress(word.startsWith("[") && word.endsWith("]") ? word.slice(1, -1) : word);
  return bare === undefined ? undefined : { address: bare, port: 80 };
}

function describe(upstream: string, server: NginxServerAddress): string {
  return `server ${server.text} in upstream ${upstream}`;
}

/** The one-line, unquoted directive check: its words and `;` on one line, nothing else on it. */
function isSimpleLine(directive: NginxDirective, all: readonly NginxDirective[]): boolean {
  const lineNo = directive.terminator.lineNo;
  if (directive.words.some((word) => word.quoted || word.lineNo !== lineNo)) return false;
  return !all.some(
    (other) =>
      other !== directive &&
      (other.terminator.lineNo === lineNo || other.words.some((word) => word.lineNo === lineNo)),
  );
}

type LocatedServer = { ok: true; directive: NginxDirective } | EditRefusal;

/** The one simple `server` line for this address in this upstream, or why there is not one. */
function locateServer(text: string, upstream: NginxUpstreamName, server: NginxServerAddress): LocatedServer {
  let directives: NginxDirective[];
  try {
    directives = readNginxDirectives(text);
  } catch (error) {
    if (error instanceof ValidationError)
      return { ok: false, code: "edit-by-hand", reason: `cannot read the nginx config: ${error.message}` };
    throw error;
  }
  const blocks = directives.filter(
    (d) =>
      d.terminator.kind === "{" &&
      d.words[0]?.text === "upstream" &&
      d.words[1]?.text === upstream &&
      d.words.length === 2,
  );
  if (blocks.length === 0)
    return { ok: false, code: "service-not-found", reason: `no upstream ${upstream} in this file` };
  if (blocks.length > 1)
    return {
      ok: false,
      code: "edit-by-hand",
      reason: `upstream ${upstream} is defined ${blocks.length} times (lines ${blocks.map((b) => b.terminator.lineNo).join(", ")}); edit by hand`,
    };
  const block = blocks[0] as NginxDirective;

  const matches = directives.filter((d) => {
    if (d.parent !== block || d.words[0]?.text !== "server" || d.terminator.kind !== ";") return false;
    const written = writtenAddress(d.words[1]?.text ?? "");
    return written !== undefined && written.address === server.address && written.port === server.port;
  });
  if (matches.length === 0)
    return { ok: false, code: "backend-not-found", reason: `no ${describe(upstream, server)}` };
  if (matches.length > 1)
    return {
      ok: false,
      code: "edit-by-hand",
      reason: `${describe(upstream, server)} appears ${matches.length} times; edit by hand`,
    };
  const directive = matches[0] as NginxDirective;
  if (!isSimpleLine(directive, directives)) {
    return {
      ok: false,
      code: "edit-by-hand",
      reason: `${describe(upstream, server)} (line ${directive.terminator.lineNo}) is not a simple one-line directive; edit by hand`,
    };
  }
  return { ok: true, directive };
}

/** What the server line says now: its `weight=` (null when none is written: nginx's default 1) and `down`. */
export type NginxServerValues = { weight: number | null; down: boolean };

export function readNginxUpstreamServer(
  text: string,
  upstream: NginxUpstreamName,
  server: NginxServerAddress,
): { ok: true; values: NginxServerValues } | EditRefusal {
  const located = locateServer(text, upstream, server);
  if (!located.ok) return located;
  const parameters = located.directive.words.slice(2);
  const weights = parameters.filter((word) => word.text.startsWith("weight="));
  // weight=5 -> 5
  const value = /^weight=(\d{1,6})$/.exec(weights[0]?.text ?? "")?.[1];
  if (weights.length > 1 || (weights.length === 1 && value === undefined)) {
    return {
      ok: false,
      code: "edit-by-hand",
      reason: `${describe(upstream, server)} has no single plain weight=N; edit by hand`,
    };
  }
  return {
    ok: true,
    values: {
      weight: value === undefined ? null : Number(value),
      down: parameters.some((word) => word.text === "down"),
    },
  };
}

export function editNginxUpstreamServer(
  text: string,
  upstream: NginxUpstreamName,
  server: NginxServerAddress,
  change: NginxServerChange,
): TextEditResult {
  const located = locateServer(text, upstream, server);
  if (!located.ok) return located;
  const { directive } = located;

  const address = directive.words[1] as NginxWord;
  const parameters = directive.words.slice(2);
  const splices: Splice[] = [];
  if (change.weight !== undefined) {
    const weights = parameters.filter((word) => word.text.startsWith("weight="));
    if (weights.length > 1)
      return {
        ok: false,
        code: "edit-by-hand",
        reason: `${describe(upstream, server)} has ${weights.length} weight= parameters; edit by hand`,
      };
    const existing = weights[0];
    if (change.weight === null) {
      // Back to no weight= at all (an undo of one that was added), with the blank before it.
      if (existing) {
        const before = directive.words[directive.words.indexOf(existing) - 1] as NginxWord;
        splices.push({ start: before.end, end: existing.end, text: "" });
      }
    } else if (existing)
      splices.push({ start: existing.start, end: existing.end, text: `weight=${change.weight}` });
    else splices.push({ start: address.end, end: address.end, text: ` weight=${change.weight}` });
  }
  if (change.down !== undefined) {
    const downs = parameters.filter((word) => word.text === "down");
    if (change.down && downs.length === 0) {
      const last = directive.words.at(-1) as NginxWord;
      splices.push({ start: last.end, end: last.end, text: " down" });
    }
    if (!change.down) {
      for (const down of downs) {
        const before = directive.words[directive.words.indexOf(down) - 1] as NginxWord;
        splices.push({ start: before.end, end: down.end, text: "" });
      }
    }
  }
  return { ok: true, text: applySplices(text, splices) };
}
