/**
 * Pieces of `deno task bench`: a random design of the real data's shape and
 * a timed fit.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import type { Engine } from "../gpu/device.ts";
import { Random } from "../random.ts";
import { fitMlp, type MlpOptions } from "./mlp.ts";

/** Vocabulary sizes of the bench's 20 categorical columns (the real data's are up to a few thousand). */
export const BENCH_CAT_SIZES: readonly number[] = [
  3000,
  2000,
  1200,
  800,
  500,
  300,
  200,
  120,
  80,
  60,
  40,
  30,
  20,
  15,
  12,
  10,
  8,
  6,
  4,
  3,
];

/**
 * `rows` random leads: `numCols` standard-normal features and the
 * {@link BENCH_CAT_SIZES} columns (skewed towards small indices), labels drawn
 * from a logistic model of them (about 10% positive).
 */
export function randomDesign(
  rows: number,
  numCols: number,
  seed: number,
): { design: Design; labels: Uint8Array } {
  const rng = new Random(seed);
  const sizes = BENCH_CAT_SIZES;
  const c = sizes.length;
  const num = new Float32Array(rows * numCols);
  const cat = new Uint32Array(rows * c);
  const labels = new Uint8Array(rows);
  const coef = Array.from({ length: numCols }, () => 0.3 * rng.normal());
  const effects = sizes.map((s) => Float32Array.from({ length: s }, () => 0.5 * rng.normal()));
  for (let r = 0; r < rows; r++) {
    let z = -2.6;
    for (let i = 0; i < numCols; i++) {
      const v = rng.normal();
      num[r * numCols + i] = v;
      z += coef[i]! * v;
    }
    for (let j = 0; j < c; j++) {
      const v = Math.floor(sizes[j]! * rng.next() ** 2);
      cat[r * c + j] = v;
      z += effects[j]![v]!;
    }
    labels[r] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return {
    design: {
      rows,
      num,
      numNames: coef.map((_, i) => `num_${i}`),
      cat,
      catNames: sizes.map((_, j) => `cat_${j}`),
      catSizes: sizes,
    },
    labels,
  };
}

/**
 * Seconds to fit `options` on `design`, after an untimed one-epoch fit on its
 * first 1,000 rows (so pipeline compilation is not counted).
 */
export async function timeFit(
  engine: Engine,
  design: Design,
  labels: Uint8Array,
  options: MlpOptions,
): Promise<number> {
  const n = Math.min(1000, design.rows);
  const k = design.numNames.length;
  const c = design.catSizes.length;
  const head = { ...design, rows: n, num: design.num.subarray(0, n * k), cat: design.cat.subarray(0, n * c) };
  await fitMlp(engine, head, labels.subarray(0, n), { ...options, epochs: 1 });
  const t0 = performance.now();
  await fitMlp(engine, design, labels, options);
  return (performance.now() - t0) / 1000;
}
