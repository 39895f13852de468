/**
 * CPU reference of the input gather: numeric features then embedding lookups
 * (twin of shaders/embed_gather.wgsl and of shaders/embed_common.wgsl's `embedded`).
 * n = batch rows, k = numeric columns, c = categorical columns, e = embedding width.
 *
 * @module
 */

import type { Mat } from "./mat.ts";

/** Shapes of the input layer. */
export interface InputShape {
  /** Numeric columns. */
  readonly k: number;
  /** Categorical columns. */
  readonly c: number;
  /** Embedding width per categorical column. */
  readonly e: number;
  /** `tableBase[j]`: index in the parameter buffer of row 0 of column j's embedding table. */
  readonly tableBase: readonly number[];
}

/** Arguments of {@link embedGather}. */
export interface EmbedGatherArgs {
  /** `num[row, k]`: numeric features of every design row. */
  readonly num: Float32Array;
  /** `cat[row, c]`: category codes of every design row. */
  readonly cat: Uint32Array;
  /** `rows[r]`: the design row of batch row r. */
  readonly rows: ArrayLike<number>;
  readonly n: number;
  readonly shape: InputShape;
  readonly params: Float32Array;
  readonly x: Mat;
}

/**
 * `x[r, 0..k) = num[rows[r], ·]`, `x[r, k + j·e + t] = params[tableBase[j] + cat[rows[r], j]·e + t]`,
 * remaining columns up to `x.ld` are 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { embedGather } from "./embed_gather.ts";
 * import { mat } from "./mat.ts";
 * // one numeric column, one categorical column of 2 categories, embedding width 2 (table at 0)
 * const x = new Float32Array(4);
 * embedGather({
 *   num: new Float32Array([7]),
 *   cat: new Uint32Array([1]),
 *   rows: [0],
 *   n: 1,
 *   shape: { k: 1, c: 1, e: 2, tableBase: [0] },
 *   params: new Float32Array([0.1, 0.2, 0.3, 0.4]),
 *   x: mat(x, 0, 4),
 * });
 * assert.deepEqual(Array.from(x), [7, Math.fround(0.3), Math.fround(0.4), 0]);
 * ```
 */
export function embedGather(args: EmbedGatherArgs): void {
  const { num, cat, rows, n, shape, params, x } = args;
  const { k, c, e, tableBase } = shape;
  for (let r = 0; r < n; r++) {
    const src = rows[r]!;
    const xr = x.off + r * x.ld;
    x.data.fill(0, xr, xr + x.ld);
    for (let i = 0; i < k; i++) x.data[xr + i] = num[src * k + i]!;
    for (let j = 0; j < c; j++) {
      const base = tableBase[j]! + cat[src * c + j]! * e;
      for (let t = 0; t < e; t++) x.data[xr + k + j * e + t] = params[base + t]!;
    }
  }
}
