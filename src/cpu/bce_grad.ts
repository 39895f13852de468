/**
 * CPU reference of the weighted binary cross-entropy on logits (twin of
 * shaders/bce_grad.wgsl and of shaders/bce_common.wgsl's `bce_row`). n = rows of the batch.
 *
 * @module
 */

import type { Mat } from "./mat.ts";

/**
 * `w · BCE(sigmoid(z), y)`, computed stably; `w = posWeight` for positives, 1 otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bceLoss } from "./bce_grad.ts";
 * assert.equal(bceLoss(0, 1, 1), Math.log(2));
 * assert.equal(bceLoss(0, 1, 3), 3 * Math.log(2));
 * // a confident wrong logit costs about its size, without overflow
 * assert.equal(bceLoss(50, 0, 3), 50);
 * ```
 */
export function bceLoss(z: number, y: number, posWeight: number): number {
  const w = y ? posWeight : 1;
  return w * (Math.max(z, 0) - y * z + Math.log(1 + Math.exp(-Math.abs(z))));
}

/** Sigmoid. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Arguments of {@link bceGrad}. */
export interface BceGradArgs {
  /** Logits in column 0 of `logits[n, ·]`. */
  readonly logits: Mat;
  /** `labels[r]`: the label of batch row r. */
  readonly labels: ArrayLike<number>;
  readonly posWeight: number;
  /** 1 / Σ w over the batch. */
  readonly invWeightSum: number;
  readonly grad: Mat;
  readonly rowLoss: Float32Array;
  /** Where row 0's loss goes in `rowLoss`. */
  readonly rowLossOff: number;
  readonly n: number;
}

/**
 * Gradient of the batch loss `Σ w·BCE / Σ w` with respect to the logits in
 * column 0 of `logits[n, ·]`: `grad[r, 0] = w·(σ(z) − y) · invWeightSum`; the other
 * columns of `grad` (up to `grad.ld`) are zeroed. `rowLoss[rowLossOff + r] = w·BCE` (unscaled).
 */
export function bceGrad(args: BceGradArgs): void {
  const { logits, labels, posWeight, invWeightSum, grad, rowLoss, rowLossOff, n } = args;
  for (let r = 0; r < n; r++) {
    const z = logits.data[logits.off + r * logits.ld]!;
    const y = labels[r]! ? 1 : 0;
    const w = y ? posWeight : 1;
    const gr = grad.off + r * grad.ld;
    grad.data.fill(0, gr, gr + grad.ld);
    grad.data[gr] = w * (sigmoid(z) - y) * invWeightSum;
    rowLoss[rowLossOff + r] = bceLoss(z, y, posWeight);
  }
}
