/**
 * The few frame operations tasks need, so polars stays inside `src/data/`: a column's cells as strings
 * and the row subsets `holdout` writes.
 *
 * @module
 */
import pl from "nodejs-polars";
import { ID_COLUMN, LABEL_COLUMN } from "./schema.ts";

/** A table as read from a file (every column text, see `readAsText`). */
export type TextFrame = pl.DataFrame;

/**
 * The cells of column `name` as strings (`null` for an empty cell); a column of another type is cast to
 * text. Throws a `RangeError` when the frame has no such column: check `frame.columns` first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { stringColumn } from "./frames.ts";
 * assert.deepEqual(stringColumn(pl.DataFrame({ id: ["a", null] }), "id"), ["a", null]);
 * ```
 */
export function stringColumn(frame: TextFrame, name: string): (string | null)[] {
  if (!frame.columns.includes(name)) throw new RangeError(`Cannot read column "${name}": no such column`);
  const series = frame.getColumn(name);
  const text = series.dtype.equals(pl.String) ? series : series.cast(pl.String);
  return text.toArray() as (string | null)[];
}

/** The three files of a test-like holdout: training rows, held-out rows without labels, and their labels. */
export interface HoldoutFrames {
  /** The training rows, every column as read. */
  readonly train: TextFrame;
  /** The held-out rows with an empty label column, identified by `id` (the row number when absent). */
  readonly test: TextFrame;
  /** `id` and the label of each held-out row. */
  readonly labels: TextFrame;
}

/**
 * Splits `raw` (a training table as read, with a label column) into the rows `train` and the held-out
 * rows `holdout` (row numbers), shaped as a test file and its labels.
 */
export function holdoutFrames(raw: TextFrame, train: Uint32Array, holdout: Uint32Array): HoldoutFrames {
  const rows = (indices: Uint32Array) => raw.select(pl.all().gather(pl.Series(indices)));
  const held = rows(holdout);
  const ids = raw.columns.includes(ID_COLUMN)
    ? held.getColumn(ID_COLUMN)
    : pl.Series(ID_COLUMN, Array.from(holdout, String), pl.String);
  const features = held.columns.filter((c) => c !== ID_COLUMN && c !== LABEL_COLUMN);
  const test = pl.DataFrame([ids, ...features.map((c) => held.getColumn(c))]).withColumns(
    pl.lit(null).cast(pl.String).alias(LABEL_COLUMN),
  );
  const labels = pl.DataFrame([ids, held.getColumn(LABEL_COLUMN)]);
  return { train: rows(train), test, labels };
}
