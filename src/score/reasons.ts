/**
 * A lead's reasons in words: the columns whose values moved its log-odds most, strongest first, as
 * `COLUMN=VALUE (+0.83)`.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { Explanation } from "./explain.ts";

/** One column's contribution to one lead's log-odds. */
export interface Reason {
  readonly column: string;
  /** The cell as read ("" when empty). */
  readonly value: string;
  /** logit(p) minus logit(p with the cell empty). */
  readonly delta: number;
}

/** Column positions of row `row`'s `count` largest absolute contributions, strongest first. */
export function topReasonsOf(explanation: Explanation, row: number, count = 3): number[] {
  const k = explanation.columns.length;
  const base = row * k;
  const order = Array.from({ length: k }, (_, c) => c);
  order.sort((a, b) =>
    Math.abs(explanation.deltas[base + b]!) - Math.abs(explanation.deltas[base + a]!) || a - b
  );
  return order.slice(0, count);
}

/** `COLUMN=VALUE (+0.83) | ...`, the form of the submission's `reasons` column. */
export function formatReasons(reasons: readonly Reason[]): string {
  return reasons.map((r) =>
    `${r.column}=${r.value.trim()} (${r.delta >= 0 ? "+" : "-"}${Math.abs(r.delta).toFixed(2)})`
  )
    .join(" | ");
}

/**
 * The `reasons` cell of every row.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { reasonCells } from "./reasons.ts";
 * // usually `explainRows(engine, artifact, table)` gives the explanation and `table.raw` the cells
 * const raw = pl.DataFrame({ business_unit: ["AS", "ID"], customer_job: ["sales", null] });
 * const explanation = {
 *   columns: ["business_unit", "customer_job"],
 *   probs: new Float32Array([0.7, 0.1]),
 *   deltas: new Float64Array([0.2, 0.834, -1.5, 0.01]), // row-major: row 0's two columns, then row 1's
 * };
 * const top = reasonCells(explanation, raw, 1);
 * assert.deepEqual(top, ["customer_job=sales (+0.83)", "business_unit=ID (-1.50)"]);
 * assert.equal(reasonCells(explanation, raw)[1], "business_unit=ID (-1.50) | customer_job= (+0.01)");
 * ```
 */
export function reasonCells(explanation: Explanation, raw: pl.DataFrame, count = 3): string[] {
  const cells = new Map(
    explanation.columns.map((c) => [c, raw.getColumn(c).toArray() as (string | null)[]]),
  );
  return Array.from({ length: raw.height }, (_, row) =>
    formatReasons(
      topReasonsOf(explanation, row, count).map((c) => {
        const column = explanation.columns[c]!;
        return {
          column,
          value: cells.get(column)![row] ?? "",
          delta: explanation.deltas[row * explanation.columns.length + c]!,
        };
      }),
    ));
}
