/**
 * nginx.conf as directives with their source offsets, enough to find one `server` line of one
 * `upstream` block and rewrite its parameters in place. Syntax as ngx_conf_read_token() reads it
 * (src/core/ngx_conf_file.c): words separated by blanks, `;` ends a directive, `{ ... }` a block,
 * `#` at the start of a word comments to the end of the line, "..." and '...' quote, `\` escapes,
 * and `${name}` is part of a word.
 */
import { ValidationError } from "../../commands/validated.ts";

export interface NginxWord {
  text: string;
  start: number;
  end: number;
  /** 1-based line of the word's first character. */
  lineNo: number;
  quoted: boolean;
}

export interface NginxDirective {
  words: NginxWord[];
  /** The `;` or `{` that ended the directive. */
  terminator: { kind: ";" | "{"; start: number; lineNo: number };
  /** The enclosing block directive, undefined at the top level. */
  parent?: NginxDirective;
}

type Token = NginxWord | { special: ";" | "{" | "}"; start: number; lineNo: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let lineNo = 1;
  let i = 0;
  const newlinesIn = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (text[k] === "\n") lineNo++;
  };
  while (i < text.length) {
    const char = text[i] as string;
    if (char === "\n") {
      lineNo++;
      i++;
    } else if (/\s/.test(char)) {
      i++;
    } else if (char === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (char === ";" || char === "{" || char === "}") {
      tokens.push({ special: char, start: i, lineNo });
      i++;
    } else if (char === '"' || char === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== char) j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) throw new ValidationError(`an unclosed ${char} quote at line ${lineNo}`);
      const startLine = lineNo;
      newlinesIn(i, j);
      tokens.push({ text: text.slice(i + 1, j), start: i, end: j + 1, lineNo: startLine, quoted: true });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s;{}]/.test(text[j] as string)) {
        if (text[j] === "\\") j += 2;
        else if (text[j] === "$" && text[j + 1] === "{") j = Math.max(text.indexOf("}", j), j + 1) + 1;
        else j++;
      }
      tokens.push({ text: text.slice(i, j), start: i, end: j, lineNo, quoted: false });
      newlinesIn(i, j);
      i = j;
    }
  }
  return tokens;
}

/** Every directive of the file in source order (block directives before their contents). */
export function readNginxDirectives(text: string): NginxDirective[] {
  const directives: NginxDirective[] = [];
  const open: NginxDirective[] = [];
  let words: NginxWord[] = [];
  for (const token of tokenize(text)) {
    if ("text" in token) {
      words.push(token);
      continue;
    }
    if (token.special === "}") {
      if (words.length > 0)
        throw new ValidationError(`a directive without ';' before '}' at line ${token.lineNo}`);
      if (!open.pop()) throw new ValidationError(`an unexpected '}' at line ${token.lineNo}`);
      continue;
    }
    if (words.length === 0)
      throw new ValidationError(`an unexpected '${token.special}' at line ${token.lineNo}`);
    const parent = open.at(-1);
    const directive: NginxDirective = {
      words,
      terminator: { kind: token.special, start: token.start, lineNo: token.lineNo },
      ...(parent ? { parent } : {}),
    };
    directives.push(directive);
    if (token.special === "{") open.push(directive);
    words = [];
  }
  if (words.length > 0 || open.length > 0)
    throw new ValidationError("the file ends inside a directive or block");
  return directives;
}
