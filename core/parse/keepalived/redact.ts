/**
 * Secrets in keepalived text. The DATA dump (keepalived.data) prints the VRRP password in clear
 * ("Password = ..."; vrrp_print_data in keepalived/vrrp/vrrp_data.c), the checker dump prints the
 * SSL key password ("Password : ..."), keepalived.json carries "auth_data", and keepalived.conf
 * has `auth_pass`. lab-notes.md: never store or show them unredacted. "Authentication type" is
 * not a secret and is kept.
 */
export const REDACTED = "<redacted>";

// "   Password = Fk7s3cr1", " Password : sslkeypass", "   Authentication data = ...", "   Auth key = ..."
const DUMP_SECRET = /^(\s*(?:password|auth(?:entication)?[ _](?:data|key|pass(?:word)?))\s*[=:]\s*)(\S.*)$/i;
// "        auth_pass Fk7s3cr1" (keepalived.conf, also when a dump echoes configuration)
const CONFIG_SECRET = /^(\s*auth_pass\s+)(\S.*)$/i;
// "auth_data": "Fk7s3cr1"   (keepalived.json)
const JSON_SECRET = /("(?:auth_data|auth_pass|password)"\s*:\s*)("(?:[^"\\]|\\.)*"|[^,}\]\s]+)/gi;

/** One line with its secret masked, and how many secrets that was. */
export function redactLine(line: string): { line: string; count: number } {
  for (const pattern of [DUMP_SECRET, CONFIG_SECRET]) {
    const match = pattern.exec(line);
    if (match && match[2] !== REDACTED) return { line: `${match[1]}${REDACTED}`, count: 1 };
  }
  let count = 0;
  const masked = line.replace(JSON_SECRET, (whole, key: string, value: string) => {
    if (value === `"${REDACTED}"`) return whole;
    count++;
    return `${key}"${REDACTED}"`;
  });
  return { line: masked, count };
}

/** The text with every secret masked, for audit entries and logs. Line structure is kept. */
export function redactKeepalivedText(text: string): string {
  return text
    .split("\n")
    .map((line) => redactLine(line).line)
    .join("\n");
}
