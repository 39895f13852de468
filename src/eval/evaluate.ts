/**
 * Scoring a submission against the true labels: F1, precision and recall of its True/False column and,
 * when it carries probabilities, the best F1 any threshold could reach, PR-AUC and ROC-AUC.
 *
 * @module
 */
import { DataError } from "../errors.ts";
import { prAuc, rocAuc, scoresAt } from "../metrics.ts";
import { bestF1Threshold } from "../score/f1_threshold.ts";

/** How a submission scores on a set of leads. */
export interface Evaluation {
  /** Leads scored. */
  readonly rows: number;
  /** Leads that converted. */
  readonly positives: number;
  /** Leads the submission calls converted. */
  readonly predicted: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** F1 at the best threshold on the probabilities, chosen by looking at the labels (an upper bound). */
  readonly best_f1?: number;
  /** That threshold. */
  readonly best_threshold?: number;
  /** Average precision of the probabilities. */
  readonly pr_auc?: number;
  readonly roc_auc?: number;
}

/**
 * Scores decisions (1 = called converted) and, optionally, probabilities against labels. The ranking
 * measures need both classes; without them they are left out.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evaluate } from "./evaluate.ts";
 * const e = evaluate(Uint8Array.of(1, 0, 1, 0), Uint8Array.of(1, 1, 0, 0), [0.9, 0.6, 0.4, 0.1]);
 * assert.deepEqual([e.f1, e.best_f1, e.roc_auc], [0.5, 0.8, 0.75]); // its decisions, the best cut, ranking
 * ```
 */
export function evaluate(labels: Uint8Array, decisions: Uint8Array, probs?: ArrayLike<number>): Evaluation {
  if (decisions.length !== labels.length || (probs && probs.length !== labels.length)) {
    throw new RangeError(
      `${labels.length} labels, ${decisions.length} decisions, ${probs?.length} probabilities`,
    );
  }
  const positives = labels.reduce((n, y) => n + y, 0);
  const scores = scoresAt(labels, decisions, 1);
  const base = {
    rows: labels.length,
    positives,
    predicted: scores.tp + scores.fp,
    precision: scores.precision,
    recall: scores.recall,
    f1: scores.f1,
  };
  if (!probs || positives === 0 || positives === labels.length) return base;
  const best = bestF1Threshold(labels, probs);
  return {
    ...base,
    best_f1: best.f1,
    best_threshold: best.threshold,
    pr_auc: prAuc(labels, probs),
    roc_auc: rocAuc(labels, probs),
  };
}

/**
 * For each id of the submission, the row of the same id among the labels. Every labelled id must be
 * scored exactly once, and nothing else: a missing, repeated or unknown id is a DataError naming the
 * file and row.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matchIds } from "./evaluate.ts";
 * const order = matchIds(["b", "a"], ["a", "b"], "sub.csv", "labels.csv");
 * assert.deepEqual(order, Uint32Array.of(1, 0)); // the labels' row of each scored row
 * ```
 */
export function matchIds(
  submissionIds: readonly (string | null)[],
  labelIds: readonly (string | null)[],
  submissionPath: string,
  labelsPath: string,
): Uint32Array {
  const labelRow = new Map<string, number>();
  labelIds.forEach((id, r) => {
    const key = id?.trim() ?? "";
    if (key === "") throw new DataError(`Cannot read ${labelsPath}: row ${r + 1} has no id`);
    if (labelRow.has(key)) {
      throw new DataError(
        `Cannot read ${labelsPath}: id "${key}" appears twice (rows ${labelRow.get(key)! + 1} and ${r + 1})`,
      );
    }
    labelRow.set(key, r);
  });
  const matched = new Uint32Array(submissionIds.length);
  const used = new Int32Array(labelIds.length).fill(-1);
  submissionIds.forEach((id, r) => {
    const key = id?.trim() ?? "";
    const at = labelRow.get(key);
    if (at === undefined) {
      throw new DataError(
        `Cannot score ${submissionPath}: row ${r + 1} has id "${key}", which ${labelsPath} does not label`,
      );
    }
    if (used[at]! >= 0) {
      throw new DataError(
        `Cannot score ${submissionPath}: id "${key}" appears twice (rows ${used[at]! + 1} and ${r + 1})`,
      );
    }
    used[at] = r;
    matched[r] = at;
  });
  const missing = used.indexOf(-1);
  if (missing >= 0) {
    throw new DataError(
      `Cannot score ${submissionPath}: it has no row for id "${labelIds[missing]}" (row ${
        missing + 1
      } of ${labelsPath})`,
    );
  }
  return matched;
}
