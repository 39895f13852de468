/**
 * A small seeded pseudo-random generator, so the same seed gives the same
 * shuffles, folds, initial weights and synthetic data on every machine.
 *
 * @module
 */

/** Deterministic random numbers from a 32-bit seed (mulberry32). */
export class Random {
  #state: number;

  /** Starts the sequence from `seed` (any integer; only the low 32 bits count). */
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform number in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * Fills `out` with uniform integers in [0, n): the numbers `int(n)` would give, one call per element,
   * drawn in one loop (a bootstrap draws millions).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Random } from "./random.ts";
   * const one = new Random(9), batch = new Random(9);
   * const out = batch.ints(new Uint32Array(3), 10);
   * assert.deepEqual([...out], [one.int(10), one.int(10), one.int(10)]);
   * assert.equal(batch.next(), one.next()); // and the sequence goes on from the same place
   * ```
   */
  ints(out: Uint32Array, n: number): Uint32Array {
    let state = this.#state;
    for (let i = 0; i < out.length; i++) {
      // nextUint32, inlined
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[i] = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    }
    this.#state = state;
    return out;
  }

  /** Standard normal number (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** A generator for a sub-task, independent of how much this one is used later. */
  fork(salt: number): Random {
    return new Random((this.nextUint32() ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0);
  }
}
