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

/** Non-blank lines of `text`, numbered as in the original (CRLF tolerated). */
export function sourceLines(text: string): SourceLine[] {
  const result: SourceLine[] = [];
  const raw = text.split("\n");
  for (let i = 0; i < raw.length; i++) {
    let line = raw[i] as string;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    const trimmed = line.trim();
    if (trimmed === "") continue;
    result.push({ number: i + 1, text: line, tokens: trimmed.split(/\s+/) });
  }
  return result;
}

/** The number of the line after the last one: where a truncated text "ends". */
export function lineAfterEnd(text: string): number {
  const raw = text.split("\n");
  // A final newline leaves an empty last element that is not a line of its own.
  return raw[raw.length - 1] === "" ? raw.length : raw.length + 1;
}

/** Whether the tokens of a line are exactly `expected` (header lines, compared by words). */
export function tokensAre(tokens: readonly string[], expected: readonly string[]): boolean {
  return tokens.length === expected.length && tokens.every((token, i) => token === expected[i]);
}
