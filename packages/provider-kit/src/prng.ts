/**
 * @module Deterministic pseudo-random numbers for sample data: the same seed always gives the same demo
 * facilities and the same health history for one pairwise ID (mulberry32 over a SHA-256-derived seed).
 */
import { createHash } from "node:crypto";

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** Normal-ish value (sum of uniforms) around `mean` with spread `sd`. */
  normal(mean: number, sd: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/**
 * @example const rng = seededPrng("facility-demo-v1"); rng.int(1, 6);
 */
export function seededPrng(seed: string): Prng {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal: (mean, sd) => mean + sd * (next() + next() + next() + next() + next() + next() - 3) * Math.SQRT2,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}
