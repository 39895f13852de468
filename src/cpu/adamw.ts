/**
 * CPU reference of the AdamW step over the whole parameter buffer (twin of
 * shaders/adamw.wgsl). count = parameters.
 *
 * @module
 */

/** Hyper-parameters of one AdamW step; `bc1 = 1 − β1^t`, `bc2 = 1 − β2^t`. */
export interface AdamStep {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly bc1: number;
  readonly bc2: number;
  /** Parameters `[0, decayEnd)` are decayed; the rest (biases) are not. */
  readonly decayEnd: number;
}

/** Arguments of {@link adamw}: the buffers (named as adamwOp's) and the step. */
export interface AdamwArgs {
  readonly params: Float32Array;
  readonly grad: Float32Array;
  /** First moments. */
  readonly m: Float32Array;
  /** Second moments. */
  readonly v: Float32Array;
  readonly step: AdamStep;
}

/**
 * One AdamW step with decoupled weight decay, in place; `grad` is zeroed after use
 * (the sparse embedding gradient relies on that).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adamw } from "./adamw.ts";
 * const params = new Float32Array([1]);
 * const grad = new Float32Array([0.5]);
 * const step = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 0, weightDecay: 0, bc1: 0.1, bc2: 0.001, decayEnd: 0 };
 * adamw({ params, grad, m: new Float32Array(1), v: new Float32Array(1), step });
 * // the first step moves each parameter by lr against the sign of its gradient
 * assert.ok(Math.abs(params[0]! - 0.9) < 1e-6);
 * assert.equal(grad[0], 0);
 * ```
 */
export function adamw(args: AdamwArgs): void {
  const { params, grad, m, v, step: s } = args;
  const n = params.length;
  for (let i = 0; i < n; i++) {
    const g = grad[i]!;
    const mi = s.beta1 * m[i]! + (1 - s.beta1) * g;
    const vi = s.beta2 * v[i]! + (1 - s.beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    const decay = i < s.decayEnd ? s.weightDecay : 0;
    const p = params[i]!;
    params[i] = p - s.lr * ((mi / s.bc1) / (Math.sqrt(vi / s.bc2) + s.eps) + decay * p);
    grad[i] = 0;
  }
}
