/**
 * Scores of a binary classifier: the confusion matrix at a threshold, precision, recall and F1 of the
 * positive class, ROC-AUC (ties by midranks), PR-AUC (average precision) and log-loss. Every function
 * takes optional per-row weights (for prior reweighting); a row is predicted positive when
 * `prob >= threshold`. All results are deterministic.
 *
 * @module
 */
import { sortedRows } from "./score_sort.ts";

/** Weighted counts of the confusion matrix (plain counts when no weights are given). */
export interface Confusion {
  /** Positives predicted positive. */
  tp: number;
  /** Negatives predicted positive. */
  fp: number;
  /** Positives predicted negative. */
  fn: number;
  /** Negatives predicted negative. */
  tn: number;
}

/** The confusion matrix with precision, recall and F1 of the positive class. */
export interface Scores extends Confusion {
  /** tp / (tp + fp), 0 when nothing is predicted positive. */
  precision: number;
  /** tp / (tp + fn), 0 when there are no positives. */
  recall: number;
  /** 2 tp / (2 tp + fp + fn), 0 when tp is 0. */
  f1: number;
}

/** Rows grouped by distinct score, highest first, with the weighted positives and negatives of each. */
export interface ScoreGroups {
  /** Distinct scores in descending order. */
  values: Float64Array;
  /** Weighted positives per distinct score. */
  pos: Float64Array;
  /** Weighted negatives per distinct score. */
  neg: Float64Array;
}

/**
 * Checks the arguments shared by the metrics: 0/1 labels, finite scores and non-negative weights of the
 * same non-zero length, with a positive total weight.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkScored } from "./metrics.ts";
 * checkScored(new Uint8Array([0, 1]), [0.2, 0.9]); // passes
 * assert.throws(() => checkScored(new Uint8Array([0, 1]), [0.2]), /2 labels but 1 probabilities/);
 * ```
 */
export function checkScored(labels: Uint8Array, probs: ArrayLike<number>, weights?: ArrayLike<number>): void {
  if (!(labels instanceof Uint8Array)) throw new TypeError("Cannot score: labels must be a Uint8Array");
  const n = labels.length;
  if (n === 0) throw new RangeError("Cannot score: no rows");
  if (probs.length !== n) {
    throw new RangeError(`Cannot score: ${n} labels but ${probs.length} probabilities`);
  }
  if (weights !== undefined && weights.length !== n) {
    throw new RangeError(`Cannot score: ${n} labels but ${weights.length} weights`);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i]!;
    if (y > 1) throw new RangeError(`Cannot score: label of row ${i} is ${y}, expected 0 or 1`);
    const p = probs[i]!;
    if (!Number.isFinite(p)) throw new RangeError(`Cannot score: probability of row ${i} is ${p}`);
    if (weights !== undefined) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) {
        throw new RangeError(`Cannot score: weight of row ${i} is ${w}, expected a finite number >= 0`);
      }
      total += w;
    }
  }
  if (weights !== undefined && !(total > 0)) throw new RangeError("Cannot score: the weights sum to 0");
}

/**
 * Groups rows by distinct score, highest first, summing the weights of positives and negatives; the
 * building block of the curve metrics and of the threshold search. O(n log n).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { distinctScores } from "./metrics.ts";
 * const g = distinctScores(new Uint8Array([1, 0, 1]), [0.5, 0.5, 0.9]);
 * assert.deepEqual([[...g.values], [...g.pos], [...g.neg]], [[0.9, 0.5], [1, 1], [0, 1]]);
 * ```
 */
export function distinctScores(
  labels: Uint8Array,
  probs: ArrayLike<number>,
  weights?: ArrayLike<number>,
): ScoreGroups {
  checkScored(labels, probs, weights);
  return groupWeights(scoreOrder(probs), labels, weights);
}

/** Rows sorted by score (highest first, ties by row) and the distinct-score group of each sorted row. */
export interface ScoreOrder {
  readonly order: Uint32Array;
  /** `group[r]` is the group of the row at sorted position `r`. */
  readonly group: Uint32Array;
  readonly values: Float64Array;
}

/**
 * The sort behind {@linkcode distinctScores}, done once so that many weightings of the same scores (a
 * bootstrap) can be grouped in O(n) each with {@linkcode groupWeights}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scoreOrder } from "./metrics.ts";
 * const o = scoreOrder([0.5, 0.9, 0.5]);
 * assert.deepEqual([...o.order], [1, 0, 2]);
 * assert.deepEqual([...o.values], [0.9, 0.5]);
 * ```
 */
