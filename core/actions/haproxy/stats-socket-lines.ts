/**
 * The admin sockets an haproxy.cfg declares (configuration.txt, "stats socket" in the global
 * section; bind options such as "level" in §5.1). Pure: the config text in, socket paths out.
 * Only UNIX sockets count: actions reach the socket with `socat UNIX-CONNECT:`, and an
 * ipv4@/abns@/fd@ address is not a file on the host.
 */

export type StatsSocketLevel = "user" | "operator" | "admin";

export interface StatsSocketLine {
  path: string;
  /** As written after `level`; undefined when the line does not say. */
  level?: StatsSocketLevel;
}

// "    stats socket /run/haproxy/admin.sock mode 660 level admin expose-fd listeners"
// "    stats socket unix@/run/haproxy/admin.sock level admin"
const STATS_SOCKET = /^stats\s+socket\s+(\S+)(.*)$/;
// "... level operator ..."
const LEVEL = /(?:^|\s)level\s+(user|operator|admin)(?:\s|$)/;

export function statsSocketLines(config: string): StatsSocketLine[] {
  const sockets: StatsSocketLine[] = [];
  for (const raw of config.split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    const match = STATS_SOCKET.exec(line);
    if (!match?.[1]) continue;
    const address = match[1].startsWith("unix@") ? match[1].slice("unix@".length) : match[1];
    if (!address.startsWith("/")) continue;
    const level = LEVEL.exec(match[2] ?? "")?.[1] as StatsSocketLevel | undefined;
    sockets.push({ path: address, ...(level !== undefined ? { level } : {}) });
  }
  return sockets;
}

export type AdminSocketChoice = { ok: true; path: string } | { ok: false; reason: string };

/**
 * The first socket that may run `set server`: an explicit `level admin`, else one that names no
 * level (HAProxy's default level has changed between versions; the socket then answers for itself
 * with "Permission denied", which apply reports). `level user`/`operator` sockets cannot change
 * servers, so they are never chosen.
 */
export function adminSocketIn(config: string, configPath: string): AdminSocketChoice {
  const sockets = statsSocketLines(config);
  const chosen =
    sockets.find((socket) => socket.level === "admin") ??
    sockets.find((socket) => socket.level === undefined);
  if (chosen) return { ok: true, path: chosen.path };
  if (sockets.length > 0) {
    const listed = sockets.map((socket) => `${socket.path} (level ${socket.level ?? "?"})`).join(", ");
    return {
      ok: false,
      reason: `${configPath} declares no admin-level stats socket (${listed}); give one with --haproxy-socket`,
    };
  }
  return {
    ok: false,
    reason: `${configPath} has no UNIX \`stats socket\` line; give the admin socket with --haproxy-socket`,
  };
}
