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

/**
 * One AdamW step with decoupled weight decay, in place; `grad` is zeroed after use
 * (the sparse embedding gradient relies on that).
 */
export function adamw(
  params: Float32Array,
  grad: Float32Array,
  m: Float32Array,
  v: Float32Array,
  s: AdamStep,
): void {
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
