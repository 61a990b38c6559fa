/**
 * This process's own cost over a window: CPU from process.cpuUsage (user + system, all threads) per
 * wall second, as a percentage of one core; memory peaks (rss, heapUsed) from process.memoryUsage,
 * sampled every 250 ms from the meter's start (warm-up included) to its stop.
 */
export interface AppCost {
  wallSeconds: number;
  cpuPercentOfCore: number;
  peakRssBytes: number;
  peakHeapUsedBytes: number;
}

export interface AppMeter {
  /** Starts the CPU window (memory peaks are tracked from the meter's creation). */
  startWindow(): void;
  stop(): AppCost;
}

const MEMORY_EVERY_MS = 250;

export function startAppMeter(): AppMeter {
  let peakRss = 0;
  let peakHeap = 0;
  const sampleMemory = (): void => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  sampleMemory();
  const timer = setInterval(sampleMemory, MEMORY_EVERY_MS);
  let cpuStart = process.cpuUsage();
  let wallStart = performance.now();
  return {
    startWindow() {
      cpuStart = process.cpuUsage();
      wallStart = performance.now();
    },
    stop() {
      const cpu = process.cpuUsage(cpuStart);
      const wallSeconds = (performance.now() - wallStart) / 1000;
      clearInterval(timer);
      sampleMemory();
      return {
        wallSeconds,
        cpuPercentOfCore: ((cpu.user + cpu.system) / 1e6 / wallSeconds) * 100,
        peakRssBytes: peakRss,
        peakHeapUsedBytes: peakHeap,
      };
    },
  };
}
