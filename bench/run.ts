/**
 * Benchmarks print tables; they assert nothing about time (timing belongs here, never in unit tests).
 *   npm run bench              all benchmarks
 *   npm run bench -- parse     one of them
 */
import { benchParse } from "./parse.ts";

const benches: Record<string, () => void | Promise<void>> = {
  parse: benchParse,
  sampler: async () => (await import("./sampler/sampler-bench.ts")).benchSampler(),
};

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; benchmarks: ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
  await bench();
}
