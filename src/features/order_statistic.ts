/**
 * The k-th smallest of finite numbers without sorting them: every fold fits a scaler per numeric and
 * target-encoded column, and sorting each column for its median was a fifth of a fold's features.
 *
 * @module
 */

/**
 * The value at index `k` of `values` sorted as `Float64Array.prototype.sort` sorts them (-0 before +0),
 * for finite values; `values` is reordered.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kthSmallest } from "./order_statistic.ts";
 * assert.equal(kthSmallest(Float64Array.of(5, 1, 4, 2, 3), 2), 3);
 * assert.ok(Object.is(kthSmallest(Float64Array.of(0, -0, 1), 0), -0));
 * ```
 */
export function kthSmallest(values: Float64Array, k: number): number {
  if (!Number.isInteger(k) || k < 0 || k >= values.length) {
    throw new RangeError(`k must index the ${values.length} values, got ${k}`);
  }
  // quickselect with median-of-three pivots; -0 and +0 compare equal here and are told apart below
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const pivot = medianOfThree(values[lo]!, values[mid]!, values[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  const v = values[k]!;
  if (v !== 0) return v;
  // a zero: sorted, the negatives come first, then every -0, then every +0
  let below = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! < 0 || Object.is(values[i], -0)) below++;
  }
  return k < below ? -0 : 0;
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
}
