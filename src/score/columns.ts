/**
 * The columns `submit --explain` adds after the label: `score` (1-99), `tier` (A-D) and `reasons` (the
 * three columns that moved the lead's log-odds most).
 *
 * @module
 */
import pl from "nodejs-polars";
import type { ModelArtifact } from "../artifact.ts";
import type { Decision } from "./decision.ts";
import type { Engine } from "../gpu/device.ts";
import { type ExplainedRows, explainRows } from "./explain.ts";
import { reasonCells } from "./reasons.ts";
import { assignTiers, leadScore, rateCurve, type Tier } from "./tiers.ts";

/** Reasons given per lead. */
export const REASON_COUNT = 3;

/** How many leads fell in each tier. */
export type TierCounts = Record<Tier, number>;

/**
 * The `score`, `tier` and `reasons` columns of scored leads.
 *
 * @example
 * ```ts ignore
 * const probs = await predictProba(engine, artifact, table);
 * const decision = decide(artifact, probs, {});
 * const { columns } = await explanationColumns(engine, artifact, table, probs, decision, artifact.trainPrior);
 * ```
 */
export async function explanationColumns(
  engine: Engine,
  artifact: ModelArtifact,
  rows: ExplainedRows,
  rawProbs: Float32Array,
  decision: Decision,
  testPrior: number,
): Promise<{ columns: pl.Series[]; tiers: TierCounts }> {
  const explanation = await explainRows(engine, artifact, rows);
  const { probabilities, threshold } = decision;
  const predicted = Array.from(probabilities, (p) => p >= threshold);
  const tiers = assignTiers(
    { curve: rateCurve(artifact.oofSummary), trainPrior: artifact.trainPrior, testPrior },
    rawProbs,
    predicted,
  );
  const counts: TierCounts = { A: 0, B: 0, C: 0, D: 0 };
  for (const t of tiers) counts[t]++;
  return {
    columns: [
      pl.Series("score", Array.from(probabilities, leadScore), pl.Int32),
      pl.Series("tier", tiers, pl.String),
      pl.Series("reasons", reasonCells(explanation, rows.raw, REASON_COUNT), pl.String),
    ],
    tiers: counts,
  };
}
