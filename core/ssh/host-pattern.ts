/**
 * OpenSSH host patterns (ssh_config(5) "PATTERNS", sshd match.c match_pattern): `*` matches any
 * run of characters, `?` exactly one, `!pattern` negates. Shared by ssh_config Host lines and
 * known_hosts host fields.
 */

function patternToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === "*" ? ".*" : c === "?" ? "." : `\\${c}`));
  return new RegExp(`^${body}$`, "s");
}

/** One pattern against one name, case-sensitive as OpenSSH's match_pattern is. */
export function matchHostPattern(pattern: string, name: string): boolean {
  return patternToRegExp(pattern).test(name);
}

/**
 * A pattern list matches when some positive pattern matches and no negated one does
 * (a negated match vetoes the whole list, whatever the order).
 */
export function matchHostPatternList(patterns: readonly string[], name: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) {
      if (matchHostPattern(pattern.slice(1), name)) return false;
    } else if (matchHostPattern(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}
