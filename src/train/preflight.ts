/**
 * Checks, before any fitting, that a table can be cross-validated as asked: enough rows of each label
 * once placeholder customers are left out, and enough customers for grouped folds. A table that
 * cannot is the user's data, so it is refused with a `DataError` naming the file, not a `RangeError`
 * from deep inside the fold maker.
 *
 * @module
 */
import type { LeadTable } from "../data/load.ts";
import { stringColumn } from "../data/frames.ts";
import { DataError } from "../errors.ts";
import { findPlaceholders } from "./placeholders.ts";

/** The cross-validation asked for: folds, how rows are grouped, and whether placeholders stay. */
export interface PreflightOptions {
  readonly folds: number;
  /** As `trainModel`'s option: "random" needs no customers (default "customer"). */
  readonly grouping?: "customer" | "mixed" | "random";
  readonly keepPlaceholders?: boolean;
}

/**
 * Throws a `DataError` (`Cannot train on FILE: ...`) when `trainModel` could not make `folds` folds of
 * `table`'s training rows (the rows it keeps: placeholder customers left out unless kept).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadLeads } from "../data/load.ts";
 * import { checkTrainable } from "./preflight.ts";
 * // 12 leads of 4 customers, half of them converted
 * const rows = Array.from({ length: 12 }, (_, i) => `${i % 4},${i < 6}`);
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, ["customer_idx,is_converted", ...rows].join("\n"));
 * const table = await loadLeads(path, "train");
 * checkTrainable(table, "train.csv", { folds: 4 }); // passes
 * assert.throws(() => checkTrainable(table, "train.csv", { folds: 5 }), {
 *   name: "DataError",
 *   message: 'Cannot train on train.csv: 5-fold cross-validation grouped by "customer_idx" needs at least ' +
 *     "5 customers, it has 4 (give fewer --folds or --grouping random)",
 * });
 * checkTrainable(table, "train.csv", { folds: 5, grouping: "random" }); // passes: rows, not customers
 * ```
 */
export function checkTrainable(table: LeadTable, file: string, options: PreflightOptions): void {
  const labels = table.labels;
  if (labels === undefined) throw new TypeError("checkTrainable needs a table with labels");
  const k = options.folds;
  const group = table.roles.group;
  const customers = group === null ? null : stringColumn(table.raw, group);
  const left = customers === null || options.keepPlaceholders ? [] : findPlaceholders(customers, labels);
  const excluded = new Set(left.map((p) => p.customer));
  let positives = 0, negatives = 0;
  const kept = new Set<string>();
  for (let r = 0; r < labels.length; r++) {
    const customer = customers?.[r] ?? "";
    if (excluded.has(customer)) continue;
    kept.add(customer);
    if (labels[r] === 1) positives++;
    else negatives++;
  }
  if (Math.min(positives, negatives) < k) {
    const placeholders = left.length ? ` once ${left.length} placeholder customer(s) are left out` : "";
    throw new DataError(
      `Cannot train on ${file}: ${k}-fold cross-validation needs at least ${k} rows of each label; column "${table.roles.label}" has ${positives} positive and ${negatives} negative${placeholders}`,
    );
  }
  if (customers !== null && options.grouping !== "random" && kept.size < k) {
    throw new DataError(
      `Cannot train on ${file}: ${k}-fold cross-validation grouped by "${group}" needs at least ${k} customers, it has ${kept.size} (give fewer --folds or --grouping random)`,
    );
  }
}
