/**
 * fulcrum snapshot <host> [--json]: one consistent sample of a host over SSH: services, backends,
 * rates over a short window (two frames 2 s apart: the IPVS counters fold every 2 s), NICs, HAProxy
 * and VRRP state. The remote loop is told to stop after those frames, so nothing keeps running.
 */
import { toJson } from "../../core/model/json.ts";
import { privilegeAdvice } from "../../core/sampler/sudoers-advice.ts";
import { EXIT_FAILED, EXIT_OK, UsageError } from "../exit-codes.ts";
import { intFlag, parseFlags, SSH_CONFIG_FLAGS, sshConfigFlag } from "../flags.ts";
import { connectHost } from "../host-session.ts";
import { sampleHostOnce } from "../sample-host.ts";
import { snapshotTable } from "../snapshot-table.ts";
import { PROMETHEUS_VALUE_FLAGS, prometheusSnapshotCommand } from "./prometheus-snapshot.ts";

const WINDOW_SECONDS = 2;

export async function snapshotCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, {
    booleans: ["--json"],
    values: [...SSH_CONFIG_FLAGS, "--haproxy-socket", "--window", ...PROMETHEUS_VALUE_FLAGS],
  });
  if (flags.values.has("--prometheus")) return prometheusSnapshotCommand(flags);
  const [host, ...extra] = flags.positionals;
  if (host === undefined || extra.length > 0)
    throw new UsageError("usage: fulcrum snapshot <host> [--json] [-F ssh_config] [--haproxy-socket PATH]");
  const window = intFlag(flags, "--window", 1, 60) ?? WINDOW_SECONDS;
  const haproxySocket = flags.values.get("--haproxy-socket")?.[0];
  const session = await connectHost(host, sshConfigFlag(flags));
  try {
    const { snapshot, capabilities, ended } = await sampleHostOnce(session, host, {
      windowSeconds: window,
      ...(haproxySocket === undefined ? {} : { haproxySocket }),
    });
    if (!snapshot) {
      process.stderr.write(`fulcrum: ${host}: no sample arrived (${ended})\n`);
      return EXIT_FAILED;
    }
    if (flags.booleans.has("--json")) {
      process.stdout.write(
        `${toJson({ host, capabilities: Object.fromEntries(capabilities), ...snapshot })}\n`,
      );
    } else {
      process.stdout.write(snapshotTable(host, snapshot));
      const advice = privilegeAdvice(capabilities);
      if (advice.length > 0) process.stdout.write(`\n${advice.join("\n")}\n`);
    }
    return EXIT_OK;
  } finally {
    session.close();
  }
}
