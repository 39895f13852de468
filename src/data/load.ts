/**
 * Reads a lead table from CSV with polars. Every column is read as text first,
 * then cast to its schema type with a check, so a bad value is reported with
 * its file, column and row instead of silently becoming null.
 *
 * @module
 */
import pl from "nodejs-polars";
import { DataError } from "../errors.ts";
import { detectSchema, type TableSchema } from "./validate.ts";
import { ID_COLUMN, LABEL_COLUMN } from "./schema.ts";

/** Whether a file holds labelled training rows or test rows to score. */
export type TableRole = "train" | "test";

/** A lead table read from disk and checked against the schema. */
export interface LeadTable {
  /** Where it was read from. */
  readonly path: string;
  /** The cells exactly as read (all text), for writing the rows back out unchanged. */
  readonly raw: pl.DataFrame;
  /** Typed columns: numerics as Float64, everything else as text; the label is left out. */
  readonly frame: pl.DataFrame;
  /** Labels (1 = converted), for training files. */
  readonly labels: Uint8Array | undefined;
  /** How the header was matched to the schema. */
  readonly schema: TableSchema;
}

const TRUE_LABELS = new Set(["true", "1", "1.0"]);
const FALSE_LABELS = new Set(["false", "0", "0.0"]);

/**
 * Reads and validates a lead table.
 *
 * @example
 * ```ts ignore
 * const table = await loadLeads("data/sample/train.csv", "train");
 * console.log(table.frame.height, table.labels?.length);
 * ```
 */
export async function loadLeads(path: string, role: TableRole): Promise<LeadTable> {
  const raw = await readAsText(path);
  const schema = detectSchema(path, raw.columns, role);
  const casts = schema.numeric.map((name) => castNumeric(path, raw, name));
  const frame = raw.drop(LABEL_COLUMN).withColumns(...casts);
  const labels = role === "train" ? parseLabels(path, raw) : undefined;
  return { path, raw, frame, labels, schema };
}

/** Reads a CSV file with every column as text; a missing, empty or malformed file is a DataError. */
export async function readAsText(path: string): Promise<pl.DataFrame> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new DataError(`Cannot read ${path}: no such file`);
    if (error instanceof Deno.errors.IsADirectory) {
      throw new DataError(`Cannot read ${path}: it is a directory`);
    }
    throw new DataError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  if (text.trim() === "") throw new DataError(`Cannot read ${path}: the file is empty`);
  let df: pl.DataFrame;
  try {
    // inferSchemaLength 0: every column is text; casts happen below, with checks.
    df = pl.readCSV(text, { inferSchemaLength: 0, hasHeader: true, quoteChar: '"' });
  } catch (error) {
    const reason = String((error as Error).message ?? error).split("\n")[0];
    throw new DataError(`Cannot read ${path}: not a valid CSV file (${reason})`);
  }
  if (df.height === 0) throw new DataError(`Cannot read ${path}: the file has a header but no rows`);
  return df;
}

/** Casts one text column to Float64, failing on the first value that is not a number. */
function castNumeric(path: string, raw: pl.DataFrame, name: string): pl.Series {
  const text = raw.getColumn(name);
  // Surrounding spaces (" 1.5 ") are not an error; anything else that is not a number is.
  const values = raw.select(pl.col(name).str.strip().cast(pl.Float64, false)).getColumn(name);
  const cells = text.toArray() as (string | null)[];
  const numbers = values.toArray() as (number | null)[];
  const row = cells.findIndex((cell, i) =>
    cell !== null && (numbers[i] === null || Number.isNaN(numbers[i]))
  );
  if (row >= 0) {
    throw new DataError(
      `Cannot read ${path}: column "${name}" row ${row + 1} is "${cells[row]}", expected a number`,
    );
  }
  return values.alias(name);
}

/** The `is_converted` column as 0/1 (True/False or 1/0); any other cell is a DataError naming its row. */
export function parseLabels(path: string, raw: pl.DataFrame): Uint8Array {
  const cells = raw.getColumn(LABEL_COLUMN).toArray() as (string | null)[];
  const labels = new Uint8Array(cells.length);
  for (let row = 0; row < cells.length; row++) {
    const cell = cells[row];
    const value = cell?.trim().toLowerCase() ?? "";
    if (TRUE_LABELS.has(value)) labels[row] = 1;
    else if (!FALSE_LABELS.has(value)) {
      const shown = cell === null || cell === undefined ? "empty" : `"${cell}"`;
      throw new DataError(
        `Cannot read ${path}: column "${LABEL_COLUMN}" row ${
          row + 1
        } is ${shown}, expected True/False or 1/0`,
      );
    }
  }
  return labels;
}

/** Row ids of a test table, as text. */
export function idsOf(table: LeadTable): string[] {
  return table.raw.getColumn(ID_COLUMN).toArray() as string[];
}
