/**
 * CPU reference of the activation epilogues of shaders/matmul.wgsl (forward:
 * bias already added, then activation and dropout; backward: chain rule through
 * both). n = rows, m = units.
 *
 * @module
 */

import type { Mat } from "./mat.ts";
import { dropoutKeep } from "./dropout.ts";

/** The activations of hidden layers, declared once (the matmul epilogue adds "none"). */
export const ACTIVATIONS = ["relu", "gelu"] as const;

/** Activation of the hidden layers. */
export type Activation = typeof ACTIVATIONS[number];

/** Dropout of one layer in one step; `p = 0` is off. */
export interface DropoutMask {
  readonly p: number;
  readonly seed: number;
}

const GELU_C = Math.sqrt(2 / Math.PI);

/** The activation at `z`. GELU is the tanh approximation. */
export function activate(kind: Activation, z: number): number {
  if (kind === "relu") return z > 0 ? z : 0;
  const u = Math.max(-15, Math.min(15, GELU_C * (z + 0.044715 * z * z * z)));
  return 0.5 * z * (1 + Math.tanh(u));
}

/** The derivative of the activation at `z`. */
export function activateGrad(kind: Activation, z: number): number {
  if (kind === "relu") return z > 0 ? 1 : 0;
  const u = Math.max(-15, Math.min(15, GELU_C * (z + 0.044715 * z * z * z)));
  const t = Math.tanh(u);
  return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * z * z);
}

/** Arguments of {@link activationForward}: pre-activations `z[n, m]` into `a[n, m]`. */
export interface ActivationForwardArgs {
  readonly kind: Activation;
  readonly z: Mat;
  readonly a: Mat;
  readonly n: number;
  readonly m: number;
  readonly drop: DropoutMask;
}

/**
 * `a[n, m] = act(z[n, m]) · keep / (1 - p)`; the dropout index uses `a.ld` as the width.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { activationForward } from "./activation.ts";
 * import { mat } from "./mat.ts";
 * const a = new Float32Array(2);
 * activationForward({
 *   kind: "relu",
 *   z: mat(new Float32Array([-1, 2]), 0, 2),
 *   a: mat(a, 0, 2),
 *   n: 1,
 *   m: 2,
 *   drop: { p: 0, seed: 0 },
 * });
 * assert.deepEqual(Array.from(a), [0, 2]);
 * ```
 */
export function activationForward(args: ActivationForwardArgs): void {
  const { kind, z, a, n, m, drop } = args;
  const scale = 1 / (1 - drop.p);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < m; c++) {
      let v = activate(kind, z.data[z.off + r * z.ld + c]!);
      if (drop.p > 0) v = dropoutKeep(drop.seed, r * a.ld + c, drop.p) ? v * scale : 0;
      a.data[a.off + r * a.ld + c] = v;
    }
  }
}

/** Arguments of {@link activationBackward}: the forward pass's `kind`, `z`, shapes and mask. */
export interface ActivationBackwardArgs {
  readonly kind: Activation;
  readonly z: Mat;
  /** dL/da on entry, dL/dz on exit. */
  readonly g: Mat;
  readonly n: number;
  readonly m: number;
  readonly drop: DropoutMask;
}

/** In place: `g[n, m] ← g · act'(z) · keep / (1 - p)` (g holds dL/da on entry, dL/dz on exit). */
export function activationBackward(args: ActivationBackwardArgs): void {
  const { kind, z, g, n, m, drop } = args;
  const scale = 1 / (1 - drop.p);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < m; c++) {
      const gi = g.off + r * g.ld + c;
      let d = g.data[gi]! * activateGrad(kind, z.data[z.off + r * z.ld + c]!);
      if (drop.p > 0) d = dropoutKeep(drop.seed, r * g.ld + c, drop.p) ? d * scale : 0;
      g.data[gi] = d;
    }
  }
}
