/**
 * Cross-validation folds: stratified by label, and grouped (every row of a customer in one fold) while
 * keeping positives and negatives as even across folds as the groups allow, in the manner of
 * scikit-learn's StratifiedGroupKFold. The same seed gives the same folds.
 *
 * @module
 */

import { Random } from "../random.ts";

function checkLabels(labels: Uint8Array, k: number): void {
  if (!(labels instanceof Uint8Array)) throw new TypeError("Cannot make folds: labels must be a Uint8Array");
  if (!Number.isInteger(k) || k < 2) {
    throw new RangeError(`Cannot make folds: k is ${k}, expected an integer >= 2`);
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! > 1) {
      throw new RangeError(`Cannot make folds: label of row ${i} is ${labels[i]}, expected 0 or 1`);
    }
  }
}

/**
 * Assigns each row to one of `k` folds, dealing positives and negatives round-robin in a seeded random
 * order, so fold sizes and positive counts differ by at most one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stratifiedFolds } from "./cv.ts";
 * const labels = new Uint8Array([1, 0, 1, 0, 0, 0]);
 * const folds = stratifiedFolds(labels, 2, 7);
 * for (const fold of [0, 1]) { // one positive and two negatives in each fold
 *   assert.deepEqual(labels.filter((_, r) => folds[r] === fold).sort(), Uint8Array.of(0, 0, 1));
 * }
 * ```
 */
export function stratifiedFolds(labels: Uint8Array, k: number, seed: number): Int32Array {
  checkLabels(labels, k);
  const n = labels.length;
  if (n < k) throw new RangeError(`Cannot make ${k} folds of ${n} rows`);
  let P = 0;
  for (let i = 0; i < n; i++) P += labels[i]!;
  const pos = new Uint32Array(P);
  const neg = new Uint32Array(n - P);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (labels[i] === 1) pos[a++] = i;
    else neg[b++] = i;
  }
  const rng = new Random(seed);
  rng.fork(1).shuffle(pos);
  rng.fork(2).shuffle(neg);
  const folds = new Int32Array(n);
  for (let j = 0; j < P; j++) folds[pos[j]!] = j % k;
  // negatives continue the deal where the positives stopped, so row counts also stay within one
  for (let j = 0; j < n - P; j++) folds[neg[j]!] = (P + j) % k;
  return folds;
}

/**
 * Assigns each row to one of `k` folds with all rows of a group in the same fold. Groups are shuffled
 * by `seed`, sorted by size (largest first, ties in shuffled order) and each is placed in the fold that
 * most needs its positives and negatives: the fold minimising the growth of
 * Σ_f (pos_f / P)² + (neg_f / N)², which evens out positives, negatives and so rows. Needs at least
 * `k` groups; every fold gets at least one group.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { groupedStratifiedFolds } from "./cv.ts";
 * const customers = ["a", "a", "b", "c", "d", "d"];
 * const folds = groupedStratifiedFolds(new Uint8Array([1, 1, 0, 0, 1, 0]), customers, 2, 7);
 * assert.ok(folds[0] === folds[1] && folds[4] === folds[5]); // a customer's leads share a fold
 * ```
 */
export function groupedStratifiedFolds(
  labels: Uint8Array,
  groups: ArrayLike<string | number>,
  k: number,
  seed: number,
): Int32Array {
  checkLabels(labels, k);
  const n = labels.length;
  if (groups.length !== n) throw new RangeError(`Cannot make folds: ${n} labels but ${groups.length} groups`);
  // group id per row, in order of first appearance
  const ids = new Map<string | number, number>();
  const groupOf = new Uint32Array(n);
  const sizes: number[] = [];
  const positives: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = groups[i]!;
    let g = ids.get(key);
    if (g === undefined) {
      g = sizes.length;
      ids.set(key, g);
      sizes.push(0);
      positives.push(0);
    }
    groupOf[i] = g;
    sizes[g]!++;
    positives[g]! += labels[i]!;
  }
  const m = sizes.length;
  if (m < k) throw new RangeError(`Cannot make ${k} folds of ${m} groups`);
  let P = 0;
  for (let g = 0; g < m; g++) P += positives[g]!;
  const N = n - P;
  // a class that is absent weighs nothing
  const invP2 = P > 0 ? 1 / (P * P) : 0;
  const invN2 = N > 0 ? 1 / (N * N) : 0;

  const order = new Random(seed).shuffle(Uint32Array.from({ length: m }, (_, g) => g));
  const rank = new Uint32Array(m); // position in the shuffled order, the tie-break
  for (let r = 0; r < m; r++) rank[order[r]!] = r;
  order.sort((a, b) => (sizes[b]! - sizes[a]!) || (rank[a]! - rank[b]!));

  const foldPos = new Float64Array(k);
  const foldNeg = new Float64Array(k);
  const foldOfGroup = new Int32Array(m);
  for (let r = 0; r < m; r++) {
    const g = order[r]!;
    const gp = positives[g]!;
    const gn = sizes[g]! - gp;
    let best = 0;
    let bestCost = Infinity;
    for (let f = 0; f < k; f++) {
      // growth of the objective when g joins f; an empty fold always wins, so every fold is used
      const empty = foldPos[f] === 0 && foldNeg[f] === 0;
      const cost = empty
        ? -1
        : (2 * foldPos[f]! * gp + gp * gp) * invP2 + (2 * foldNeg[f]! * gn + gn * gn) * invN2;
      if (cost < bestCost) {
        bestCost = cost;
        best = f;
      }
    }
    foldOfGroup[g] = best;
    foldPos[best]! += gp;
    foldNeg[best]! += gn;
  }
  const folds = new Int32Array(n);
  for (let i = 0; i < n; i++) folds[i] = foldOfGroup[groupOf[i]!]!;
  return folds;
}

