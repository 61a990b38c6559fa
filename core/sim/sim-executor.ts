/**
 * A HostExecutor for a simulated director: `ipvsadm ...` argv runs against the simulated table, and
 * `sh -c` lines chaining such commands and `echo` with `&&` (the form actions use to read a table in
 * one round trip) are followed word by word. Anything else is answered as a shell would answer a
 * missing command. This lets the demo cluster take real actions through the production planner.
 */
import type { HostExecutor, HostExecutorResult } from "../actions/host-executor.ts";
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
      if (argv[0] === "sh" && argv[1] === "-c" && argv.length === 3) {
        let stdout = "";
        for (const part of (argv[2] ?? "").split("&&")) {
          const result = runWords(state, part.trim().split(/\s+/), "");
          stdout += result.stdout;
          if (result.code !== 0) return { ...result, stdout };
        }
        return { stdout, stderr: "", code: 0 };
      }
      return runWords(state, argv, options?.stdin ?? "");
    },
  };
}
