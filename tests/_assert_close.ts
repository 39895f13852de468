/**
 * `assertClose`: element-wise `|a - e| <= atol + rtol·|e|`, reporting the first
 * mismatches with their indices.
 *
 * @module
 */

import { AssertionError } from "node:assert/strict";

/** Tolerances of {@link assertClose}. */
export interface CloseOptions {
  readonly atol?: number;
  readonly rtol?: number;
  /** Prefix of the failure message. */
  readonly label?: string;
}

/** Throws when `actual` and `expected` differ in length or in any element beyond the tolerance. */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  { atol = 1e-5, rtol = 1e-4, label = "values" }: CloseOptions = {},
): void {
  if (actual.length !== expected.length) {
    throw new AssertionError({ message: `${label}: length ${actual.length}, expected ${expected.length}` });
  }
  const bad: string[] = [];
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      count++;
      if (bad.length < 8) {
        bad.push(`  [${i}] got ${a}, expected ${e} (diff ${Math.abs(a - e).toExponential(2)})`);
      }
    }
  }
  if (count > 0) {
    throw new AssertionError({
      message: `${label}: ${count} of ${actual.length} differ beyond atol ${atol} + rtol ${rtol}; first:\n${
        bad.join("\n")
      }`,
    });
  }
}
