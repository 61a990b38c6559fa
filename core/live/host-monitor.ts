/**
 * Follows one host: opens its sampling stream, reads frames, turns each into a HostSnapshot and
 * publishes it. When the stream ends (connection lost, loop killed) it is opened again after a
 * delay, until stop(). A host silent for more than 3 intervals gets its last snapshot re-published
 * with `stale: true`, so the UI never shows old numbers as live.
 */
import type { HostSnapshot } from "../api.ts";
import type { CapabilityFrame } from "../sampler/frame.ts";
import { FrameReader } from "../sampler/frame-reader.ts";
import { frameToSample } from "../sampler/frame-to-sample.ts";
import { SectionMemo } from "../sampler/section-memo.ts";
import type { OpenChunkStream } from "./chunk-stream.ts";
import { SnapshotBuilder } from "./snapshot-builder.ts";

export interface HostMonitorOptions {
  hostId: string;
  open: OpenChunkStream;
  intervalSeconds: number;
  onSnapshot: (snapshot: HostSnapshot) => void;
  onCapabilities?: (capabilities: CapabilityFrame) => void;
  /** A stream that could not be opened or ended: the reason, for the host's status line. */
  onStreamEnded?: (error: unknown) => void;
  now?: () => number;
  reopenDelayMs?: number;
}

const STALE_AFTER_INTERVALS = 3;

export class HostMonitor {
  readonly #options: HostMonitorOptions;
  readonly #now: () => number;
  #builder: SnapshotBuilder;
  #latest: HostSnapshot | null = null;
  #stopped = true;
  #close: (() => void) | undefined;
  #staleTimer: ReturnType<typeof setInterval> | undefined;
  #reopenTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: HostMonitorOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#builder = new SnapshotBuilder(options.hostId);
  }

  get latest(): HostSnapshot | null {
    return this.#latest;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#staleTimer = setInterval(() => this.#checkStale(), this.#options.intervalSeconds * 1000);
    void this.#run();
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#staleTimer);
    clearTimeout(this.#reopenTimer);
    this.#close?.();
    this.#close = undefined;
  }

  async #run(): Promise<void> {
    if (this.#stopped) return;
    try {
      const stream = await this.#options.open();
      if (this.#stopped) {
        stream.close();
        return;
      }
      this.#close = () => stream.close();
      // A new loop restarts its sequence and may run on a rebooted host: new rate baselines.
      this.#builder = new SnapshotBuilder(this.#options.hostId);
      const reader = new FrameReader();
      const memo = new SectionMemo();
      stream.onData((chunk) => {
        for (const event of reader.push(chunk)) {
          if (event.type === "frame")
            this.#publish(this.#builder.build(frameToSample(event.frame, memo), this.#now()));
          else if (event.type === "capabilities") this.#options.onCapabilities?.(event.capabilities);
        }
      });
      const result = await stream.exited.then(
        (value) => value,
        (error: unknown) => error,
      );
      this.#options.onStreamEnded?.(result);
    } catch (error) {
      this.#options.onStreamEnded?.(error);
    }
    if (!this.#stopped) {
      this.#reopenTimer = setTimeout(() => void this.#run(), this.#options.reopenDelayMs ?? 2000);
    }
  }

  #publish(snapshot: HostSnapshot): void {
    this.#latest = snapshot;
    this.#options.onSnapshot(snapshot);
  }

  #checkStale(): void {
    const latest = this.#latest;
    if (!latest || latest.stale) return;
    if (this.#now() - latest.at > STALE_AFTER_INTERVALS * this.#options.intervalSeconds * 1000) {
      this.#publish({ ...latest, stale: true });
    }
  }
}
