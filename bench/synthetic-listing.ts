/**
 * Synthetic ipvsadm listings for benchmarks, in ipvsadm 1.31's own layout: 50 backends per service,
 * IPv4 documentation addresses, counters large enough to need bigint.
 */
const BACKENDS_PER_SERVICE = 50;

function address(index: number): string {
  return `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
}

function pad(text: string, width: number): string {
  return text.padEnd(width, " ");
}

export function syntheticListing(backends: number, form: "list" | "stats"): string {
  const lines = ["IP Virtual Server version 1.2.1 (size=4096)"];
  if (form === "list") {
    lines.push("Prot LocalAddress:Port Scheduler Flags", "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn");
  } else {
    lines.push("Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes", "  -> RemoteAddress:Port");
  }
  const services = Math.ceil(backends / BACKENDS_PER_SERVICE);
  let made = 0;
  for (let s = 0; s < services; s++) {
    const vip = `192.0.${(s >> 8) & 255}.${s & 255}:80`;
    const big = (n: number): string => String(9_007_199_254_740_993n + BigInt(n)).padStart(9);
    if (form === "list") lines.push(`TCP  ${vip} wlc`);
    else lines.push(`${pad(`TCP  ${vip}`, 33)} ${big(s)} ${big(s)} ${big(s)} ${big(s)} ${big(s)}`);
    for (let b = 0; b < BACKENDS_PER_SERVICE && made < backends; b++, made++) {
      const rip = `${address(made)}:8080`;
      if (form === "list") lines.push(`  -> ${pad(rip, 28)} ${pad("Masq", 7)} ${pad("1", 6)} ${pad(String(made % 97), 10)} ${pad(String(made % 13), 10)}`);
      else lines.push(`  -> ${pad(rip, 28)} ${big(made)} ${big(made)} ${big(made)} ${big(made)} ${big(made)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
