/**
 * A small seeded PRNG (mulberry32) whose whole state is one 32-bit number, so a simulated director
 * can be saved to JSON and resumed with the very same sequence. Not for anything secret.
 */
export interface PrngState {
  seed: number;
}

export function createPrng(seed: number): PrngState {
  return { seed: seed >>> 0 };
}

/** A float in [0, 1); advances the state. */
export function nextFloat(prng: PrngState): number {
  prng.seed = (prng.seed + 0x6d2b79f5) >>> 0;
  let t = prng.seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** An integer in [0, bound). */
export function nextInt(prng: PrngState, bound: number): number {
  return Math.floor(nextFloat(prng) * bound);
}
