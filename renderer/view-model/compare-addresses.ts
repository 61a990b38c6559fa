/**
 * Orders IP addresses the way an operator reads them: IPv4 numerically (10.0.0.9 before 10.0.0.10),
 * then IPv6 by its expanded groups, then anything else as text.
 */
export function compareAddresses(a: string, b: string): number {
  const keyA = sortKey(a);
  const keyB = sortKey(b);
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

function sortKey(address: string): string {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4)
    return (
      "4" +
      v4
        .slice(1)
        .map((octet) => octet.padStart(3, "0"))
        .join(".")
    );
  const v6 = expandIpv6(address);
  if (v6) return "6" + v6;
  return "9" + address;
}

/** "2001:db8::1" -> "2001:0db8:0000:...:0001"; undefined when it is not plain IPv6 text. */
function expandIpv6(address: string): string | undefined {
  if (!/^[0-9a-f:]+$/i.test(address) || !address.includes(":")) return undefined;
  const halves = address.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (groups.some((group) => group.length === 0 || group.length > 4)) return undefined;
  return groups.map((group) => group.toLowerCase().padStart(4, "0")).join(":");
}
