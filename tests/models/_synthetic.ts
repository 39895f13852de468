/**
 * A seeded, nearly separable synthetic classification problem for model tests.
 *
 * @module
 */

import type { Design } from "../../src/features/design.ts";
import { Random } from "../../src/random.ts";

/** `rows` rows with k numeric and `sizes.length` categorical columns; the label is the sign of a linear score. */
export function synthetic(
  seed: number,
  rows: number,
  k: number,
  sizes: number[],
  noise = 0,
): { design: Design; labels: Uint8Array } {
  const rng = new Random(seed);
  const c = sizes.length;
  const num = new Float32Array(rows * k);
  const cat = new Uint32Array(rows * c);
  const labels = new Uint8Array(rows);
  const coef = Array.from({ length: k }, () => rng.normal());
  const effects = sizes.map((s) => Array.from({ length: s }, () => 1.5 * rng.normal()));
  for (let r = 0; r < rows; r++) {
    let score = noise * rng.normal();
    for (let i = 0; i < k; i++) {
      const v = rng.normal();
      num[r * k + i] = v;
      score += coef[i]! * v;
    }
    for (let j = 0; j < c; j++) {
      const v = rng.int(sizes[j]!);
      cat[r * c + j] = v;
      score += effects[j]![v]!;
    }
    labels[r] = score > 0 ? 1 : 0;
  }
  return {
    design: {
      rows,
      num,
      numNames: coef.map((_, i) => `x${i}`),
      cat,
      catNames: sizes.map((_, j) => `c${j}`),
      catSizes: sizes,
    },
    labels,
  };
}
