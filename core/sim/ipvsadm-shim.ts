/**
 * `ipvsadm` for a host without IPVS: runs the command line against a simulated director kept in
 * the JSON file named by FULCRUM_SIM_STATE, advancing its clock to the wall clock first so counters
 * move between calls. Started by test/sim-bin/ipvsadm. Environment:
 *   FULCRUM_SIM_STATE   the state file (created, empty, when absent)
 *   FULCRUM_SIM_NOW_MS  the clock, for tests (default: Date.now())
 *   FULCRUM_SIM_SEED    PRNG seed of a new state (default 1)
 *   FULCRUM_SIM_ARGV0   the program name ipvsadm prints in its help hint (default "ipvsadm")
 *   FULCRUM_SIM_PRESET  what a new state holds: "empty" (default) or "scale-N" (sim-presets.ts)
 *   FULCRUM_SIM_CPS     new connections per second given to each service added with -A/-R
 *                       (default 20), so counters move between calls
 */
import { readFileSync } from "node:fs";
import { advanceTo } from "./ipvs-traffic.ts";
import { runIpvsadm, type IpvsadmResult } from "./ipvsadm-run.ts";
import { presetState, webLoad } from "./sim-presets.ts";
import { withStateFile } from "./sim-state-file.ts";

function main(): IpvsadmResult {
  const statePath = process.env.FULCRUM_SIM_STATE;
  if (!statePath) {
    // What ipvsadm says on a kernel without IPVS, which is what a missing simulator amounts to.
    return {
      stdout: "",
      stderr:
        "Can't initialize ipvs: Protocol not available\nAre you sure that IP Virtual Server is built in the kernel or as module?\n",
      exitCode: 2,
    };
  }
  const nowMs = Number(process.env.FULCRUM_SIM_NOW_MS ?? Date.now());
  const seed = Number(process.env.FULCRUM_SIM_SEED ?? 1);
  const program = process.env.FULCRUM_SIM_ARGV0 || "ipvsadm";
  const preset = process.env.FULCRUM_SIM_PRESET ?? "";
  const cps = Number(process.env.FULCRUM_SIM_CPS ?? 20);
  const args = process.argv.slice(2);
  const readsStdin = args.some(
    (a) => a === "-R" || a === "--restore" || (/^-[^-]/.test(a) && a.includes("R")),
  );
  const stdin = readsStdin ? readFileSync(0, "utf8") : "";
  return withStateFile(
    statePath,
    () => {
      const state = presetState(preset, seed, nowMs);
      if (!state) throw new Error(`FULCRUM_SIM_PRESET: unknown preset ${JSON.stringify(preset)}`);
      return state;
    },
    (state) => {
      advanceTo(state, nowMs);
      return runIpvsadm(state, program, args, stdin, webLoad(Number.isFinite(cps) && cps >= 0 ? cps : 20));
    },
  );
}

const result = main();
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
