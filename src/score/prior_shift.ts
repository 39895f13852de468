/**
 * Prior shift, the part scoring shares with training: the test set may have a different share of
 * positives than the training data (the online round's test set is about 33% positive, train about 9%).
 * Probabilities move to the new prior by Bayes' rule on the odds, and a compact summary of the
 * out-of-fold scores (saved in model.json) lets a saved model choose the threshold again for another
 * prior or a share of rows. Training's own reweighting lives in `src/train/prior.ts`.
 *
 * @module
 */

import { distinctScores } from "../metrics.ts";
import { bestF1Cut, clampedLogit, cutBetween, thresholdAfter, type ThresholdChoice } from "./f1_threshold.ts";

/** A threshold chosen for a test prior, with the F1 expected at that prior. */
export interface PriorThreshold extends ThresholdChoice {
  /** The same cut on the model's own (unadjusted) probability scale. */
  rawThreshold: number;
}

/**
 * Out-of-fold scores grouped highest first: group `j` holds the scores in [`lo[j]`, `hi[j]`] with
 * `pos[j]` positive and `neg[j]` negative rows. Plain arrays, so it fits in model.json.
 */
export interface OofSummary {
  /** Lowest score of each group. */
  lo: number[];
  /** Highest score of each group. */
  hi: number[];
  /** Positive rows per group. */
  pos: number[];
  /** Negative rows per group. */
  neg: number[];
}

/** Throws unless `prior` lies strictly between 0 and 1. */
export function checkPrior(prior: number, name: string): void {
  if (!(prior > 0 && prior < 1)) {
    throw new RangeError(`Cannot shift the prior: ${name} is ${prior}, expected (0, 1)`);
  }
}

/** Weights for positives and negatives that move a sample with P positives and N negatives to `prior`. */
export function classWeights(P: number, N: number, prior: number): { wPos: number; wNeg: number } {
  if (!(P > 0) || !(N > 0)) throw new RangeError("Cannot shift the prior: needs positives and negatives");
  const share = P / (P + N);
  return { wPos: prior / share, wNeg: (1 - prior) / (1 - share) };
}

/**
 * Moves a probability from the prior it was calibrated at to another one: the odds are multiplied by
 * (π'/(1-π')) / (π/(1-π)).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adjustToPrior } from "./prior_shift.ts";
 * assert.equal(adjustToPrior(0.5, 0.1, 0.5), 0.9); // trained where 10% convert, scored where half do
 * ```
 */
export function adjustToPrior(p: number, trainPrior: number, testPrior: number): number {
  checkPrior(trainPrior, "trainPrior");
  checkPrior(testPrior, "testPrior");
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`Cannot shift the prior: probability is ${p}, expected [0, 1]`);
  }
  const ratio = (testPrior / (1 - testPrior)) / (trainPrior / (1 - trainPrior));
  const a = p * ratio;
  return a / (a + (1 - p));
}

/**
 * {@linkcode adjustToPrior} for every probability.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adjustProbsToPrior } from "./prior_shift.ts";
 * assert.deepEqual(adjustProbsToPrior([0.5, 0.1], 0.1, 0.5), Float64Array.of(0.9, 0.5));
 * ```
 */
export function adjustProbsToPrior(
  probs: ArrayLike<number>,
  trainPrior: number,
  testPrior: number,
): Float64Array {
  const out = new Float64Array(probs.length);
  for (let i = 0; i < probs.length; i++) out[i] = adjustToPrior(probs[i]!, trainPrior, testPrior);
  return out;
}

/**
 * Groups out-of-fold probabilities for later threshold choices. With at most `bins` distinct values the
 * groups are exact; otherwise the scores are binned on a uniform logit grid of `bins` cells between the
 * lowest and highest score (empty cells dropped), so cuts fall between bins.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summarizeOof } from "./prior_shift.ts";
 * const summary = summarizeOof(new Uint8Array([1, 0, 0]), [0.8, 0.2, 0.2]);
 * assert.deepEqual(summary, { lo: [0.8, 0.2], hi: [0.8, 0.2], pos: [1, 0], neg: [0, 2] });
 * ```
 */
