/**
 * keepalived.conf as a tree of statements. Format: keepalived.conf(5) and keepalived/core/parser.c
 * (2.2.x): one keyword per line with its arguments; `{` opens a block (on the keyword's line or alone
 * on the next), `}` closes it, and several braces may share a line ("virtual_ipaddress { 10.0.0.1 }").
 * `#` and `!` start a comment anywhere outside double quotes. `include FILE` pulls in other files:
 * parseConfigTree (one text) reports them, not read; parseConfigLines builds the tree from the
 * lines of every file, includes already expanded by config-sources.ts, each statement naming its
 * file.
 */
import { ParseError } from "../../model/parse-error.ts";
import { splitLines } from "../host/text.ts";
import type { SourceLine } from "./config-sources.ts";

export interface ConfigStatement {
  /** The keyword and its arguments, quotes removed ("script", "/bin/check --fast"). */
  words: string[];
  /** The file it came from ("" for a single text). */
  file: string;
  lineNo: number;
  /** Present when a `{ ... }` block followed the keyword. */
  children?: ConfigStatement[];
}

export interface ConfigTree {
  statements: ConfigStatement[];
  includes: { pattern: string; lineNo: number }[];
}

type Token = { kind: "word"; text: string } | { kind: "open" } | { kind: "close" };

// `    notify_master "/usr/local/bin/notify master" # why`  ->  notify_master, /usr/local/bin/notify master
function tokenize(line: string, lineNo: number, file: string | undefined): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const char = line[i] ?? "";
    if (/\s/.test(char)) {
      i++;
    } else if (char === "#" || char === "!") {
      break;
    } else if (char === "{" || char === "}") {
      tokens.push({ kind: char === "{" ? "open" : "close" });
      i++;
    } else if (char === '"') {
      const end = line.indexOf('"', i + 1);
      if (end < 0) throw new ParseError(lineNo, "a closing double quote", line, file);
      tokens.push({ kind: "word", text: line.slice(i + 1, end) });
      i = end + 1;
    } else {
      let j = i;
      while (j < line.length && !/[\s{}"#!]/.test(line[j] ?? "")) j++;
      tokens.push({ kind: "word", text: line.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

export function parseConfigTree(text: string): ConfigTree {
  return parseConfigLines(
    splitLines(text).map((line, index) => ({ file: "", lineNo: index + 1, text: line })),
  );
}

export function parseConfigLines(lines: readonly SourceLine[]): ConfigTree {
  const root: ConfigStatement[] = [];
  const includes: ConfigTree["includes"] = [];
  // Each open block: its statement list and the statement that owns it (for the error message).
  const stack: { list: ConfigStatement[]; owner?: ConfigStatement }[] = [{ list: root }];
  let lastOnLevel: ConfigStatement | undefined;
  let lastText = "";

  let lastSource: SourceLine | undefined;
  for (const source of lines) {
    const { text: line, lineNo, file } = source;
    const where = file === "" ? undefined : file;
    let current: ConfigStatement | undefined;
    let currentList: ConfigStatement[] = root;
    for (const token of tokenize(line, lineNo, where)) {
      const level = stack.at(-1) as { list: ConfigStatement[] };
      if (token.kind === "word") {
        if (current) {
          current.words.push(token.text);
        } else {
          current = { words: [token.text], file, lineNo };
          currentList = level.list;
          level.list.push(current);
        }
      } else if (token.kind === "open") {
        // A brace alone on its line belongs to the previous statement of this level.
        const owner = current ?? lastOnLevel;
        if (!owner || owner.children) throw new ParseError(lineNo, "a keyword before '{'", line, where);
        owner.children = [];
        stack.push({ list: owner.children, owner });
        current = undefined;
        lastOnLevel = undefined;
      } else {
        if (stack.length === 1) throw new ParseError(lineNo, "a '{' before this '}'", line, where);
        const closed = stack.pop();
        current = undefined;
        lastOnLevel = closed?.owner;
      }
    }
    if (current) {
      lastOnLevel = current;
      if (current.words[0] === "include" && !current.children) {
        includes.push({ pattern: current.words.slice(1).join(" "), lineNo });
        currentList.splice(currentList.indexOf(current), 1);
        lastOnLevel = undefined;
      }
    }
    if (line.trim() !== "") {
      lastText = line;
      lastSource = source;
    }
  }
  if (stack.length > 1) {
    const owner = stack.at(-1)?.owner;
    const file = owner?.file || lastSource?.file || undefined;
    throw new ParseError(
      owner?.lineNo ?? 1,
      `a '}' closing '${owner?.words.join(" ") ?? ""}'`,
      lastText,
      file,
    );
  }
  return { statements: root, includes };
}
