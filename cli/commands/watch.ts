/**
 * fulcrum watch <host>: a live table in the terminal, redrawn at every frame, until Ctrl-C, which
 * stops the remote loop and closes the connection before exiting.
 */
import { HostMonitor } from "../../core/live/host-monitor.ts";
import { openSshSamplerStream } from "../../core/live/ssh-stream.ts";
import { EXIT_OK, UsageError } from "../exit-codes.ts";
import { intFlag, parseFlags, SSH_CONFIG_FLAGS, sshConfigFlag } from "../flags.ts";
import { connectHost, describeConnectFailure } from "../host-session.ts";
import { snapshotTable } from "../snapshot-table.ts";

export async function watchCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, {
    values: [...SSH_CONFIG_FLAGS, "--interval", "--haproxy-socket", "--frames"],
  });
  const [host, ...extra] = flags.positionals;
  if (host === undefined || extra.length > 0)
    throw new UsageError("usage: fulcrum watch <host> [--interval N] [-F ssh_config]");
  const intervalSeconds = intFlag(flags, "--interval", 1, 60) ?? 2;
  /** Stop after N frames (for scripts and tests); default: until Ctrl-C. */
  const maxFrames = intFlag(flags, "--frames", 1, 1_000_000);
  const haproxySocket = flags.values.get("--haproxy-socket")?.[0];
  const session = await connectHost(host, sshConfigFlag(flags));
  const clear = process.stdout.isTTY ? "\x1b[2J\x1b[H" : "";
  let frames = 0;
  // Set on Ctrl-C (or the last frame): the stream that ends then was closed by us, not lost.
  let stopping = false;
  return new Promise<number>((resolve) => {
    const finish = (): void => {
      stopping = true;
      monitor.stop();
      session.close();
      resolve(EXIT_OK);
    };
    const monitor = new HostMonitor({
      hostId: host,
      intervalSeconds,
      open: openSshSamplerStream(session, {
        intervalSeconds,
        ...(haproxySocket === undefined ? {} : { haproxySocket }),
      }),
      onSnapshot: (snapshot) => {
        process.stdout.write(`${clear}${snapshotTable(host, snapshot)}`);
        if (maxFrames !== undefined && ++frames >= maxFrames) finish();
      },
      onStreamEnded: (error) => {
        if (error && !stopping) process.stderr.write(`fulcrum: ${describeConnectFailure(host, error)}; reconnecting\n`);
      },
    });
    process.once("SIGINT", finish);
    process.once("SIGTERM", finish);
    monitor.start();
  });
}
