/**
 * Turns rendered leads into a polars DataFrame with the online round's column
 * order and types: integers for ids and counts, floats for rates (written as
 * `1.0`, `0.25`), text elsewhere, empty cells as nulls.
 *
 * @module
 */

import pl from "nodejs-polars";
import { ID_COLUMN, LABEL_COLUMN, ONLINE_COLUMNS } from "../data/schema.ts";
import { FINALS_SYNTH_COLUMNS } from "./finals.ts";
import type { RenderedLead } from "./render.ts";

/** Columns written as integers (the real file has no `.0` on them). */
export const INTEGER_COLUMNS: ReadonlySet<string> = new Set([
  ID_COLUMN,
  "customer_idx",
  "lead_desc_length",
  "ver_cus",
  "ver_pro",
  "lead_owner",
]);

/** The 28 feature columns, in file order. */
export const FEATURE_COLUMNS: readonly string[] = ONLINE_COLUMNS.map((c) => c.name).filter((n) =>
  n !== LABEL_COLUMN
);

/** The 38 feature columns of a finals file, in file order: the online ones, then the ten the finals added. */
export const FINALS_FEATURE_COLUMNS: readonly string[] = [
  ...FEATURE_COLUMNS,
  ...FINALS_SYNTH_COLUMNS.map((c) => c.name),
];

function featureSeries(name: string, rows: readonly RenderedLead[]): pl.Series {
  const values = rows.map((r) => r[name] ?? null);
  const kind = ONLINE_COLUMNS.find((c) => c.name === name)?.kind;
  const type = FINALS_SYNTH_COLUMNS.find((c) => c.name === name)?.type;
  if (INTEGER_COLUMNS.has(name) || type === "int") return pl.Series(name, values, pl.Int64);
  if (kind === "numeric" || type === "float") return pl.Series(name, values, pl.Float64);
  return pl.Series(name, values.map((v) => (v === null ? null : String(v))), pl.Utf8);
}

/**
 * A train table: the 29 columns of `train.csv` (39 with `finals`), `is_converted` as `True`/`False`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trainFrame } from "./frame.ts";
 * const df = trainFrame([], new Uint8Array(0));
 * assert.deepEqual([df.height, df.columns.length, df.columns.at(-1)], [0, 29, "is_converted"]);
 * ```
 */
export function trainFrame(rows: readonly RenderedLead[], labels: Uint8Array, finals = false): pl.DataFrame {
  if (labels.length !== rows.length) {
    throw new RangeError(`Cannot build a train table: ${rows.length} rows but ${labels.length} labels`);
  }
  const columns = (finals ? FINALS_FEATURE_COLUMNS : FEATURE_COLUMNS).map((name) =>
    featureSeries(name, rows)
  );
  const label = Array.from(labels, (y) => (y === 1 ? "True" : "False"));
  return pl.DataFrame([...columns, pl.Series(LABEL_COLUMN, label, pl.Utf8)]);
}

/**
 * A test table: `id`, the 28 features (38 with `finals`), and an empty `is_converted` column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { testFrame } from "./frame.ts";
 * const df = testFrame([], 0);
 * assert.deepEqual([df.height, df.columns.length, df.columns[0]], [0, 30, "id"]);
 * ```
 */
export function testFrame(rows: readonly RenderedLead[], idStart: number, finals = false): pl.DataFrame {
  const ids = rows.map((_, i) => idStart + i);
  const columns = (finals ? FINALS_FEATURE_COLUMNS : FEATURE_COLUMNS).map((name) =>
    featureSeries(name, rows)
  );
  const empty = rows.map(() => null);
  return pl.DataFrame([
    pl.Series(ID_COLUMN, ids, pl.Int64),
    ...columns,
    pl.Series(LABEL_COLUMN, empty, pl.Utf8),
  ]);
}
