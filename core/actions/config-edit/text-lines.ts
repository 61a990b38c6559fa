/**
 * Lines with their endings kept, so an edit can rewrite one line and leave every other byte
 * (CRLF endings, a missing final newline) as it was. Joining the result gives the text back.
 */
export function linesWithEndings(text: string): string[] {
  if (text === "") return [];
  return text.split(/(?<=\n)/);
}

export function lineEnding(line: string): string {
  if (line.endsWith("\r\n")) return "\r\n";
  return line.endsWith("\n") ? "\n" : "";
}

export function withoutEnding(line: string): string {
  return line.slice(0, line.length - lineEnding(line).length);
}

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? "";
}
