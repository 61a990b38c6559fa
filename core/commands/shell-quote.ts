/**
 * The one place where argv becomes a remote command string. SSH runs a command through the remote
 * user's login shell, so every word is single-quoted: inside '...' a POSIX shell expands nothing,
 * and a single quote is written as '\'' (close, escaped quote, reopen). NUL cannot be carried at all
 * and is refused.
 */
export function shellQuote(word: string): string {
  if (word.includes("\0")) throw new Error("a NUL byte cannot be passed to a remote command");
  // Words made only of safe characters stay readable in previews and audit entries.
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** argv to one shell command line: ["ipvsadm", "-e", ...] -> "ipvsadm -e ...". */
export function toShellCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error("empty command");
  return argv.map(shellQuote).join(" ");
}
