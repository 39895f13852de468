/**
 * Turning blended probabilities into True/False for a test set: at the
 * training prior with the cross-validated threshold, at another expected
 * prior (`--prior`), or for a fixed share of positives (`--positive-share`).
 *
 * @module
 */
import type { ModelArtifact } from "../artifact.ts";
import { adjustProbsToPrior, thresholdForPriorFromSummary, topShareThreshold } from "./prior_shift.ts";

/** How to decide: at most one of the two may be given. */
export interface DecisionOptions {
  /** Expected share of positives in the test set, in (0, 1). */
  readonly prior?: number;
  /** Label exactly this share of the rows (the highest probabilities) positive, in [0, 1]. */
  readonly positiveShare?: number;
}

/** Probabilities at the test prior, the threshold applied to them, and what to expect. */
export interface Decision {
  /** Probabilities moved to the test prior (unchanged without `prior`). */
  readonly probabilities: Float32Array;
  readonly threshold: number;
  /** Precision, recall and F1 expected at the test prior from the out-of-fold predictions (none for a fixed share). */
  readonly expected: { readonly precision: number; readonly recall: number; readonly f1: number } | undefined;
  /** One line saying which rule was used. */
  readonly rule: string;
}

/**
 * Decides which rows are predicted converted.
 *
 * @example
 * ```ts ignore
 * const { probabilities, threshold } = decide(artifact, probs, { prior: 1 / 3 });
 * ```
 */
export function decide(
  artifact: ModelArtifact,
  probs: Float32Array,
  options: DecisionOptions = {},
): Decision {
  const { prior, positiveShare } = options;
  if (prior !== undefined && positiveShare !== undefined) {
    throw new RangeError("Cannot decide: give a prior or a positive share, not both");
  }
  if (positiveShare !== undefined) {
    const threshold = topShareThreshold(probs, positiveShare);
    return {
      probabilities: probs,
      threshold,
      expected: undefined,
      rule: `top ${pct(positiveShare)} of rows`,
    };
  }
  if (prior === undefined) {
    return {
      probabilities: probs,
      threshold: artifact.threshold,
      expected: artifact.cvScores,
      rule: `training prior ${pct(artifact.trainPrior)}, cross-validated threshold`,
    };
  }
  const choice = thresholdForPriorFromSummary(artifact.oofSummary, artifact.trainPrior, prior);
  return {
    probabilities: Float32Array.from(adjustProbsToPrior(probs, artifact.trainPrior, prior)),
    threshold: choice.threshold,
    expected: { precision: choice.precision, recall: choice.recall, f1: choice.f1 },
    rule: `test prior ${pct(prior)} (training ${pct(artifact.trainPrior)}), threshold for expected F1`,
  };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
