/**
 * The decision threshold that maximises F1 of the positive class: an exact search over every cut
 * between distinct scores, O(n log n). A row is predicted positive when `prob >= threshold`; the
 * threshold is the midpoint between the two distinct scores around the chosen cut, so applying it
 * reproduces the chosen split exactly. With a plateau, the cut is taken from the middle of the cuts
 * whose F1 is nearly the best rather than at the single best one.
 *
 * @module
 */

import { distinctScores, type ScoreGroups } from "../metrics.ts";

/** A threshold with the (weighted) precision, recall and F1 it gives on the rows it was chosen on. */
export interface ThresholdChoice {
  /** Rows with `prob >= threshold` are predicted positive. */
  threshold: number;
  /** F1 of the positive class at the threshold. */
  f1: number;
  /** Precision at the threshold. */
  precision: number;
  /** Recall at the threshold. */
  recall: number;
}

/** The best cut of score groups sorted highest first: the top `k` groups are predicted positive. */
export interface BestCut {
  /** Number of groups predicted positive (1 to the number of groups). */
  k: number;
  /** Weighted true positives at the cut. */
  tp: number;
  /** Weighted false positives at the cut. */
  fp: number;
  /** Weighted false negatives at the cut. */
  fn: number;
  /** F1 at the cut. */
  f1: number;
  /** Precision at the cut. */
  precision: number;
  /** Recall at the cut. */
  recall: number;
}

/**
 * A threshold strictly above `below` and at most `above` (`above > below`), the midpoint where floating
 * point allows: `x >= t` holds for `x = above` and fails for `x = below`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cutBetween } from "./f1_threshold.ts";
 * assert.equal(cutBetween(0.6, 0.4), 0.5);
 * ```
 */
export function cutBetween(above: number, below: number): number {
  const mid = above / 2 + below / 2;
  return mid > below && mid <= above ? mid : above;
}

/**
 * The F1-maximising cut of score groups sorted highest first, given the weighted positives and
 * negatives of each group. Among equal F1 values the highest threshold (smallest `k`) wins.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bestF1Cut } from "./f1_threshold.ts";
 * assert.equal(bestF1Cut([1, 1, 0], [0, 1, 2]).k, 2); // tp 2, fp 1, f1 0.8
 * ```
 */
export function bestF1Cut(pos: ArrayLike<number>, neg: ArrayLike<number>): BestCut {
  const m = pos.length;
  if (m === 0) throw new RangeError("Cannot choose a threshold: no rows");
  if (neg.length !== m) {
    throw new RangeError(`Cannot choose a threshold: ${m} positive counts but ${neg.length} negative`);
  }
  let P = 0;
  for (let j = 0; j < m; j++) P += pos[j]!;
  if (!(P > 0)) throw new RangeError("Cannot choose a threshold: no positive rows");
  let tp = 0, fp = 0;
  let best: BestCut = { k: m, tp: 0, fp: 0, fn: P, f1: -1, precision: 0, recall: 0 };
  for (let k = 1; k <= m; k++) {
    tp += pos[k - 1]!;
    fp += neg[k - 1]!;
    const fn = Math.max(P - tp, 0);
    const f1 = f1Of(tp, fp, P);
    if (f1 > best.f1) {
      best = { k, tp, fp, fn, f1, precision: tp > 0 ? tp / (tp + fp) : 0, recall: tp / P };
    }
  }
  return best;
}

/**
 * How far below the best out-of-fold F1 a cut still counts as equally good. The F1 curve of 45,000
 * out-of-fold rows is flat and noisy near its top, so its argmax wanders by about 0.1 in probability
 * between training seeds; the middle of the plateau within 0.005 of the best scored 0.007 F1 higher on
 * test-like holdouts (docs/features.md).
 */
export const F1_PLATEAU = 0.005;

/**
 * The cut in the middle of the F1 plateau: among the cuts whose F1 is within `plateau` of the best, the
 * one whose threshold lies nearest, in log-odds, to the midpoint of the highest and lowest of their
 * thresholds. `lo[j]` and `hi[j]` are the lowest and highest score of group `j` (sorted highest first).
 * With `plateau` 0 it is {@linkcode bestF1Cut}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { plateauF1Cut } from "./f1_threshold.ts";
 * const scores = [0.9, 0.75, 0.6, 0.45, 0.3, 0.15];
 * // F1 by cut: 0, 0.4, 0.33, 0.57, 0.5, 0.67; within 0.17 of the best: cuts 4, 5 and 6
 * const cut = plateauF1Cut([0, 1, 0, 1, 0, 1], [1, 0, 1, 0, 1, 0], scores, scores, 0.17);
 * assert.equal(cut.k, 5); // the best alone: 6
 * ```
 */
