/**
 * Where a host's sampling output comes from: an SSH channel running the remote loop, or the demo
 * cluster producing the same frame text in-process. The monitor reads either the same way.
 */
export interface ChunkStream {
  onData(listener: (chunk: Uint8Array | string) => void): void;
  /** Settles when the stream ends, for whatever reason. */
  exited: Promise<unknown>;
  close(): void;
}

export type OpenChunkStream = () => Promise<ChunkStream>;
