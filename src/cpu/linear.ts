/**
 * CPU reference of a fully connected layer (twins of shaders/matmul.wgsl and
 * shaders/bias_grad.wgsl). Plain loops; shapes in the comments:
 * n = rows, k = inputs, m = outputs.
 *
 * @module
 */

import type { Mat } from "./mat.ts";

/**
 * Forward pass: `y[n, m] = x[n, k] · w[k, m] + b[m]`.
 *
 * @example
 * ```ts
 * import { linearForward } from "./linear.ts";
 * const y = new Float32Array(1);
 * linearForward({ data: new Float32Array([1, 2]), off: 0, ld: 2 }, { data: new Float32Array([3, 4]), off: 0, ld: 1 },
 *   new Float32Array([0.5]), 0, { data: y, off: 0, ld: 1 }, 1, 2, 1);
 * // y[0] === 11.5
 * ```
 */
export function linearForward(
  x: Mat,
  w: Mat,
  b: Float32Array,
  bOff: number,
  y: Mat,
  n: number,
  k: number,
  m: number,
): void {
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

/**
 * Backward pass of `linearForward` given `dy[n, m]`:
 * `dw[k, m] = xᵀ · dy`, `db[m] = Σ_rows dy` (both overwritten) and, when `dx` is
 * given, `dx[n, dxFrom..k) = dy · wᵀ` (columns before `dxFrom` are not needed).
 */
export function linearBackward(
  x: Mat,
  w: Mat,
  dy: Mat,
  dw: Mat,
  db: Float32Array,
  dbOff: number,
  dx: Mat | null,
  n: number,
  k: number,
  m: number,
  dxFrom = 0,
): void {
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
