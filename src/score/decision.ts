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
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadLeads, openEngine, predictProba, trainModel } from "../../mod.ts";
 * import { decide } from "./decision.ts";
 * // 40 leads of 10 customers; most leads of business unit AS convert
 * const rows = Array.from({ length: 40 }, (_, i) =>
 *   `${i % 10},${i % 3 ? "ID" : "AS"},${i % 3 === 0 && i % 5 > 0}`);
 * const train = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(train, ["customer_idx,business_unit,is_converted", ...rows].join("\n"));
 * const test = await Deno.makeTempFile({ suffix: ".csv" }); // two new leads
 * await Deno.writeTextFile(test, "id,customer_idx,business_unit\na,11,AS\nb,12,ID\n");
 * const engine = await openEngine("cpu");
 * const { artifact } = await trainModel(await loadLeads(train, "train"), { engine, folds: 2, seed: 42 });
 * const probs = await predictProba(engine, artifact, await loadLeads(test, "test"));
 * assert.equal(decide(artifact, probs).threshold, artifact.threshold); // the training prior's
 * const { probabilities, rule } = decide(artifact, probs, { prior: 0.5 }); // half the new leads convert
 * assert.ok(probabilities[0]! > probs[0]!); // 27.5% converted in training: shifted up
 * assert.equal(rule, "test prior 50.0% (training 27.5%), threshold for expected F1");
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
