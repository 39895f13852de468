/**
 * Scoring new leads with a saved model: the stored feature plan is applied
 * unchanged, every member predicts, the blend is thresholded.
 *
 * @module
 */
import type { ModelArtifact } from "./artifact.ts";
import type { LeadTable } from "./data/load.ts";
import { DataError } from "./errors.ts";
import { featureColumns } from "./features/columns.ts";
import { transformFeatures } from "./features/plan.ts";
import { requiredColumns } from "./features/sources.ts";
import type { Engine } from "./gpu/device.ts";
import { predictMlp } from "./models/mlp.ts";
import { blend } from "./train/ensemble.ts";

/**
 * Blended probabilities for the rows of a test table.
 *
 * @example
 * ```ts ignore
 * const probs = await predictProba(engine, await loadModel("models/latest"), table);
 * ```
 */
export async function predictProba(
  engine: Engine,
  artifact: ModelArtifact,
  table: LeadTable,
): Promise<Float32Array> {
  const present = new Set(table.raw.columns);
  const needed = [...new Set([...artifact.columns, ...requiredColumns(artifact.plan.sources ?? [])])];
  const missing = needed.filter((c) => !present.has(c));
  if (missing.length > 0) {
    throw new DataError(
      `Cannot score ${table.path}: the model (trained on a ${artifact.round}-round file) needs column${
        missing.length > 1 ? "s" : ""
      } ${missing.map((m) => `"${m}"`).join(", ")}, which the file lacks`,
    );
  }
  const design = transformFeatures(artifact.plan, featureColumns(table.frame));
  const probs = [];
  for (const member of artifact.members) probs.push(await predictMlp(engine, member.model, design));
  return blend(probs, artifact.members.map((m) => m.weight));
}