export function plateauF1Cut(
  pos: ArrayLike<number>,
  neg: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  plateau: number,
): BestCut {
  const best = bestF1Cut(pos, neg);
  if (plateau === 0) return best;
  if (!(plateau > 0 && plateau < 1)) {
    throw new RangeError(`Cannot choose a threshold: plateau is ${plateau}, expected [0, 1)`);
  }
  const m = pos.length;
  if (lo.length !== m || hi.length !== m) {
    throw new RangeError(
      `Cannot choose a threshold: ${m} score groups but ${lo.length} / ${hi.length} bounds`,
    );
  }
  // thresholds fall as k grows: the first cut on the plateau has the highest, the last the lowest
  let P = 0;
  for (let j = 0; j < m; j++) P += pos[j]!;
  const z = new Float64Array(m + 1);
  const onPlateau = new Uint8Array(m + 1);
  let first = 0, last = 0, tp = 0, fp = 0;
  for (let k = 1; k <= m; k++) {
    tp += pos[k - 1]!;
    fp += neg[k - 1]!;
    if (f1Of(tp, fp, P) < best.f1 - plateau) continue;
    z[k] = clampedLogit(thresholdAfter(lo, hi, k));
    onPlateau[k] = 1;
    if (first === 0) first = k;
    last = k;
  }
  const middle = (z[first]! + z[last]!) / 2;
  let chosen = best.k, distance = Infinity;
  for (let k = first; k <= last; k++) {
    const d = Math.abs(z[k]! - middle);
    if (onPlateau[k] === 1 && d < distance) [chosen, distance] = [k, d];
  }
  return cutAt(pos, neg, chosen);
}

/** Log-odds of a probability, clamped to ±27.6 so 0 and 1 stay finite. */
export function clampedLogit(p: number): number {
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  return Math.log(q / (1 - q));
}

/** Counts and scores of the cut that predicts the top `k` groups positive. */
function cutAt(pos: ArrayLike<number>, neg: ArrayLike<number>, k: number): BestCut {
  let P = 0, tp = 0, fp = 0;
  for (let j = 0; j < pos.length; j++) {
    P += pos[j]!;
    if (j < k) {
      tp += pos[j]!;
      fp += neg[j]!;
    }
  }
  const fn = Math.max(P - tp, 0);
  return { k, tp, fp, fn, f1: f1Of(tp, fp, P), precision: tp > 0 ? tp / (tp + fp) : 0, recall: tp / P };
}

/** F1 of a cut with `tp` true and `fp` false positives out of `P` positives. */
function f1Of(tp: number, fp: number, P: number): number {
  return tp > 0 ? (2 * tp) / (2 * tp + fp + Math.max(P - tp, 0)) : 0;
}

/**
 * The threshold between group `k - 1` and group `k` of groups sorted highest first, where `lo[j]` and
 * `hi[j]` are the lowest and highest score of group `j`; for `k` equal to the number of groups, the
 * lowest score of all (every row positive).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { thresholdAfter } from "./f1_threshold.ts";
 * assert.equal(thresholdAfter([0.9, 0.5, 0.1], [0.9, 0.5, 0.1], 2), 0.3);
 * ```
 */
export function thresholdAfter(lo: ArrayLike<number>, hi: ArrayLike<number>, k: number): number {
  const m = lo.length;
  if (!Number.isInteger(k) || k < 1 || k > m) {
    throw new RangeError(`Cannot place a threshold after group ${k} of ${m}`);
  }
  return k === m ? lo[m - 1]! : cutBetween(lo[k - 1]!, hi[k]!);
}

/**
 * The threshold that maximises (weighted) F1 on these rows, searched exactly over all cuts between
 * distinct probabilities; with `plateau` (say {@linkcode F1_PLATEAU}), the middle of the cuts within
 * that much of the best F1 ({@linkcode plateauF1Cut}). Needs at least one positive row.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bestF1Threshold } from "./f1_threshold.ts";
 * const t = bestF1Threshold(new Uint8Array([1, 0, 1, 0, 0]), [0.9, 0.8, 0.7, 0.3, 0.1]);
 * assert.deepEqual([t.threshold, t.f1, t.precision, t.recall], [0.5, 0.8, 2 / 3, 1]);
 * ```
 */
export function bestF1Threshold(
  labels: Uint8Array,
  probs: ArrayLike<number>,
  weights?: ArrayLike<number>,
  plateau = 0,
): ThresholdChoice {
  return bestF1ThresholdOfGroups(distinctScores(labels, probs, weights), plateau);
}

/** {@linkcode bestF1Threshold} of rows already grouped by score (see `distinctScores`). */
export function bestF1ThresholdOfGroups(g: ScoreGroups, plateau = 0): ThresholdChoice {
  const cut = plateauF1Cut(g.pos, g.neg, g.values, g.values, plateau);
  return {
    threshold: thresholdAfter(g.values, g.values, cut.k),
    f1: cut.f1,
    precision: cut.precision,
    recall: cut.recall,
  };
}
