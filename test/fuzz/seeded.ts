/**
 * The fuzz tier's own seeded generator (mulberry32): the same seed gives the same inputs on every
 * machine, so a failure names its seed and case and can be replayed. FULCRUM_FUZZ_SEED overrides it.
 */
export const SEED = Number(process.env.FULCRUM_FUZZ_SEED ?? 0x5eed_f00d) >>> 0;

export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Any UTF-16 text: printable, control characters, NUL, lone surrogates. */
  text(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) {
      const roll = this.int(10);
      if (roll < 6) out += String.fromCharCode(32 + this.int(95));
      else if (roll < 7) out += this.pick(["\n", "\r\n", "\t", " ", "\0"]);
      else if (roll < 8) out += this.pick(["{", "}", "==", ":", ",", "-", "[", "]", '"', "#", "!", "@"]);
      else if (roll < 9) out += String(this.int(10));
      else out += String.fromCharCode(this.int(0x10000));
    }
    return out;
  }

  /** Raw bytes decoded as latin1 (binary that is not UTF-8). */
  binary(length: number): string {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = this.int(256);
    return Buffer.from(bytes).toString("latin1");
  }

  /** The capture with a few edits: bytes changed, lines dropped, duplicated or swapped, digits grown. */
  mutate(text: string): string {
    let out = text;
    const edits = 1 + this.int(4);
    for (let e = 0; e < edits; e++) {
      const lines = out.split("\n");
      const at = this.int(Math.max(1, out.length));
      switch (this.int(7)) {
        case 0:
          out = out.slice(0, at) + this.text(1 + this.int(3)) + out.slice(at + 1);
          break;
        case 1:
          lines.splice(this.int(lines.length), 1);
          out = lines.join("\n");
          break;
        case 2: {
          const line = this.int(lines.length);
          lines.splice(line, 0, lines[line] ?? "");
          out = lines.join("\n");
          break;
        }
        case 3:
          out = out.slice(0, at) + "9".repeat(1 + this.int(30)) + out.slice(at);
          break;
        case 4:
          out = out.slice(0, at) + "\0" + out.slice(at);
          break;
        case 5:
          out = out.slice(0, at);
          break;
        default: {
          const a = this.int(lines.length);
          const b = this.int(lines.length);
          [lines[a], lines[b]] = [lines[b] ?? "", lines[a] ?? ""];
          out = lines.join("\n");
        }
      }
    }
    return out;
  }
}
