/**
 * Small helpers for drawing from weighted lists with a seeded generator.
 *
 * @module
 */

import type { Random } from "../random.ts";

/** A list of choices with relative weights (they need not sum to 1). */
export type Weighted<T> = readonly (readonly [T, number])[];

/**
 * Draws one item of `choices` with probability proportional to its weight.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Random } from "../random.ts";
 * import { pick } from "./weighted.ts";
 * const rng = new Random(1);
 * const draws = Array.from({ length: 1000 }, () => pick(rng, [["small", 3], ["large", 1]]));
 * const small = draws.filter((d) => d === "small").length;
 * assert.ok(small > 700 && small < 800); // about three draws in four
 * ```
 */
export function pick<T>(rng: Random, choices: Weighted<T>): T {
  let total = 0;
  for (const [, w] of choices) total += w;
  let u = rng.next() * total;
  for (const [item, w] of choices) {
    u -= w;
    if (u < 0) return item;
  }
  const last = choices[choices.length - 1];
  if (last === undefined) throw new RangeError("Cannot pick from an empty list");
  return last[0];
}

/** Draws one item of `items` uniformly. */
export function pickOne<T>(rng: Random, items: readonly T[]): T {
  const item = items[rng.int(items.length)];
  if (item === undefined) throw new RangeError("Cannot pick from an empty list");
  return item;
}

/** True with probability `p`. */
export function chance(rng: Random, p: number): boolean {
  return rng.next() < p;
}

/**
 * Heavy-tailed positive integer (discrete Pareto): 1 most often, rarely large.
 * `alpha` near 1 gives a heavier tail; the result never exceeds `max`.
 */
export function paretoInt(rng: Random, alpha: number, max: number): number {
  const u = 1 - rng.next();
  return Math.min(max, Math.floor(Math.pow(u, -1 / alpha)));
}

/** Logistic sigmoid. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** A stable 32-bit hash of a string (FNV-1a), for seed-independent lookup tables. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
