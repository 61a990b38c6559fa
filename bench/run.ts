/**
 * Benchmarks print tables; they assert nothing about time (timing belongs here, never in unit tests).
 *   npm run bench              all benchmarks
 *   npm run bench -- parse     one of them
 *   npm run bench -- scale     only the sampler's 20 hosts x 500 backends table (sampler runs both)
 *   npm run bench -- pipeline  the app's per-frame work at that scale, stage by stage, without SSH
 *   npm run bench -- privilege the host's cost per sample of root, the root shell and least privilege
 *   npm run bench -- history   the history store: ingest cost, bytes per point, a long run, queries
 *   npm run bench -- fleet     300 directors x 50 backends on a real Prometheus: the fleet overview's refresh
 *   npm run bench -- report    a full traffic report (HTML and CSV) for one host with 500 backends over 7 days
 */
import { benchParse } from "./parse.ts";

const benches: Record<string, () => void | Promise<void>> = {
  parse: benchParse,
  sampler: async () => (await import("./sampler/sampler-bench.ts")).benchSampler(),
  scale: async () => (await import("./sampler/scale-table.ts")).benchSamplerScale(),
  pipeline: async () => (await import("./sampler/pipeline-table.ts")).benchPipeline(),
  privilege: async () => (await import("./sampler/privilege-table.ts")).benchPrivilegeCost(),
  history: async () => (await import("./history/history-bench.ts")).benchHistory(),
  fleet: async () => (await import("./fleet/fleet-bench.ts")).benchFleet(),
  report: async () => (await import("./report/report-bench.ts")).benchReport(),
};

/** `scale` and `privilege` are part of `sampler`; run alone they repeat that table cheaply (CPU figures are noisy on a shared machine). */
const EVERYTHING = ["parse", "pipeline", "sampler", "history", "report", "fleet"];

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : EVERYTHING) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; benchmarks: ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
  await bench();
}
