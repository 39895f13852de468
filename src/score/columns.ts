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
 * ```ts
 * import assert from "node:assert/strict";
 * import { decide, loadLeads, openEngine, predictProba, trainModel } from "../../mod.ts";
 * import { explanationColumns } from "./columns.ts";
 * // 40 leads of 10 customers; most leads of business unit AS convert
 * const rows = Array.from({ length: 40 }, (_, i) =>
 *   `${i % 10},${i % 3 ? "ID" : "AS"},${i % 3 === 0 && i % 5 > 0}`);
 * const train = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(train, ["customer_idx,business_unit,is_converted", ...rows].join("\n"));
 * const test = await Deno.makeTempFile({ suffix: ".csv" }); // two new leads
 * await Deno.writeTextFile(test, "id,customer_idx,business_unit\na,11,AS\nb,12,ID\n");
 * const engine = await openEngine("cpu");
 * const { artifact } = await trainModel(await loadLeads(train, "train"), { engine, folds: 2, seed: 42 });
 * const table = await loadLeads(test, "test");
 * const probs = await predictProba(engine, artifact, table);
 * const decision = decide(artifact, probs, {});
 * const { columns } = await explanationColumns(engine, artifact, table, probs, decision, artifact.trainPrior);
 * assert.deepEqual(columns.map((c) => c.name), ["score", "tier", "reasons"]);
 * assert.match(String(columns[2]!.get(0)), /^business_unit=AS \(\+/); // the first lead's strongest reason
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
