/**
 * CPU reference of the epoch loss (twin of shaders/loss_sum.wgsl): the row losses
 * summed in row order, times a scale. The CPU sums in f64 and the GPU in f32, so the
 * two agree to f32 rounding, not bit for bit (the loss only reports progress and
 * picks the best epoch on each device; it never feeds back into the parameters).
 *
 * @module
 */

/**
 * `scale · Σ rowLoss[0 .. count)`, in order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lossSum } from "./loss_sum.ts";
 * assert.equal(lossSum({ rowLoss: new Float32Array([1, 2, 3, 4]), count: 3, scale: 0.5 }), 3);
 * ```
 */
export function lossSum(args: { rowLoss: Float32Array; count: number; scale: number }): number {
  let sum = 0;
  for (let i = 0; i < args.count; i++) sum += args.rowLoss[i]!;
  return sum * args.scale;
}
