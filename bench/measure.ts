/** Median wall time of a function over a fixed number of runs, after warm-up runs. */
export function medianMs(run: () => unknown, runs = 30, warmup = 5): number {
  return median(run, runs, warmup, () => Number(process.hrtime.bigint()) / 1e6);
}

/**
 * Median CPU time (process.cpuUsage: user + system of all threads, so garbage collection helpers
 * count) of a function. On a shared, loaded machine it moves less than wall time: waiting for a
 * core is not counted.
 */
export function medianCpuMs(run: () => unknown, runs = 30, warmup = 5): number {
  return median(run, runs, warmup, () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  });
}

function median(run: () => unknown, runs: number, warmup: number, clockMs: () => number): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = clockMs();
    run();
    times.push(clockMs() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

export function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}
