/**
 * Prior shift in training: out-of-fold rows are reweighted so positives make up the test prior, and
 * the F1 threshold is searched on that reweighted sample. What scoring needs too (moving
 * probabilities, the out-of-fold summary) lives in `src/score/prior_shift.ts`.
 *
 * @module
 */

import { checkScored } from "../metrics.ts";
import {
  checkPrior,
  classWeights,
  type PriorThreshold,
  summarizeOof,
  thresholdForPriorFromSummary,
} from "../score/prior_shift.ts";

/**
 * Per-row weights that move the sample's share of positives to `testPrior`: positives get
 * π'/π, negatives (1-π')/(1-π), where π is the share of positives in `labels`. The weights sum to n.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { priorWeights } from "./prior.ts";
 * assert.deepEqual(priorWeights(new Uint8Array([1, 0, 0, 0]), 0.5), Float64Array.of(2, 2 / 3, 2 / 3, 2 / 3));
 * ```
 */
export function priorWeights(labels: Uint8Array, testPrior: number): Float64Array {
  checkPrior(testPrior, "testPrior");
  checkScored(labels, new Float64Array(labels.length));
  let P = 0;
  for (let i = 0; i < labels.length; i++) P += labels[i]!;
  const { wPos, wNeg } = classWeights(P, labels.length - P, testPrior);
  const w = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) w[i] = labels[i] === 1 ? wPos : wNeg;
  return w;
}

/**
 * The threshold maximising the F1 expected at `testPrior`: out-of-fold probabilities are moved to the
 * test prior and the rows reweighted to it ({@linkcode priorWeights}), then the exact F1 search runs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { thresholdForPrior } from "./prior.ts";
 * const labels = new Uint8Array([1, 1, 0, 0, 0, 0]);
 * const t = thresholdForPrior(labels, [0.9, 0.4, 0.6, 0.2, 0.1, 0.1], 1 / 3, 0.5);
 * assert.equal(t.rawThreshold, (0.4 + 0.2) / 2);
 * assert.ok(Math.abs(t.threshold - (4 / 7 + 1 / 3) / 2) < 1e-12); // the same cut, on the shifted scale
 * assert.equal(t.f1, 8 / 9);
 * ```
 */
export function thresholdForPrior(
  labels: Uint8Array,
  oofProbs: ArrayLike<number>,
  trainPrior: number,
  testPrior: number,
): PriorThreshold {
  return thresholdForPriorFromSummary(summarizeOof(labels, oofProbs, Infinity), trainPrior, testPrior);
}