export function summarizeOof(labels: Uint8Array, probs: ArrayLike<number>, bins = 2048): OofSummary {
  if (!(bins >= 1) || !(Number.isInteger(bins) || bins === Infinity)) {
    throw new RangeError(`Cannot summarize: bins is ${bins}, expected an integer >= 1`);
  }
  const g = distinctScores(labels, probs);
  const m = g.values.length;
  if (!(g.values[0]! <= 1) || !(g.values[m - 1]! >= 0)) {
    throw new RangeError("Cannot summarize: probabilities must lie in [0, 1]");
  }
  if (m <= bins) {
    const v = Array.from(g.values);
    return { lo: v, hi: v.slice(), pos: Array.from(g.pos), neg: Array.from(g.neg) };
  }
  const zMax = clampedLogit(g.values[0]!);
  const zMin = clampedLogit(g.values[m - 1]!);
  const scale = zMax > zMin ? bins / (zMax - zMin) : 0;
  const out: OofSummary = { lo: [], hi: [], pos: [], neg: [] };
  let current = -1;
  for (let j = 0; j < m; j++) {
    const v = g.values[j]!;
    const bin = Math.min(bins - 1, Math.floor((clampedLogit(v) - zMin) * scale));
    if (bin !== current) {
      current = bin;
      out.hi.push(v);
      out.lo.push(v);
      out.pos.push(0);
      out.neg.push(0);
    }
    const last = out.lo.length - 1;
    out.lo[last] = v;
    out.pos[last]! += g.pos[j]!;
    out.neg[last]! += g.neg[j]!;
  }
  return out;
}

/**
 * The threshold maximising the F1 expected at `testPrior`, from a summary of out-of-fold scores that
 * were calibrated at `trainPrior`. `threshold` is on the prior-adjusted scale, `rawThreshold` on the
 * model's own scale; precision, recall and F1 are those of the reweighted out-of-fold rows. The exact
 * maximum, not training's plateau middle: at a 1:2 test prior the plateau rule was not better
 * (docs/features.md).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summarizeOof, thresholdForPriorFromSummary } from "./prior_shift.ts";
 * const s = summarizeOof(new Uint8Array([1, 1, 0, 0, 0, 0]), [0.9, 0.4, 0.6, 0.2, 0.1, 0.1]);
 * assert.equal(thresholdForPriorFromSummary(s, 1 / 3, 0.5).rawThreshold, (0.4 + 0.2) / 2); // between scores
 * ```
 */
export function thresholdForPriorFromSummary(
  summary: OofSummary,
  trainPrior: number,
  testPrior: number,
): PriorThreshold {
  checkPrior(trainPrior, "trainPrior");
  checkPrior(testPrior, "testPrior");
  const { lo, hi, pos, neg } = summary;
  const m = lo.length;
  if (m === 0) throw new RangeError("Cannot choose a threshold: the summary is empty");
  if (hi.length !== m || pos.length !== m || neg.length !== m) {
    throw new RangeError("Cannot choose a threshold: the summary's arrays differ in length");
  }
  let P = 0, N = 0;
  for (let j = 0; j < m; j++) {
    P += pos[j]!;
    N += neg[j]!;
  }
  const { wPos, wNeg } = classWeights(P, N, testPrior);
  const wp = new Float64Array(m);
  const wn = new Float64Array(m);
  const adjLo = new Float64Array(m);
  const adjHi = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    wp[j] = pos[j]! * wPos;
    wn[j] = neg[j]! * wNeg;
    adjLo[j] = adjustToPrior(lo[j]!, trainPrior, testPrior);
    adjHi[j] = adjustToPrior(hi[j]!, trainPrior, testPrior);
  }
  const cut = bestF1Cut(wp, wn);
  return {
    threshold: thresholdAfter(adjLo, adjHi, cut.k),
    rawThreshold: thresholdAfter(lo, hi, cut.k),
    f1: cut.f1,
    precision: cut.precision,
    recall: cut.recall,
  };
}

/**
 * The threshold that labels the top `share` of rows positive (`prob >= threshold`). When ties make the
 * exact count impossible, the reachable count nearest to `round(share * n)` is used, the smaller one on
 * equal distance. Returns `Infinity` when no row should be positive.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { topShareThreshold } from "./prior_shift.ts";
 * assert.equal(topShareThreshold([0.1, 0.9, 0.5, 0.3], 0.5), 0.4); // between the top half and the rest
 * ```
 */
export function topShareThreshold(probs: ArrayLike<number>, share: number): number {
  const n = probs.length;
  if (n === 0) throw new RangeError("Cannot choose a threshold: no rows");
  if (!(share >= 0 && share <= 1)) {
    throw new RangeError(`Cannot choose a threshold: share is ${share}, expected [0, 1]`);
  }
  const sorted = Float64Array.from(probs);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(sorted[i]!)) {
      throw new RangeError(`Cannot choose a threshold: probability of row ${i} is ${sorted[i]}`);
    }
  }
  sorted.sort().reverse(); // highest first
  const target = Math.round(share * n);
  // reachable counts are 0 and every r where sorted[r - 1] > sorted[r], and n
  let bestCount = 0;
  for (let r = 1; r <= n; r++) {
    if (r < n && sorted[r - 1] === sorted[r]) continue;
    if (Math.abs(r - target) < Math.abs(bestCount - target)) bestCount = r;
    if (r >= target) break;
  }
  if (bestCount === 0) return Infinity;
  return bestCount === n ? sorted[n - 1]! : cutBetween(sorted[bestCount - 1]!, sorted[bestCount]!);
}
