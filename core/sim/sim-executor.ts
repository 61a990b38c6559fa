/**
 * A HostExecutor for a simulated director: `ipvsadm ...` argv runs against the simulated table, and
 * the table read actions send (read-ipvs-table.sh: two listings around a separator line) is answered
 * by running those two listings. Anything else is answered as a shell would answer a missing
 * command. This lets the demo cluster take real actions through the production planner.
 */
import type { HostExecutor, HostExecutorResult } from "../actions/host-executor.ts";
import { READ_TABLE_ARGV, TABLE_READ_SEPARATOR } from "../actions/read-ipvs-state.ts";
import { runIpvsadm } from "./ipvsadm-run.ts";
import type { IpvsSimState } from "./sim-types.ts";

function runWords(state: IpvsSimState, words: readonly string[], stdin: string): HostExecutorResult {
  const [program, ...args] = words;
  if (program === "ipvsadm") {
    const result = runIpvsadm(state, "ipvsadm", args, stdin);
    return { stdout: result.stdout, stderr: result.stderr, code: result.exitCode };
  }
  if (program === "echo") return { stdout: `${args.join(" ")}\n`, stderr: "", code: 0 };
  return { stdout: "", stderr: `sh: ${program ?? ""}: not available on a simulated host\n`, code: 127 };
}

export function createSimExecutor(
  state: IpvsSimState,
  beforeEachCommand: () => void = () => {},
): HostExecutor {
  return {
    run: async (argv, options) => {
      beforeEachCommand();
      if (argv.length === READ_TABLE_ARGV.length && argv.every((word, index) => word === READ_TABLE_ARGV[index])) {
        const listed = runWords(state, ["ipvsadm", "-Ln", "--exact"], "");
        if (listed.code !== 0) return listed;
        const limits = runWords(state, ["ipvsadm", "-Ln", "--thresholds", "--exact"], "");
        return { ...limits, stdout: `${listed.stdout}${TABLE_READ_SEPARATOR}\n${limits.stdout}` };
      }
      return runWords(state, argv, options?.stdin ?? "");
    },
  };
}
