/**
 * Blending the ensemble's members: the weighted average both training (out-of-fold rows) and scoring
 * (new leads) apply. Training learns the weights (`src/train/ensemble.ts`).
 *
 * @module
 */

/**
 * Weighted average of the members' probabilities.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { blend } from "./blend.ts";
 * const p = blend([Float32Array.of(0.2, 0.4), Float32Array.of(0.6, 0.8)], [0.5, 0.5]);
 * assert.deepEqual(p, Float32Array.of(0.4, 0.6));
 * ```
 */
export function blend(probs: readonly Float32Array[], weights: readonly number[]): Float32Array {
  const out = new Float32Array(probs[0]?.length ?? 0);
  probs.forEach((p, m) => {
    for (let i = 0; i < out.length; i++) out[i]! += weights[m]! * p[i]!;
  });
  return out;
}
