/**
 * The demo cluster as a sampling stream: every interval the simulated host's clock advances to now
 * and it prints its next frame, exactly as the remote loop would. Everything downstream (frame
 * reader, parsers, rates) is the production path.
 */
import { advanceDemoCluster, demoHostCaps, demoHostFrame, type DemoCluster, type DemoHost } from "../sim/demo-cluster.ts";
import type { ChunkStream, OpenChunkStream } from "./chunk-stream.ts";

export function openDemoStream(
  cluster: DemoCluster,
  host: DemoHost,
  intervalSeconds: number,
  now: () => number = Date.now,
): OpenChunkStream {
  return async (): Promise<ChunkStream> => {
    const listeners: ((chunk: string) => void)[] = [];
    let finish: () => void = () => {};
    const exited = new Promise<void>((resolve) => (finish = resolve));
    const emit = (text: string): void => listeners.forEach((listener) => listener(text));
    const tick = (): void => {
      advanceDemoCluster(cluster, now());
      emit(demoHostFrame(host));
    };
    const timer = setInterval(tick, intervalSeconds * 1000);
    // The first frame comes at once (after the capabilities), as the real loop's does.
    setImmediate(() => {
      emit(demoHostCaps(host));
      tick();
    });
    return {
      onData: (listener) => void listeners.push(listener),
      exited,
      close: () => {
        clearInterval(timer);
        finish();
      },
    };
  };
}
