/**
 * Which daemon reads the file, and how to validate and reload it. nginx is validated against the
 * candidate file with its prefix (`nginx -t -p PREFIX -c FILE`) and reloaded with `nginx -s
 * reload` on the same -p/-c; keepalived with `keepalived --config-test -f FILE` (2.2.7 spells it
 * so; `-t`) and SIGHUP to the pid in its pid file. The edited file must be the one the daemon
 * is started with (-c / -f): a file it includes cannot be validated on its own.
 */
import type { ConfigPath } from "./config-path.ts";

export type ConfigEditTarget =
  | { daemon: "nginx"; configPath: ConfigPath; pidFile: ConfigPath; prefix?: ConfigPath }
  | { daemon: "keepalived"; configPath: ConfigPath; pidFile: ConfigPath };
