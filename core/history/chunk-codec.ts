/**
 * One series' points in a time block as one compact blob, as Prometheus's TSDB and Gorilla store
 * them: the first timestamp and value whole, then per point the delta-of-delta of the timestamp
 * and the delta of the value, each zigzag-encoded (small negatives stay small) and written as a
 * LEB128 varint. Samples every 2 s give a delta-of-delta of 0 (one byte); a counter rising a
 * little, or a gauge that holds, one or two bytes. Values are integers (u64 counters exact as
 * bigint; gauges rounded by the caller). Pure.
 */

export type ChunkPoint = { at: number; value: bigint };

function zigzag(value: bigint): bigint {
  return value >= 0n ? value << 1n : (-value << 1n) - 1n;
}

function unzigzag(value: bigint): bigint {
  return value & 1n ? -((value + 1n) >> 1n) : value >> 1n;
}

function writeVarint(out: number[], value: bigint): void {
  let rest = value;
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
}

/** Small values (nearly all of them) without bigint arithmetic. */
function writeSmall(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
}

function writeSigned(out: number[], value: bigint): void {
  const z = zigzag(value);
  if (z <= 0x1fffffffffffffn) writeSmall(out, Number(z));
  else writeVarint(out, z);
}

export class ChunkDecodeError extends Error {
  override name = "ChunkDecodeError";
}

class Reader {
  offset = 0;
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.offset >= this.bytes.length)
        throw new ChunkDecodeError("a history chunk ends inside a number");
      const byte = this.bytes[this.offset++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 140n) throw new ChunkDecodeError("a history chunk holds a number over 140 bits");
    }
  }
  signed(): bigint {
    return unzigzag(this.varint());
  }
}

export function encodeChunk(points: readonly ChunkPoint[]): Uint8Array {
  const out: number[] = [];
  writeSmall(out, points.length);
  let previousAt = 0;
  let previousDelta = 0;
  let previousValue = 0n;
  points.forEach((point, i) => {
    if (i === 0) {
      writeSigned(out, BigInt(point.at));
      writeSigned(out, point.value);
    } else {
      const delta = point.at - previousAt;
      writeSigned(out, BigInt(delta - previousDelta));
      writeSigned(out, point.value - previousValue);
      previousDelta = delta;
    }
    previousAt = point.at;
    previousValue = point.value;
  });
  return Uint8Array.from(out);
}

export function decodeChunk(bytes: Uint8Array): ChunkPoint[] {
  const reader = new Reader(bytes);
  const count = Number(reader.varint());
  const points: ChunkPoint[] = [];
  let at = 0;
  let delta = 0;
  let value = 0n;
  for (let i = 0; i < count; i++) {
    if (i === 0) {
      at = Number(reader.signed());
      value = reader.signed();
    } else {
      delta += Number(reader.signed());
      at += delta;
      value += reader.signed();
    }
    points.push({ at, value });
  }
  if (reader.offset !== bytes.length)
    throw new ChunkDecodeError("a history chunk has bytes after its last point");
  return points;
}
