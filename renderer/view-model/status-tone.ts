/**
 * Colour classes for HAProxy and VRRP states, so the states that need an operator's eye (a server
 * out of rotation, a director in FAULT) stand out from the ones that do not.
 */
export type StatusTone = "ok" | "drain" | "maint" | "bad" | "idle";

/** HAProxy `show stat` status: "UP", "UP 1/3" (going down), "DOWN", "DRAIN", "MAINT (via x)", "NOLB", "no check", "OPEN". */
export function haproxyStatusTone(status: string): StatusTone {
  const word = status.trim().toUpperCase();
  if (word.startsWith("MAINT")) return "maint";
  if (word.startsWith("DRAIN") || word.startsWith("NOLB")) return "drain";
  if (word.startsWith("DOWN")) return "bad";
  // "UP 1/3" is a server failing its checks on the way down; "DOWN 1/2" one coming back.
  if (/^UP\s+\d+\/\d+/.test(word)) return "drain";
  if (word === "UP" || word === "OPEN") return "ok";
  return "idle";
}

/** keepalived states: MASTER holds the VIPs, BACKUP waits, FAULT cannot take over. */
export function vrrpStateTone(state: string): StatusTone {
  const word = state.trim().toUpperCase();
  if (word === "MASTER") return "ok";
  if (word === "BACKUP") return "idle";
  if (word === "FAULT") return "bad";
  return "drain";
}
