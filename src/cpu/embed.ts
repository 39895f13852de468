/**
 * CPU reference of the input gather (numeric features + embedding lookups) and
 * the embedding gradient scatter (twins of shaders/embed_gather.wgsl and
 * shaders/embed_scatter.wgsl). n = batch rows, k = numeric columns,
 * c = categorical columns, e = embedding width.
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

/**
 * `x[r, 0..k) = num[rows[r], ·]`, `x[r, k + j·e + t] = params[tableBase[j] + cat[rows[r], j]·e + t]`,
 * remaining columns up to `x.ld` are 0.
 */
export function embedGather(
  num: Float32Array,
  cat: Uint32Array,
  rows: ArrayLike<number>,
  n: number,
  shape: InputShape,
  params: Float32Array,
  x: Mat,
): void {
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

/**
 * Rows grouped by (column, category). Segment s is `seg[4s .. 4s + 4)` =
 * (column j, category v, begin, end) and covers `rowList[begin .. end)`
 * (batch-local row indices, ascending). The same layout is uploaded to the GPU.
 */
export interface Segments {
  readonly seg: Uint32Array;
  readonly rowList: Uint32Array;
}

/** Segments `[first, first + count)` of `all` (their row lists stay in the shared `rowList`). */
export function segmentSlice(all: Segments, first: number, count: number): Segments {
  return { seg: all.seg.subarray(4 * first, 4 * (first + count)), rowList: all.rowList };
}

/**
 * `grad[tableBase[j] + v·e + t] = Σ_{rows r of the segment, in order} dx[r, k + j·e + t]`
 * for every segment (other entries untouched).
 */
export function embedScatter(segs: Segments, dx: Mat, shape: InputShape, grad: Float32Array): void {
  const { k, e, tableBase } = shape;
  const { seg, rowList } = segs;
  for (let s = 0; s < seg.length; s += 4) {
    const j = seg[s]!;
    const col = dx.off + k + j * e;
    const base = tableBase[j]! + seg[s + 1]! * e;
    for (let t = 0; t < e; t++) {
      let acc = 0;
      for (let i = seg[s + 2]!; i < seg[s + 3]!; i++) acc += dx.data[col + rowList[i]! * dx.ld + t]!;
      grad[base + t] = acc;
    }
  }
}
