/**
 * One command on one SSH channel: collect output, report the exit status, enforce a timeout.
 * A non-zero exit is a result, not an error, unless the caller asks for `check`.
 */
import type { Client, ClientChannel } from "ssh2";
import type { Clock } from "./clock.ts";
import { makeProblem, problemFromSsh2Error, SessionProblemError } from "./problem.ts";
import { remoteCommandLine } from "./remote-command.ts";

export interface ExecOptions {
  /** Milliseconds before the channel is closed and the call rejects with `timeout`. */
  timeoutMs?: number;
  /** Written to the command's stdin, which is then closed. */
  stdin?: string | Buffer;
  /** Reject with `command-failed` on a non-zero exit or a signal. */
  check?: boolean;
  /** Output beyond this many bytes (stdout + stderr) aborts the call. Default 32 MiB. */
  maxOutputBytes?: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit status, or null when the command died from a signal or gave none. */
  code: number | null;
  signal?: string;
}

export interface ExitStatus {
  code: number | null;
  signal?: string;
}

export function openChannel(
  client: Client,
  command: string | readonly string[],
  where: string,
): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec(remoteCommandLine(command), (error, channel) => {
      if (error) reject(new SessionProblemError(problemFromSsh2Error(error, where)));
      else resolve(channel);
    });
  });
}

/** Resolves when the channel closes, with the status the server sent ("exit-status"/"exit-signal"). */
export function channelExit(channel: ClientChannel): Promise<ExitStatus> {
  return new Promise((resolve) => {
    let status: ExitStatus = { code: null };
    channel.on("exit", (code: number | null, signal?: string) => {
      status = signal ? { code: null, signal } : { code };
    });
    channel.on("close", () => resolve(status));
  });
}

/**
 * RFC 4254 §6.9 "signal"; sshd delivers it to the command's process group. ssh2's
 * channel.signal() sends nothing once stdin is closed (it checks `writable`), and exec closes
 * stdin at once, so we go to the protocol object beneath it when it is there.
 */
function sendSignal(channel: ClientChannel, name: string): void {
  const internals = channel as unknown as {
    _client?: { _protocol?: { signal?(id: number, name: string): void } };
    outgoing?: { id?: number; state?: string };
  };
  const protocol = internals._client?._protocol;
  const id = internals.outgoing?.id;
  if (protocol?.signal && id !== undefined && internals.outgoing?.state !== "closed")
    protocol.signal(id, name);
  else channel.signal(name);
}

export async function runOnChannel(
  channel: ClientChannel,
  command: string,
  options: ExecOptions,
  clock: Clock,
  where: string,
): Promise<ExecResult> {
  const maxOutput = options.maxOutputBytes ?? 32 * 1024 * 1024;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let size = 0;
  let abort: (problem: SessionProblemError) => void = () => {};
  const aborted = new Promise<never>((_, reject) => (abort = reject));
  // The caller hears at once; the remote process is sent SIGKILL, but OpenSSH only closes the
  // channel when the command's output ends, so we do not wait for that. sshd refuses signals on
  // root logins ("session signalling requires privilege separation", privsep is skipped for
  // root), so there a timed-out command runs on until it ends or next writes to the closed pipe.
  const stop = (problem: SessionProblemError) => {
    abort(problem);
    sendSignal(channel, "KILL");
    channel.close();
  };
  const collect = (into: Buffer[]) => (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxOutput)
      stop(
        new SessionProblemError(
          makeProblem("internal-error", `${where}: output of "${command}" exceeded ${maxOutput} bytes`),
        ),
      );
    else into.push(chunk);
  };
  channel.on("data", collect(stdout));
  channel.stderr.on("data", collect(stderr));
  const exited = channelExit(channel);
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : clock.setTimeout(
          () =>
            stop(
              new SessionProblemError(
                makeProblem(
                  "timeout",
                  `${where}: "${command}" did not finish within ${options.timeoutMs} ms`,
                ),
              ),
            ),
          options.timeoutMs,
        );
  channel.end(options.stdin);
  let status: ExitStatus;
  try {
    status = await Promise.race([exited, aborted]);
  } finally {
    if (timer !== undefined) clock.clearTimeout(timer);
  }
  const result: ExecResult = {
    stdout: Buffer.concat(stdout).toString("utf8"),
    stderr: Buffer.concat(stderr).toString("utf8"),
    ...status,
  };
  if (options.check && (result.code !== 0 || result.signal)) {
    const how = result.signal ? `signal ${result.signal}` : `exit status ${result.code ?? "none"}`;
    throw new SessionProblemError(
      makeProblem(
        "command-failed",
        `${where}: "${command}" failed with ${how}: ${result.stderr.trim().slice(0, 500)}`,
      ),
    );
  }
  return result;
}
