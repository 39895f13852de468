/**
 * CPU reference of a fully connected layer: twins of the matmul kernels
 * (shaders/matmul.wgsl, shaders/matmul_tiled.wgsl) in mode nn with the `bias_act`
 * epilogue (forward), and in modes nt and tn with the `bias_grad` epilogue (backward).
 * Plain loops; shapes in the comments: n = rows, k = inputs, m = outputs.
 *
 * @module
 */

import type { Mat } from "./mat.ts";

/**
 * Arguments of {@link linearForward}: `y[n, m] = x[n, k] · w[k, m] + b[bOff .. bOff + m)`.
 */
export interface LinearForwardArgs {
  readonly x: Mat;
  readonly w: Mat;
  readonly b: Float32Array;
  readonly bOff: number;
  readonly y: Mat;
  readonly n: number;
  readonly k: number;
  readonly m: number;
}

/**
 * Forward pass: `y[n, m] = x[n, k] · w[k, m] + b[m]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linearForward } from "./linear.ts";
 * import { mat } from "./mat.ts";
 * const y = new Float32Array(1);
 * linearForward({
 *   x: mat(new Float32Array([1, 2]), 0, 2),
 *   w: mat(new Float32Array([3, 4]), 0, 1),
 *   b: new Float32Array([0.5]),
 *   bOff: 0,
 *   y: mat(y, 0, 1),
 *   n: 1,
 *   k: 2,
 *   m: 1,
 * });
 * assert.equal(y[0], 1 * 3 + 2 * 4 + 0.5);
 * ```
 */
export function linearForward(args: LinearForwardArgs): void {
  const { x, w, b, bOff, y, n, k, m } = args;
  const acc = new Float64Array(m);
  for (let r = 0; r < n; r++) {
    for (let o = 0; o < m; o++) acc[o] = b[bOff + o]!;
    const xr = x.off + r * x.ld;
    for (let i = 0; i < k; i++) {
      const xv = x.data[xr + i]!;
      if (xv === 0) continue;
      const wr = w.off + i * w.ld;
      for (let o = 0; o < m; o++) acc[o]! += xv * w.data[wr + o]!;
    }
    const yr = y.off + r * y.ld;
    for (let o = 0; o < m; o++) y.data[yr + o] = acc[o]!;
  }
}

/** Arguments of {@link linearBackward}: the forward pass's `x`, `w` and shapes, and `dy[n, m]`. */
export interface LinearBackwardArgs {
  readonly x: Mat;
  readonly w: Mat;
  readonly dy: Mat;
  readonly dw: Mat;
  readonly db: Float32Array;
  readonly dbOff: number;
  /** Where dL/dx goes, or null when it is not needed (the first layer without embeddings). */
  readonly dx: Mat | null;
  readonly n: number;
  readonly k: number;
  readonly m: number;
  /** First column of dx computed (default 0): columns of numeric inputs need no gradient. */
  readonly dxFrom?: number;
}

/**
 * Backward pass of `linearForward` given `dy[n, m]`:
 * `dw[k, m] = xᵀ · dy`, `db[m] = Σ_rows dy` (both overwritten) and, when `dx` is
 * given, `dx[n, dxFrom..k) = dy · wᵀ` (columns before `dxFrom` are not needed).
 */
export function linearBackward(args: LinearBackwardArgs): void {
  const { x, w, dy, dw, db, dbOff, dx, n, k, m } = args;
  const dxFrom = args.dxFrom ?? 0;
  // dw[k, m] and db[m]: sums over rows in row order
  const acc = new Float64Array(k * m);
  const bacc = new Float64Array(m);
  for (let r = 0; r < n; r++) {
    const xr = x.off + r * x.ld;
    const dr = dy.off + r * dy.ld;
    for (let o = 0; o < m; o++) bacc[o]! += dy.data[dr + o]!;
    for (let i = 0; i < k; i++) {
      const xv = x.data[xr + i]!;
      if (xv === 0) continue;
      const base = i * m;
      for (let o = 0; o < m; o++) acc[base + o]! += xv * dy.data[dr + o]!;
    }
  }
  for (let i = 0; i < k; i++) {
    for (let o = 0; o < m; o++) dw.data[dw.off + i * dw.ld + o] = acc[i * m + o]!;
  }
  for (let o = 0; o < m; o++) db[dbOff + o] = bacc[o]!;
  if (dx === null) return;
  // dx[n, k] = dy[n, m] · w[k, m]ᵀ
  for (let r = 0; r < n; r++) {
    const dr = dy.off + r * dy.ld;
    const xr = dx.off + r * dx.ld;
    for (let i = dxFrom; i < k; i++) {
      const wr = w.off + i * w.ld;
      let s = 0;
      for (let o = 0; o < m; o++) s += dy.data[dr + o]! * w.data[wr + o]!;
      dx.data[xr + i] = s;
    }
  }
}
