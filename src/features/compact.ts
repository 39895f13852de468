/**
 * The cleaned columns of a large table, kept compact: they are built a slice
 * of rows at a time (cleaning is row by row, so the slices join into the same
 * columns), and every cell that repeats an earlier value points at that value's
 * one string; numeric columns are float64 arrays (NaN where empty). A
 * million-row table then holds one string per distinct value instead of one
 * per cell, and never all cells' fresh copies at once.
 *
 * @module
 */

import type pl from "nodejs-polars";
import { type FeatureColumns, featureColumns } from "./columns.ts";

/** Rows cleaned at a time by {@link compactFeatureColumns}. */
export const SLICE_ROWS = 65536;

/**
 * {@link featureColumns} of `frame`, built `sliceRows` rows at a time, with one string per distinct
 * value in each string column.
 */
export function compactFeatureColumns(frame: pl.DataFrame, sliceRows = SLICE_ROWS): FeatureColumns {
  if (!Number.isInteger(sliceRows) || sliceRows < 1) {
    throw new RangeError(`sliceRows must be a positive integer, got ${sliceRows}`);
  }
  const rows = frame.height;
  if (rows <= sliceRows) return internColumns(featureColumns(frame));
  let out: { categorical: Joined<string>; numeric: Map<string, Float64Array>; text: Joined<string> } | null =
    null;
  for (let start = 0; start < rows; start += sliceRows) {
    const part = featureColumns(frame.slice(start, Math.min(sliceRows, rows - start)));
    out ??= {
      categorical: new Joined(part.categorical, rows),
      numeric: new Map([...part.numeric.keys()].map((name) => [name, new Float64Array(rows)])),
      text: new Joined(part.text, rows),
    };
    out.categorical.add(part.categorical, start);
    for (const [name, values] of part.numeric) out.numeric.get(name)!.set(values, start);
    out.text.add(part.text, start);
  }
  return {
    rows,
    categorical: out!.categorical.columns,
    numeric: out!.numeric,
    text: out!.text.columns,
  };
}

/** String columns of one kind, filled slice by slice, strings interned per column. */
class Joined<T> {
  readonly columns = new Map<string, (T | null)[]>();
  readonly #seen = new Map<string, Map<T, T>>();

  constructor(first: ReadonlyMap<string, readonly (T | null)[]>, rows: number) {
    for (const name of first.keys()) {
      this.columns.set(name, new Array<T | null>(rows).fill(null));
      this.#seen.set(name, new Map());
    }
  }

  add(part: ReadonlyMap<string, readonly (T | null)[]>, start: number): void {
    for (const [name, cells] of part) {
      const column = this.columns.get(name);
      if (column === undefined) throw new Error(`column ${name} missing from the first slice`);
      const seen = this.#seen.get(name);
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i]!;
        column[start + i] = cell === null ? cell : internOne(seen!, cell);
      }
    }
  }
}

function internOne<T>(seen: Map<T, T>, cell: T): T {
  const first = seen.get(cell);
  if (first !== undefined) return first;
  seen.set(cell, cell);
  return cell;
}

/**
 * Shares one string per distinct value in `columns`' text columns, in place; returns `columns`. The
 * categorical columns come from {@link featureColumns} with their values shared already.
 */
export function internColumns(columns: FeatureColumns): FeatureColumns {
  for (const column of columns.text.values()) internStrings(column as (string | null)[]);
  return columns;
}

/** Replaces each string of `cells` by the first equal string seen (per call), in place. */
export function internStrings(cells: (string | null)[]): void {
  const seen = new Map<string, string>();
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || cell === undefined) continue;
    cells[i] = internOne(seen, cell);
  }
}
