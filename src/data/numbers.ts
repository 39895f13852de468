/**
 * Numbers in text columns: a numeric column cast with a check (a bad value is a `DataError` naming its
 * column, row and text) and a column of any kind whose missing tokens become null when all its cells are
 * numbers. Polars does the work on the column natively; the cells it cannot settle (a value it does not
 * read, an infinity, odd whitespace) send the column through the same rules in JavaScript, one cell at a
 * time, so the result is always what {@linkcode numberOf} says.
 *
 * @module
 */
import pl from "nodejs-polars";
import { DataError } from "../errors.ts";

/** The ASCII whitespace polars strips; JavaScript's `trim` strips more, and those cells are left unsettled. */
const ASCII_SPACE = " \t\n\r\v\f";
/** A decimal comma, as `numberOf` reads it (ASCII digits only, like JavaScript's `\d`). */
const DECIMAL_COMMA = "^[-+]?[0-9]*,[0-9]+$";
/** Cells checked in JavaScript at a time while looking for one that is not a number. */
const PROBE = 1024;

/**
 * A cell as a number, null when missing (empty or one of `na`, after trimming); undefined when it is not
 * a number. With `decimalComma`, `0,25` is 0.25.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { numberOf } from "./numbers.ts";
 * assert.equal(numberOf(" 0,25 ", new Set(["NA"]), true), 0.25);
 * assert.equal(numberOf("NA", new Set(["NA"]), false), null);
 * assert.equal(numberOf("abc", new Set(), false), undefined);
 * ```
 */
export function numberOf(
  cell: string | null,
  na: ReadonlySet<string>,
  decimalComma: boolean,
): number | null | undefined {
  const text = cell?.trim() ?? "";
  if (text === "" || na.has(text)) return null;
  const value = Number(decimalComma && /^[-+]?\d*,\d+$/.test(text) ? text.replace(",", ".") : text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Casts the text column `series` to Float64 (missing cells null), failing on the first cell that is not
 * a number with a `DataError` naming `path`, the column and the row.
 */
export function numericColumn(
  path: string,
  series: pl.Series,
  na: ReadonlySet<string>,
  decimalComma: boolean,
): pl.Series {
  const native = readNatively(series, na, decimalComma);
  if (!native.getColumn("unsettled").any()) return native.getColumn("value").rename(series.name);
  const cells = series.toArray() as (string | null)[];
  const values = cells.map((cell, row) => {
    const value = numberOf(cell, na, decimalComma);
    if (value === undefined) {
      throw new DataError(
        `Cannot read ${path}: column "${series.name}" row ${row + 1} is "${cell}", expected a number`,
      );
    }
    return value;
  });
  return pl.Series(series.name, values, pl.Float64);
}

/**
 * A column whose kind the plan infers: when every cell is a number or missing (and not every one is
 * missing), missing tokens become null and decimal commas points, so that the plan sees a numeric
 * column; otherwise `series` itself, the cells as read.
 */
export function inferredColumn(series: pl.Series, na: ReadonlySet<string>, decimalComma: boolean): pl.Series {
  // one cell that is not a number keeps the column as read: most text columns show one in their first rows
  const isText = (cells: (string | null)[]) =>
    cells.some((cell) => numberOf(cell, na, decimalComma) === undefined);
  if (isText(series.head(PROBE).toArray() as (string | null)[])) return series;
  const native = readNatively(series, na, decimalComma);
  const unsettled = native.getColumn("unsettled");
  if (unsettled.any()) {
    const rows = unsettled.argTrue();
    for (let start = 0; start < rows.length; start += PROBE) {
      const at = rows.slice(start, PROBE).toArray() as number[];
      if (isText(series.gather(at).toArray() as (string | null)[])) return series;
    }
    return numbersAsText(series, na, decimalComma);
  }
  const missing = native.getColumn("missing");
  if (missing.all()) return series;
  return native.select(
    pl.when(pl.col("missing")).then(pl.lit(null).cast(pl.Utf8)).otherwise(pl.col("text")).alias(series.name),
  ).getColumn(series.name);
}

/**
 * What polars makes of each cell: `value` (Float64, null when missing or unread), `missing`, `text` (the
 * cell with a decimal comma made a point, else as read) and `unsettled` (a cell that is not missing and
 * that polars did not read as a finite number: only `numberOf` can say what it is).
 */
function readNatively(series: pl.Series, na: ReadonlySet<string>, decimalComma: boolean): pl.DataFrame {
  const cell = pl.col("cell");
  const trimmed = cell.str.stripChars(ASCII_SPACE);
  const comma = decimalComma ? trimmed.str.contains(DECIMAL_COMMA) : pl.lit(false);
  const number = pl.when(comma).then(trimmed.str.replace(",", ".", true)).otherwise(trimmed);
  const missing = cell.isNull().or(trimmed.isIn(["", ...na]));
  const value = number.cast(pl.Float64, false);
  return pl.DataFrame([series.rename("cell")]).select(
    pl.when(missing).then(pl.lit(null).cast(pl.Float64)).otherwise(value).alias("value"),
    missing.alias("missing"),
    pl.when(comma).then(number).otherwise(cell).alias("text"),
    missing.not().and(value.isNull().or(value.isFinite().not())).fillNull(true).alias("unsettled"),
  );
}

/** The JavaScript twin of {@linkcode inferredColumn}'s native path, for columns with unusual numbers. */
function numbersAsText(series: pl.Series, na: ReadonlySet<string>, decimalComma: boolean): pl.Series {
  const cells = series.toArray() as (string | null)[];
  const values = cells.map((c) => numberOf(c, na, decimalComma));
  if (values.every((v) => v === null)) return series;
  const text = cells.map((cell, i) => {
    if (values[i] === null) return null;
    const trimmed = cell!.trim();
    return decimalComma && trimmed.includes(",") ? trimmed.replace(",", ".") : cell;
  });
  return pl.Series(series.name, text, pl.Utf8);
}
