import { describe, expect, it } from "vitest";
import {
  ChunkDecodeError,
  decodeChunk,
  encodeChunk,
  type ChunkPoint,
} from "../../../core/history/chunk-codec.ts";

const U64_MAX = 2n ** 64n - 1n;

describe("the chunk codec", () => {
  it("round-trips counters up to 2^64-1, resets, irregular timestamps and gauges that fall", () => {
    const points: ChunkPoint[] = [
      { at: 1_765_000_000_000, value: U64_MAX - 5n },
      { at: 1_765_000_002_000, value: U64_MAX },
      { at: 1_765_000_004_013, value: 3n },
      { at: 1_765_000_004_014, value: 3n },
      { at: 1_765_000_090_000, value: 0n },
      { at: 1_765_000_092_000, value: U64_MAX },
    ];
    expect(decodeChunk(encodeChunk(points))).toEqual(points);
    expect(decodeChunk(encodeChunk([]))).toEqual([]);
  });

  it("stores a regular 2 s counter in about 2 bytes per point", () => {
    const points: ChunkPoint[] = Array.from({ length: 240 }, (_, i) => ({
      at: 1_765_000_000_000 + i * 2000,
      value: 10_000_000_000n + BigInt(i * 37),
    }));
    const bytes = encodeChunk(points).length;
    expect(decodeChunk(encodeChunk(points))).toEqual(points);
    expect(bytes / points.length).toBeLessThan(2.2);
  });

  it("refuses a cut or padded chunk with its own error", () => {
    const bytes = encodeChunk([
      { at: 1, value: 300n },
      { at: 2, value: 90_000n },
    ]);
    expect(() => decodeChunk(bytes.slice(0, bytes.length - 1))).toThrow(ChunkDecodeError);
    expect(() => decodeChunk(Uint8Array.from([...bytes, 0]))).toThrow(/bytes after its last point/);
  });
});
