/**
 * OpenSSH time values (sshd_config(5) "TIME FORMATS", misc.c convtime): a number of seconds, or
 * a sequence like `1h30m` with units s, m, h, d, w (either case). Returns seconds.
 */
const unitSeconds: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

export function parseSshTime(text: string): number | undefined {
  if (!/^(\d+[smhdwSMHDW]?)+$/.test(text)) return undefined;
  let total = 0;
  for (const [, digits, unit] of text.matchAll(/(\d+)([smhdwSMHDW]?)/g)) {
    total += Number(digits) * (unitSeconds[(unit ?? "").toLowerCase()] ?? 1);
  }
  return total;
}