export function scoreOrder(probs: ArrayLike<number>): ScoreOrder {
  const n = probs.length;
  const order = sortedRows(probs, "descending");
  const group = new Uint32Array(n);
  const values = new Float64Array(n);
  let m = -1; // m = number of groups - 1
  let last = NaN;
  for (let r = 0; r < n; r++) {
    const p = probs[order[r]!]!;
    if (p !== last) {
      m++;
      values[m] = p;
      last = p;
    }
    group[r] = m;
  }
  return { order, group, values: values.slice(0, m + 1) };
}

/** Sums the weights (1 each by default) of each group's positives and negatives, in sorted-row order. */
export function groupWeights(o: ScoreOrder, labels: Uint8Array, weights?: ArrayLike<number>): ScoreGroups {
  const m = o.values.length;
  const pos = new Float64Array(m);
  const neg = new Float64Array(m);
  for (let r = 0; r < o.order.length; r++) {
    const i = o.order[r]!;
    const w = weights === undefined ? 1 : weights[i]!;
    if (labels[i] === 1) pos[o.group[r]!]! += w;
    else neg[o.group[r]!]! += w;
  }
  return { values: o.values, pos, neg };
}

/**
 * Precision, recall and F1 from a confusion matrix; a ratio with a zero denominator is 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scoresFromConfusion } from "./metrics.ts";
 * assert.equal(scoresFromConfusion({ tp: 2, fp: 1, fn: 1, tn: 6 }).f1, 2 / 3);
 * ```
 */
export function scoresFromConfusion(c: Confusion): Scores {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  const f1 = c.tp > 0 ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : 0;
  return { tp: c.tp, fp: c.fp, fn: c.fn, tn: c.tn, precision, recall, f1 };
}

/**
 * The (weighted) confusion matrix when rows with `prob >= threshold` are predicted positive.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { confusionAt } from "./metrics.ts";
 * const c = confusionAt(new Uint8Array([1, 0, 1, 0]), [0.9, 0.6, 0.4, 0.1], 0.5);
 * assert.deepEqual(c, { tp: 1, fp: 1, fn: 1, tn: 1 });
 * ```
 */
export function confusionAt(
  labels: Uint8Array,
  probs: ArrayLike<number>,
  threshold: number,
  weights?: ArrayLike<number>,
): Confusion {
  checkScored(labels, probs, weights);
  if (Number.isNaN(threshold)) throw new RangeError("Cannot score: threshold is NaN");
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    const predicted = probs[i]! >= threshold;
    if (labels[i] === 1) {
      if (predicted) tp += w;
      else fn += w;
    } else if (predicted) fp += w;
    else tn += w;
  }
  return { tp, fp, fn, tn };
}

/**
 * Confusion matrix, precision, recall and F1 at a threshold.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scoresAt } from "./metrics.ts";
 * assert.equal(scoresAt(new Uint8Array([1, 0, 1, 0]), [0.9, 0.6, 0.4, 0.1], 0.5).precision, 0.5);
 * ```
 */
export function scoresAt(
  labels: Uint8Array,
  probs: ArrayLike<number>,
  threshold: number,
  weights?: ArrayLike<number>,
): Scores {
  return scoresFromConfusion(confusionAt(labels, probs, threshold, weights));
}

/**
 * F1 of the positive class at a threshold (default 0.5).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { f1Score } from "./metrics.ts";
 * assert.equal(f1Score(new Uint8Array([1, 0, 1]), [0.9, 0.2, 0.3]), 2 / 3);
 * ```
 */
export function f1Score(
  labels: Uint8Array,
  probs: ArrayLike<number>,
  threshold = 0.5,
  weights?: ArrayLike<number>,
): number {
  return scoresAt(labels, probs, threshold, weights).f1;
}

/**
 * Precision of the positive class at a threshold (default 0.5); 0 when nothing is predicted positive.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { precision } from "./metrics.ts";
 * assert.equal(precision(new Uint8Array([1, 0, 1]), [0.9, 0.7, 0.3]), 0.5);
 * ```
 */
export function precision(
  labels: Uint8Array,
  probs: ArrayLike<number>,
  threshold = 0.5,
  weights?: ArrayLike<number>,
): number {
  return scoresAt(labels, probs, threshold, weights).precision;
}

