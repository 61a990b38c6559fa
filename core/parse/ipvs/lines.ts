/**
 * Shared line handling for the IPVS parsers: 1-based line numbers (for ParseError) and
 * whitespace tokens. Every IPVS text is parsed by tokens, never by column offsets: ipvsadm pads
 * with printf widths, but IPv6 addresses are never truncated and push later columns right.
 */
export interface SourceLine {
  /** 1-based line number in the original text. */
  number: number;
  /** The line without its line ending. */
  text: string;
  tokens: string[];
}

const SPACE = 32;
const TAB = 9;
const CR = 13;

/** Whether text[start, end) holds only whitespace; ASCII is checked by code, anything else by trim(). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === SPACE || code === TAB) continue;
    if (code > SPACE && code < 127) return false;
    return text.slice(start, end).trim() === "";
  }
  return true;
}

/**
 * Walks the non-blank lines of a text one at a time (CRLF tolerated), numbered as in the original,
 * without splitting the whole text into an array first: a 10,000-backend listing is read every
 * second per host, and most of its lines need no tokens (see list-fast-rows.ts).
 */
export class LineReader {
  /** The current line, without its line ending ("" before the first next()). */
  text = "";
  /** The current line's 1-based number. */
  number = 0;
  readonly #source: string;
  #at = 0;
  #lineNumber = 0;

  constructor(source: string) {
    this.#source = source;
  }

  /** Moves to the next non-blank line; false when there is none. */
  next(): boolean {
    const source = this.#source;
    while (this.#at < source.length) {
      const start = this.#at;
      let end = source.indexOf("\n", start);
      if (end < 0) end = source.length;
      this.#at = end + 1;
      this.#lineNumber++;
      if (end > start && source.charCodeAt(end - 1) === CR) end--;
      if (isBlank(source, start, end)) continue;
      this.text = source.slice(start, end);
      this.number = this.#lineNumber;
      return true;
    }
    return false;
  }

  /** The current line with its whitespace tokens. */
  sourceLine(): SourceLine {
    return { number: this.number, text: this.text, tokens: this.text.trim().split(/\s+/) };
  }
}

/** Non-blank lines of `text`, numbered as in the original (CRLF tolerated). */
export function sourceLines(text: string): SourceLine[] {
  const result: SourceLine[] = [];
  const reader = new LineReader(text);
  while (reader.next()) result.push(reader.sourceLine());
  return result;
}

/** The number of the line after the last one: where a truncated text "ends". */
export function lineAfterEnd(text: string): number {
  let newlines = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) newlines++;
  // A final newline (or an empty text) leaves no line of its own after it.
  return text.length === 0 || text.endsWith("\n") ? newlines + 1 : newlines + 2;
}

/** Whether the tokens of a line are exactly `expected` (header lines, compared by words). */
export function tokensAre(tokens: readonly string[], expected: readonly string[]): boolean {
  return tokens.length === expected.length && tokens.every((token, i) => token === expected[i]);
}
