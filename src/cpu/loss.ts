/**
 * CPU reference of the weighted binary cross-entropy on logits (twin of
 * shaders/bce_grad.wgsl). n = rows of the batch.
 *
 * @module
 */

import type { Mat } from "./mat.ts";

/** `w · BCE(sigmoid(z), y)`, computed stably; `w = posWeight` for positives, 1 otherwise. */
export function bceLoss(z: number, y: number, posWeight: number): number {
  const w = y ? posWeight : 1;
  return w * (Math.max(z, 0) - y * z + Math.log(1 + Math.exp(-Math.abs(z))));
}

/** Sigmoid. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Gradient of the batch loss `Σ w·BCE / Σ w` with respect to the logits in
 * column 0 of `logits[n, ·]`: `grad[r, 0] = w·(σ(z) − y) · invWeightSum`; the other
 * columns of `grad` (up to `grad.ld`) are zeroed. `rowLoss[r] = w·BCE` (unscaled).
 * `labels[r]` is the label of batch row r.
 */
export function bceGrad(
  logits: Mat,
  labels: ArrayLike<number>,
  posWeight: number,
  invWeightSum: number,
  grad: Mat,
  rowLoss: Float32Array,
  rowLossOff: number,
  n: number,
): void {
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
