/**
 * `nginx -T` output: every configuration file nginx read, in the order it read them, each after a
 * line `# configuration file PATH:` and followed by one blank line (src/core/nginx.c,
 * ngx_dump_cf). From it, the upstreams with their servers as nginx would use them: weight (default
 * 1), max_fails (default 1), fail_timeout (default 10s), backup, down, max_conns, the balancing
 * method, and the file and line each comes from. `include` is followed as nginx follows it: a
 * relative pattern against the main file's folder, glob matches in the order nginx listed them.
 * Words are read as ngx_conf_read_token reads them (core/actions/config-edit/nginx-directives.ts).
 */
import { ValidationError } from "../../commands/validated.ts";
import { readNginxDirectives, type NginxDirective } from "../../actions/config-edit/nginx-directives.ts";
import { ParseError } from "../../model/parse-error.ts";

export type NginxUpstreamServer = {
  /** As written: ADDR:PORT, [IPv6]:PORT, a name, or unix:/path. */
  address: string;
  weight: number;
  maxFails: number;
  failTimeout: string;
  backup: boolean;
  down: boolean;
  /** 0 (nginx's default) means no limit. */
  maxConns: number;
  /** Parameters this reader does not interpret (resolve, service=, NGINX Plus's slow_start=...), kept as written. */
  other: string[];
  file: string;
  line: number;
};

export type NginxUpstream = {
  name: string;
  /** http {} or stream {}: the same name may exist in both. */
  context: "http" | "stream";
  /** round-robin (no directive), or the directive with its arguments: "least_conn", "hash $remote_addr consistent", ... */
  balancing: string;
  keepalive: number | null;
  file: string;
  line: number;
  servers: NginxUpstreamServer[];
};

export type NginxConfigDump = { files: string[]; upstreams: NginxUpstream[] };

const FILE_MARKER = /^# configuration file (.+):$/;
const BALANCING = new Set(["least_conn", "ip_hash", "hash", "random", "least_time", "ntlm"]);

type DumpFile = { path: string; text: string; firstLine: number };

function splitDump(text: string): DumpFile[] {
  const lines = text.split("\n");
  const files: DumpFile[] = [];
  let current: { path: string; start: number; lines: string[] } | undefined;
  lines.forEach((line, index) => {
    const marker = FILE_MARKER.exec(line);
    if (marker) {
      if (current)
        files.push({ path: current.path, text: current.lines.join("\n"), firstLine: current.start });
      current = { path: marker[1] as string, start: index + 2, lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim() !== "") {
      throw new ParseError(index + 1, "'# configuration file PATH:' (the output of nginx -T)", line);
    }
  });
  if (current) files.push({ path: current.path, text: current.lines.join("\n"), firstLine: current.start });
  if (files.length === 0)
    throw new ParseError(1, "'# configuration file PATH:' (the output of nginx -T)", text.slice(0, 80));
  // nginx dumps each file once (ngx_conf_add_dump); a path seen again is the same file: the first stands.
  const seen = new Set<string>();
  return files.filter((file) => !seen.has(file.path) && seen.add(file.path));
}

function dirname(file: string): string {
  const slash = file.lastIndexOf("/");
  return slash <= 0 ? "/" : file.slice(0, slash);
}

/** A glob as nginx's ngx_open_glob (glob(3)) matches it: * and ? within a path segment, [...] classes. */
function globRegex(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (char === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) source += "\\[";
      else {
        source += `[${pattern
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else source += char.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

function contextOf(directive: NginxDirective, inherited: readonly string[]): string[] {
  const chain: string[] = [];
  for (let parent = directive.parent; parent; parent = parent.parent)
    chain.unshift(parent.words[0]?.text ?? "");
  return [...inherited, ...chain];
}

function serverOf(directive: NginxDirective, file: DumpFile): NginxUpstreamServer {
  const [, addressWord, ...params] = directive.words;
  /** The line in the file itself; a ParseError names the line of the dump. */
  const line = directive.words[0]?.lineNo ?? 1;
  const dumpLine = file.firstLine + line - 1;
  if (!addressWord) throw new ParseError(dumpLine, "server ADDRESS [parameters];", "server;");
  const server: NginxUpstreamServer = {
    address: addressWord.text,
    weight: 1,
    maxFails: 1,
    failTimeout: "10s",
    backup: false,
    down: false,
    maxConns: 0,
    other: [],
    file: file.path,
    line,
  };
  for (const { text } of params) {
    const [key, value] = text.split(/=(.*)/s);
    const number = (what: string) => {
      if (!/^\d+$/.test(value ?? "")) throw new ParseError(dumpLine, `${what}=N`, text);
      return Number(value);
    };
    if (key === "weight") server.weight = number("weight");
    else if (key === "max_fails") server.maxFails = number("max_fails");
    else if (key === "max_conns") server.maxConns = number("max_conns");
    else if (key === "fail_timeout" && value) server.failTimeout = value;
    else if (text === "backup") server.backup = true;
    else if (text === "down") server.down = true;
    else server.other.push(text);
  }
  return server;
}

export function parseNginxConfigDump(text: string): NginxConfigDump {
  const files = splitDump(text);
  const base = dirname(files[0]?.path ?? "/");
  const upstreams: NginxUpstream[] = [];
  const visiting = new Set<string>();

  const walk = (file: DumpFile, inherited: readonly string[], into: NginxUpstream | undefined): void => {
    if (visiting.has(file.path)) return;
    visiting.add(file.path);
    let directives: NginxDirective[];
    try {
      directives = readNginxDirectives(file.text);
    } catch (error) {
      if (error instanceof ValidationError)
        throw new ParseError(file.firstLine, "nginx configuration syntax", `${file.path}: ${error.message}`);
      throw error;
    }
    const opened = new Map<NginxDirective, NginxUpstream>();
    for (const directive of directives) {
      const name = directive.words[0]?.text ?? "";
      const context = contextOf(directive, inherited);
      const line = directive.words[0]?.lineNo ?? 1;
      const upstream =
        (directive.parent ? opened.get(directive.parent) : undefined) ??
        (directive.parent ? undefined : into);
      if (name === "upstream" && directive.terminator.kind === "{") {
        const kind = context.includes("stream") ? "stream" : "http";
        const block: NginxUpstream = {
          name: directive.words[1]?.text ?? "",
          context: kind,
          balancing: "round-robin",
          keepalive: null,
          file: file.path,
          line,
          servers: [],
        };
        opened.set(directive, block);
        upstreams.push(block);
      } else if (name === "include") {
        const pattern = directive.words[1]?.text ?? "";
        const absolute = pattern.startsWith("/") ? pattern : `${base}/${pattern}`;
        const matcher = globRegex(absolute);
        for (const candidate of files) if (matcher.test(candidate.path)) walk(candidate, context, upstream);
      } else if (upstream) {
        if (name === "server") upstream.servers.push(serverOf(directive, file));
        else if (BALANCING.has(name)) upstream.balancing = directive.words.map((word) => word.text).join(" ");
        else if (name === "keepalive" && /^\d+$/.test(directive.words[1]?.text ?? ""))
          upstream.keepalive = Number(directive.words[1]?.text);
      }
    }
    visiting.delete(file.path);
  };
  const main = files[0] as DumpFile;
  walk(main, [], undefined);
  return { files: files.map((file) => file.path), upstreams };
}
