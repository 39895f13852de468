/**
 * How a fitted plan uses each column of the training file, in words, for the
 * train report and `metrics.json`.
 *
 * @module
 */
import { ID_COLUMN, LABEL_COLUMN } from "../data/schema.ts";
import { isCross } from "./crosses.ts";
import type { FeaturePlan } from "./plan.ts";

/** One column of the file and how the model uses it. */
export interface ColumnUse {
  readonly column: string;
  readonly use: string;
}

/**
 * Describes, column by column, how `plan` uses the file's columns; with `header`, columns the plan
 * does not read are listed too (as "unused"), in file order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { describeColumnUse } from "./column_use.ts";
 * import { featureColumns } from "./columns.ts";
 * import { fitFeatures } from "./plan.ts";
 * const train = pl.DataFrame({ business_unit: ["AS", "ID", "AS"], lead_desc_length: [62, null, 30] });
 * const { plan } = fitFeatures(featureColumns(train), new Uint8Array([1, 0, 0]), undefined, { minCount: 1 });
 * assert.deepEqual(describeColumnUse(plan, ["business_unit", "customer_country.1", "lead_desc_length"]), [
 *   { column: "business_unit", use: "categorical (2 values + other)" },
 *   { column: "customer_country.1", use: "unused" },
 *   { column: "lead_desc_length", use: "numeric (log1p), missing flag" },
 * ]);
 * ```
 */
export function describeColumnUse(plan: FeaturePlan, header?: readonly string[]): ColumnUse[] {
  const byColumn = new Map<string, string[]>();
  const targets = new Set(plan.targets.map((t) => t.name));
  const flagged = new Set(plan.missingFlags);
  for (const source of plan.sources) {
    const inferred = source.inferred ? ", inferred" : "";
    let use: string;
    switch (source.use) {
      case "categorical": {
        const size = plan.vocabularies.find((v) => v.name === source.feature)?.values.length ?? 0;
        const derived = source.feature === source.column ? "" : ` "${source.feature}"`;
        use = isCross(source.feature)
          ? `crossed "${source.feature}" (${size} pairs + other)`
          : `categorical${derived}${inferred} (${size} values + other)`;
        if (targets.has(source.feature)) use += ", target encoding";
        break;
      }
      case "numeric": {
        const log = plan.scalers.find((s) => s.name === source.feature)?.log ? " (log1p)" : "";
        use = `numeric${inferred}${log}${flagged.has(source.feature) ? ", missing flag" : ""}`;
        break;
      }
      default:
        use = describeBlock(plan, source.feature) + inferred;
    }
    byColumn.set(source.column, [...(byColumn.get(source.column) ?? []), use]);
  }
  const used = [...byColumn].map(([column, uses]) => ({ column, use: uses.join("; ") }));
  if (header === undefined) return used;
  const index = new Map(used.map((u) => [u.column, u]));
  return header.filter((c) => c !== LABEL_COLUMN && c !== ID_COLUMN).map((column) =>
    index.get(column) ?? { column, use: "unused" }
  );
}

function describeBlock(plan: FeaturePlan, name: string): string {
  const block = plan.blocks.find((b) => b.name === name);
  switch (block?.use) {
    case "text":
      return `free text: ${block.buckets} hashed word and character n-gram buckets + 5 counts`;
    case "date":
      return `date: year, month, weekday, day of year, days before ${dayString(block.reference)}${
        block.flagMissing ? ", missing flag" : ""
      }`;
    case "budget":
      return `budget: lower and upper amount${block.flagMissing ? ", missing flag" : ""}, unparseable flag`;
    default:
      return "unused";
  }
}

function dayString(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
