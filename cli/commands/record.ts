/**
 * fulcrum record HOST... [--for DURATION] [--interval N] [--metrics ADDR:PORT]: follows the hosts
 * over SSH, as `fulcrum watch` does, and writes every sample into the data folder's history
 * (core/history), until Ctrl-C, SIGTERM or the duration ends. Headless, for a jump host that
 * records around the clock (README: a systemd unit). One writer per data folder: a second
 * recorder, or a console already recording there, is refused with who holds it.
 */
import type { HostSnapshot } from "../../core/api.ts";
import { createEventHub } from "../../core/carrier/event-hub.ts";
import { fulcrumDataFolder } from "../../core/data-folder.ts";
import { startHistoryRecorder } from "../../core/history/history-recorder.ts";
import { HostMonitor } from "../../core/live/host-monitor.ts";
import { openSshSamplerStream } from "../../core/live/ssh-stream.ts";
import type { HostSession } from "../../core/ssh/session.ts";
import { EXIT_FAILED, EXIT_OK, UsageError } from "../exit-codes.ts";
import { intFlag, parseFlags, SSH_CONFIG_FLAGS, sshConfigFlag } from "../flags.ts";
import { checkHostAlias, connectHost, describeConnectFailure } from "../host-session.ts";
import {
  METRICS_BOOLEAN_FLAGS,
  METRICS_USAGE,
  METRICS_VALUE_FLAGS,
  startMetricsEndpoint,
} from "../metrics-endpoint.ts";

const USAGE = `usage: fulcrum record HOST... [--for DURATION] [--interval N] [-F ssh_config] [${METRICS_USAGE}]
  DURATION: 90s, 30m, 12h, 7d (default: until Ctrl-C or SIGTERM)`;

/** 90s, 30m, 12h, 7d as milliseconds; a bad duration is bad input. */
export function parseDuration(text: string): number {
  const match = /^(\d{1,6})([smhd])$/.exec(text);
  if (!match)
    throw new UsageError(`--for takes a duration such as 90s, 30m, 12h or 7d, not ${JSON.stringify(text)}`);
  const unit = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 }[match[2] as "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}

export async function recordCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, {
    values: [...SSH_CONFIG_FLAGS, "--for", "--interval", ...METRICS_VALUE_FLAGS],
    booleans: [...METRICS_BOOLEAN_FLAGS],
  });
  if (flags.positionals.length === 0) throw new UsageError(USAGE);
  const aliases = flags.positionals.map(checkHostAlias);
  const forText = flags.values.get("--for")?.[0];
  const durationMs = forText === undefined ? undefined : parseDuration(forText);
  const intervalSeconds = intFlag(flags, "--interval", 1, 60) ?? 2;
  const configFile = sshConfigFlag(flags);
  const say = (line: string) => process.stderr.write(`fulcrum record: ${line}\n`);

  const events = createEventHub({ validatePayloads: false });
  const recorder = startHistoryRecorder({ dataFolder: fulcrumDataFolder(), events, onNotice: say });
  if (recorder.status().state !== "writing") {
    const status = recorder.status();
    recorder.stop();
    process.stderr.write(
      `fulcrum: ${status.state === "not-writing" ? status.reason : "history is not open"}\n`,
    );
    return EXIT_FAILED;
  }
  const latest = new Map<string, HostSnapshot>();
  const sessions: HostSession[] = [];
  const monitors: HostMonitor[] = [];
  /** Ending the streams on purpose is not a lost host. */
  let stopping = false;
  try {
    for (const alias of aliases) sessions.push(await connectHost(alias, configFile));
    const metrics = await startMetricsEndpoint(flags, async () => [...latest.values()]);
    for (const [i, alias] of aliases.entries()) {
      let lost = false;
      const monitor = new HostMonitor({
        hostId: alias,
        intervalSeconds,
        open: openSshSamplerStream(sessions[i] as HostSession, { intervalSeconds }),
        onSnapshot: (snapshot) => {
          if (lost) events.emit("hostStateChanged", { hostId: alias, state: { phase: "ready" } });
          lost = false;
          latest.set(alias, snapshot);
          events.emit("sampleReceived", snapshot);
        },
        onStreamEnded: (error) => {
          if (!error || stopping) return;
          say(`${describeConnectFailure(alias, error)}; reconnecting (a gap in history until it is back)`);
          lost = true;
          events.emit("hostStateChanged", { hostId: alias, state: { phase: "retrying" } });
        },
      });
      monitors.push(monitor);
      monitor.start();
    }
    say(
      `recording ${aliases.join(", ")} every ${intervalSeconds} s into ${fulcrumDataFolder()}${
        durationMs === undefined ? " until Ctrl-C" : ` for ${forText}`
      }${metrics ? `; Prometheus metrics on ${metrics.url}` : ""}`,
    );
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
      if (durationMs !== undefined) setTimeout(resolve, durationMs).unref();
    });
    await metrics?.close();
    return EXIT_OK;
  } finally {
    stopping = true;
    for (const monitor of monitors) monitor.stop();
    for (const session of sessions) session.close();
    recorder.stop();
    say("stopped; history flushed");
  }
}
