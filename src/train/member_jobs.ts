/**
 * How each member's fit job of a fold is set up: its batch size on small tables, its seed, the order
 * jobs are queued in, and which buffers move to the worker.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import type { MlpOptions } from "../models/mlp.ts";

/**
 * Smaller batches for small tables, so every epoch still takes at least 32 optimizer steps (a 1,024-row
 * batch leaves an MLP untrained on the 5,000-row sample).
 */
export function sizedFor(options: MlpOptions, rows: number): MlpOptions {
  return { ...options, batchSize: Math.max(32, Math.min(options.batchSize, Math.floor(rows / 32))) };
}

/** Each member and fold gets its own seed, so members that differ only in seed differ in weights. */
export function memberSeed(seed: number, member: number, fold: number): number {
  return (seed + 1009 * member + 31 * fold) >>> 0;
}

/** The distinct buffers behind a job's design and scored rows. */
export function featureBuffers(input: { design: Design; score: Design }): ArrayBuffer[] {
  const arrays = [input.design.num, input.design.cat, input.score.num, input.score.cat];
  return [...new Set(arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer))];
}

/** Rough relative cost of a fit: epochs times the work per row (1 + hidden widths). */
export function fitCost(o: MlpOptions): number {
  return o.epochs * (1 + o.hidden.reduce((a, b) => a + b, 0));
}
