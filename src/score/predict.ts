/**
 * Scoring new leads with a saved model: in every cross-validation fold the
 * stored feature plan is applied unchanged and every member predicts; the
 * folds' blends are averaged, and the average is thresholded.
 *
 * @module
 */
import type { FoldModel, ModelArtifact } from "../artifact.ts";
import type { LeadTable } from "../data/load.ts";
import { DataError } from "../errors.ts";
import type { FeatureColumns } from "../features/columns.ts";
import { compactFeatureColumns } from "../features/compact.ts";
import { withoutCrosses } from "../features/crosses.ts";
import { transformFeatures } from "../features/plan.ts";
import { requiredColumns } from "../features/sources.ts";
import type { Engine } from "../gpu/device.ts";
import { type FittedMlp, predictMlp } from "../models/mlp.ts";
import type { Design } from "../features/design.ts";
import { mixRepeats, rowHashes } from "./repeats.ts";
import { blend } from "./blend.ts";

/** Rows scored at a time by {@link predictProba} unless told otherwise. */
export const SCORE_SLICE_ROWS = 65536;

/**
 * Blended probabilities for the rows of a test table: the mean over the model's folds of each fold's
 * weighted blend of its members, mixed with the training labels of leads it repeats exactly. Rows are
 * scored `sliceRows` at a time (the result does not depend on it; smaller slices hold less memory).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadLeads, openEngine, trainModel } from "../../mod.ts";
 * import { predictProba } from "./predict.ts";
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
 * assert.ok(probs[0]! > probs[1]!); // the AS lead is likelier to convert
 * ```
 */
export async function predictProba(
  engine: Engine,
  artifact: ModelArtifact,
  table: LeadTable,
  sliceRows = SCORE_SLICE_ROWS,
): Promise<Float32Array> {
  checkColumns(artifact, table);
  const present = new Set(table.raw.columns);
  const columns = compactFeatureColumns(table.frame);
  const mean = new Float32Array(table.frame.height);
  // rows are scored a slice at a time, so one slice's designs exist at once (each row's probability
  // depends on that row alone: the same bits as scoring all rows together)
  for (let start = 0; start < mean.length; start += sliceRows) {
    const end = Math.min(mean.length, start + sliceRows);
    const rows = Uint32Array.from({ length: end - start }, (_, i) => start + i);
    for (const fold of artifact.folds) {
      const blended = await foldProbabilities(engine, fold, columns, rows);
      for (let i = 0; i < rows.length; i++) mean[start + i]! += blended[i]! / artifact.folds.length;
    }
  }
  if (artifact.repeats?.columns.every((c) => present.has(c))) {
    mixRepeats(artifact.repeats, rowHashes(table.raw, artifact.repeats.columns), mean);
  }
  return mean;
}

/**
 * One fold's blended probabilities of the given rows of the cleaned columns: its plan's design, each
 * member on the design it reads (with or without the crosses), blended with the members' weights.
 */
export async function foldProbabilities(
  engine: Engine,
  fold: FoldModel,
  columns: FeatureColumns,
  rows: ArrayLike<number> | undefined,
): Promise<Float32Array> {
  const design = transformFeatures(fold.plan, columns, rows);
  return blend(await memberProbabilities(engine, fold.members, design), fold.members.map((m) => m.weight));
}

/** Each member's probabilities of a fold's design, the crossed categoricals left out for those without. */
export async function memberProbabilities(
  engine: Engine,
  members: readonly { readonly crosses: boolean; readonly model: FittedMlp }[],
  design: Design,
): Promise<Float32Array[]> {
  const plain = withoutCrosses(design);
  const probs = [];
  for (const member of members) {
    probs.push(await predictMlp(engine, member.model, member.crosses ? design : plain));
  }
  return probs;
}

/** Fails with a one-line `DataError` when `table` lacks a column the model reads. */
export function checkColumns(artifact: ModelArtifact, table: LeadTable): void {
  const present = new Set(table.raw.columns);
  // only the columns the plans read: never the label, nor a column the model does not use
  const order = (c: string) => (artifact.columns.indexOf(c) + 1 || Infinity);
  const needed = [...new Set(artifact.folds.flatMap((f) => requiredColumns(f.plan.sources ?? [])))]
    .sort((a, b) => order(a) - order(b));
  const missing = needed.filter((c) => !present.has(c));
  if (missing.length > 0) {
    throw new DataError(
      `Cannot score ${table.path}: the model (trained on a ${artifact.round}-round file) needs column${
        missing.length > 1 ? "s" : ""
      } ${missing.map((m) => `"${m}"`).join(", ")}, which the file lacks`,
    );
  }
}
