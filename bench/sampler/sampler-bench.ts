/**
 * The streaming sampler's cost (DESIGN §4, §8), in three tables: host cost per sample against
 * exec-per-poll (cost-table.ts), the app at 20 hosts x 500 backends (scale-table.ts), and the host
 * cost of each way to give a login privilege (privilege-table.ts).
 * Run: npm run bench -- sampler. The machine is shared: its load and cores are printed with the
 * tables so a reader can judge the noise.
 */
import os from "node:os";
import { benchSamplerCost } from "./cost-table.ts";
import { benchPrivilegeCost } from "./privilege-table.ts";
import { benchSamplerScale } from "./scale-table.ts";

function machineLine(when: string): string {
  const load = os.loadavg().map((value) => value.toFixed(2)).join(" ");
  return `${when}: load average ${load} (1/5/15 min), ${os.availableParallelism()} cores`;
}

export async function benchSampler(): Promise<void> {
  console.log(machineLine("before"));
  await benchSamplerCost();
  console.log(machineLine("after table 1"));
  await benchSamplerScale();
  console.log(machineLine("after table 2"));
  await benchPrivilegeCost();
  console.log(machineLine("after table 3"));
}
