/**
 * CPU reference of the embedding gradient scatter (twin of shaders/embed_scatter.wgsl
 * and of shaders/embed_common.wgsl's segment layout): one sum per (column, category)
 * segment of a batch, in row order, no atomics.
 *
 * @module
 */

import type { Mat } from "./mat.ts";
import type { InputShape } from "./embed_gather.ts";

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

/** Arguments of {@link embedScatter}. */
export interface EmbedScatterArgs {
  readonly segs: Segments;
  /** dL/dx of the batch, laid out as embedGather's x. */
  readonly dx: Mat;
  readonly shape: InputShape;
  readonly grad: Float32Array;
}

/**
 * `grad[tableBase[j] + v·e + t] = Σ_{rows r of the segment, in order} dx[r, k + j·e + t]`
 * for every segment (other entries untouched).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { embedScatter } from "./embed_scatter.ts";
 * import { mat } from "./mat.ts";
 * // batch rows 0 and 2 have category 1 of column 0 (k = 0, e = 1, table at 0)
 * const grad = new Float32Array(2);
 * embedScatter({
 *   segs: { seg: new Uint32Array([0, 1, 0, 2]), rowList: new Uint32Array([0, 2]) },
 *   dx: mat(new Float32Array([1, 10, 100]), 0, 1),
 *   shape: { k: 0, c: 1, e: 1, tableBase: [0] },
 *   grad,
 * });
 * assert.deepEqual(Array.from(grad), [0, 101]);
 * ```
 */
export function embedScatter(args: EmbedScatterArgs): void {
  const { segs, dx, shape, grad } = args;
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