/**
 * Recall of the positive class at a threshold (default 0.5); 0 when there are no positives.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { recall } from "./metrics.ts";
 * assert.equal(recall(new Uint8Array([1, 0, 1]), [0.9, 0.7, 0.3]), 0.5);
 * ```
 */
export function recall(
  labels: Uint8Array,
  probs: ArrayLike<number>,
  threshold = 0.5,
  weights?: ArrayLike<number>,
): number {
  return scoresAt(labels, probs, threshold, weights).recall;
}

function needBothClasses(g: ScoreGroups, what: string): { P: number; N: number } {
  let P = 0, N = 0;
  for (let j = 0; j < g.values.length; j++) {
    P += g.pos[j]!;
    N += g.neg[j]!;
  }
  if (!(P > 0) || !(N > 0)) throw new RangeError(`Cannot compute ${what}: needs positives and negatives`);
  return { P, N };
}

/**
 * Area under the ROC curve: the (weighted) chance that a random positive scores above a random negative,
 * ties counting one half (midranks). Throws a RangeError when a class is missing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rocAuc } from "./metrics.ts";
 * assert.equal(rocAuc(new Uint8Array([0, 0, 1, 1]), [0.1, 0.4, 0.35, 0.8]), 0.75);
 * ```
 */
export function rocAuc(labels: Uint8Array, probs: ArrayLike<number>, weights?: ArrayLike<number>): number {
  return rocAucOfGroups(distinctScores(labels, probs, weights));
}

/** {@linkcode rocAuc} of rows already grouped by score. */
export function rocAucOfGroups(g: ScoreGroups): number {
  const { P, N } = needBothClasses(g, "ROC-AUC");
  // walk from the lowest score up: negBelow = weighted negatives scoring strictly lower
  let negBelow = 0;
  let sum = 0;
  for (let j = g.values.length - 1; j >= 0; j--) {
    sum += g.pos[j]! * (negBelow + 0.5 * g.neg[j]!);
    negBelow += g.neg[j]!;
  }
  return sum / (P * N);
}

/**
 * Area under the precision-recall curve as average precision (scikit-learn's step-wise definition):
 * the sum over distinct thresholds, highest first, of (recall gain) * precision. Throws a RangeError
 * when a class is missing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { prAuc } from "./metrics.ts";
 * const auc = prAuc(new Uint8Array([0, 0, 1, 1]), [0.1, 0.4, 0.35, 0.8]);
 * assert.ok(Math.abs(auc - 5 / 6) < 1e-12); // average precision: (1 + 2/3) / 2
 * ```
 */
export function prAuc(labels: Uint8Array, probs: ArrayLike<number>, weights?: ArrayLike<number>): number {
  return prAucOfGroups(distinctScores(labels, probs, weights));
}

/** {@linkcode prAuc} of rows already grouped by score. */
export function prAucOfGroups(g: ScoreGroups): number {
  const { P } = needBothClasses(g, "PR-AUC");
  let tp = 0, fp = 0, ap = 0;
  for (let j = 0; j < g.values.length; j++) {
    tp += g.pos[j]!;
    fp += g.neg[j]!;
    if (g.pos[j]! > 0) ap += (g.pos[j]! / P) * (tp / (tp + fp));
  }
  return ap;
}

/**
 * Mean (weighted) binary cross-entropy, probabilities clipped to [eps, 1 - eps]. Probabilities must lie
 * in [0, 1].
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logLoss } from "./metrics.ts";
 * assert.equal(logLoss(new Uint8Array([1, 0]), [0.5, 0.5]), Math.LN2);
 * ```
 */
export function logLoss(
  labels: Uint8Array,
  probs: ArrayLike<number>,
  weights?: ArrayLike<number>,
  eps = 1e-15,
): number {
  checkScored(labels, probs, weights);
  if (!(eps > 0 && eps < 0.5)) {
    throw new RangeError(`Cannot compute log-loss: eps is ${eps}, expected (0, 0.5)`);
  }
  let sum = 0, total = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = probs[i]!;
    if (p < 0 || p > 1) throw new RangeError(`Cannot compute log-loss: probability of row ${i} is ${p}`);
    const q = Math.min(Math.max(p, eps), 1 - eps);
    const w = weights === undefined ? 1 : weights[i]!;
    sum -= w * (labels[i] === 1 ? Math.log(q) : Math.log1p(-q));
    total += w;
  }
  return sum / total;
}