/**
 * The rows of fold `f` (validation) and of all other folds (training), in row order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { foldIndices } from "./cv.ts";
 * const { train, valid } = foldIndices(new Int32Array([0, 1, 0, 1]), 1);
 * assert.deepEqual([[...train], [...valid]], [[0, 2], [1, 3]]);
 * ```
 */
export function foldIndices(folds: Int32Array, f: number): { train: Uint32Array; valid: Uint32Array } {
  if (!(folds instanceof Int32Array)) throw new TypeError("Cannot split folds: folds must be an Int32Array");
  if (!Number.isInteger(f) || f < 0) {
    throw new RangeError(`Cannot split folds: fold is ${f}, expected an integer >= 0`);
  }
  let nValid = 0;
  for (let i = 0; i < folds.length; i++) if (folds[i] === f) nValid++;
  if (nValid === 0) throw new RangeError(`Cannot split folds: fold ${f} has no rows`);
  const train = new Uint32Array(folds.length - nValid);
  const valid = new Uint32Array(nValid);
  for (let i = 0, a = 0, b = 0; i < folds.length; i++) {
    if (folds[i] === f) valid[b++] = i;
    else train[a++] = i;
  }
  return { train, valid };
}

/**
 * Rows to validate as leads of known customers, for grouped fold `f` (mixed grouping): the real test
 * set holds about 23% leads of customers present in train. Customers outside fold `f` with at least
 * two rows are taken in a seeded random order, one random row each, until the picked rows are `share`
 * of the picked plus fold `f`'s rows (or the customers run out). The picked rows leave fold `f`'s
 * training part, so their predictions are honest, and their customers stay in it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seenCustomerRows } from "./cv.ts";
 * const folds = new Int32Array([0, 0, 1, 1, 1, 0]);
 * const customers = ["a", "a", "b", "b", "b", "c"];
 * const seen = seenCustomerRows(folds, customers, 0, 0.25, 1);
 * assert.deepEqual(Array.from(seen, (r) => customers[r]), ["b"]); // a row of "b", outside fold 0
 * ```
 */
export function seenCustomerRows(
  folds: Int32Array,
  groups: ArrayLike<string | number>,
  f: number,
  share: number,
  seed: number,
): Uint32Array {
  if (!(share >= 0 && share < 1)) throw new RangeError(`Cannot pick seen-customer rows: share is ${share}`);
  const rowsOf = new Map<string | number, number[]>();
  let validRows = 0;
  for (let i = 0; i < folds.length; i++) {
    if (folds[i] === f) {
      validRows++;
      continue;
    }
    const key = groups[i]!;
    const list = rowsOf.get(key);
    if (list === undefined) rowsOf.set(key, [i]);
    else list.push(i);
  }
  const want = Math.round((share / (1 - share)) * validRows);
  const candidates = [...rowsOf.values()].filter((r) => r.length >= 2);
  const rng = new Random(seed).fork(f + 1);
  const order = rng.shuffle(Uint32Array.from(candidates.keys()));
  const picked: number[] = [];
  for (let i = 0; i < order.length && picked.length < want; i++) {
    const rows = candidates[order[i]!]!;
    picked.push(rows[rng.int(rows.length)]!);
  }
  return Uint32Array.from(picked).sort();
}
