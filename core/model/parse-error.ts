/**
 * Every parser throws this on input it does not understand: which line (1-based), what was
 * expected there, and what was found. The CLI prints it as one line and exits 2. Input read from
 * several files (keepalived.conf and its includes) also names the file.
 */
export class ParseError extends Error {
  readonly line: number;
  readonly expected: string;
  readonly found: string;
  readonly file?: string;

  constructor(line: number, expected: string, found: string, file?: string) {
    const shown = found.length > 80 ? `${found.slice(0, 77)}...` : found;
    super(
      `${file === undefined ? "" : `${file}: `}line ${line}: expected ${expected}, found ${JSON.stringify(shown)}`,
    );
    this.name = "ParseError";
    this.line = line;
    this.expected = expected;
    this.found = found;
    if (file !== undefined) this.file = file;
  }
}
