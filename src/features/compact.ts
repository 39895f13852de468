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
import { codesOf, rememberCodes } from "./codes.ts";
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
  let out: JoinedColumns | null = null;
  for (let start = 0; start < rows; start += sliceRows) {
    const part = featureColumns(frame.slice(start, Math.min(sliceRows, rows - start)));
    (out ??= new JoinedColumns(part, rows)).add(part, start);
  }
  return out!.done();
}

/**
 * Cleaned columns of row blocks joined into the columns of all their rows: each string column keeps one
 * string per distinct value, and the categorical ones their codes (codes.ts). Every block must have the
 * same columns as the first.
 */
export class JoinedColumns {
  readonly #rows: number;
  readonly #categorical: Joined;
  readonly #numeric: Map<string, Float64Array>;
  readonly #text: Joined;

  /** Columns of `rows` rows, shaped like `first`; fill them with {@link add}. */
  constructor(first: FeatureColumns, rows: number) {
    this.#rows = rows;
    this.#categorical = new Joined(first.categorical, rows, true);
    this.#numeric = new Map([...first.numeric.keys()].map((name) => [name, new Float64Array(rows)]));
    this.#text = new Joined(first.text, rows, false);
  }

  /** Puts `part`'s rows at rows `start` on. */
  add(part: FeatureColumns, start: number): void {
    this.#categorical.add(part.categorical, start);
    for (const [name, values] of part.numeric) {
      const column = this.#numeric.get(name);
      if (column === undefined) throw new Error(`column ${name} missing from the first block`);
      column.set(values, start);
    }
    this.#text.add(part.text, start);
  }

  /** The joined columns. */
  done(): FeatureColumns {
    return {
      rows: this.#rows,
      categorical: this.#categorical.done(),
      numeric: this.#numeric,
      text: this.#text.done(),
    };
  }
}

/**
 * String columns of one kind, filled slice by slice: each column keeps one string per distinct value,
 * and its codes (codes.ts) when asked, mapped from each slice's own codes (one lookup per distinct value
 * of a slice, not per cell).
 */
class Joined {
  readonly columns = new Map<string, (string | null)[]>();
  readonly #codes = new Map<string, Int32Array>();
  readonly #values = new Map<string, string[]>();
  readonly #index = new Map<string, Map<string, number>>();
  readonly #keepCodes: boolean;

  constructor(first: ReadonlyMap<string, readonly (string | null)[]>, rows: number, keepCodes: boolean) {
    this.#keepCodes = keepCodes;
    for (const name of first.keys()) {
      this.columns.set(name, new Array<string | null>(rows).fill(null));
      if (keepCodes) this.#codes.set(name, new Int32Array(rows).fill(-1));
      this.#values.set(name, []);
      this.#index.set(name, new Map());
    }
  }

  add(part: ReadonlyMap<string, readonly (string | null)[]>, start: number): void {
    for (const [name, cells] of part) {
      const column = this.columns.get(name);
      if (column === undefined) throw new Error(`column ${name} missing from the first block`);
      const codes = this.#codes.get(name);
      const values = this.#values.get(name)!;
      const index = this.#index.get(name)!;
      const slice = codesOf(cells);
      const joined = new Int32Array(slice.values.length);
      slice.values.forEach((value, c) => {
        let code = index.get(value);
        if (code === undefined) index.set(value, code = values.push(value) - 1);
        joined[c] = code;
      });
      for (let i = 0; i < cells.length; i++) {
        const c = slice.codes[i]!;
        if (c < 0) continue;
        if (codes !== undefined) codes[start + i] = joined[c]!;
        column[start + i] = values[joined[c]!]!;
      }
    }
  }

  /** The joined columns, their codes remembered (codes.ts) when kept. */
  done(): Map<string, (string | null)[]> {
    if (this.#keepCodes) {
      for (const [name, column] of this.columns) {
        rememberCodes(column, { codes: this.#codes.get(name)!, values: this.#values.get(name)! });
      }
    }
    return this.columns;
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
