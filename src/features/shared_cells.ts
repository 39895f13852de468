/**
 * Polars columns as JavaScript arrays in which equal cells are one string. polars reads each column as a
 * categorical (a hash of its values, no sort) and hands over its integer codes; only the first row of
 * each distinct value becomes a JavaScript string, so a column of n cells with d distinct values makes d
 * strings, not n, and no JavaScript loop hashes a string per cell. The codes are kept for the features
 * (codes.ts). On train_dev.csv's 16 cleaned columns this takes about 0.05 s; ranking them (a sort of
 * their strings, the way before) took 0.2 s, and 0.58 s with the 35 crosses, now crossed from the codes
 * (crosses.ts).
 *
 * @module
 */
import pl from "nodejs-polars";
import { type Codes, rememberCodes } from "./codes.ts";

/**
 * The cells of `frame`'s columns `names`, by name, as `toArray` gives them, with one string per distinct
 * value in each column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { sharedCells } from "./shared_cells.ts";
 * const frame = pl.DataFrame({ unit: ["AS", null, "ID", "AS"] });
 * const unit = sharedCells(frame, ["unit"]).get("unit")!;
 * assert.deepEqual(unit, ["AS", null, "ID", "AS"]);
 * ```
 */
export function sharedCells(frame: pl.DataFrame, names: readonly string[]): Map<string, (string | null)[]> {
  const coded = columnCodes(frame, names);
  return new Map(names.map((name) => {
    const { codes, values } = coded.get(name)!;
    const cells = new Array<string | null>(codes.length);
    for (let r = 0; r < codes.length; r++) cells[r] = codes[r]! < 0 ? null : values[codes[r]!]!;
    // the features count these columns by code (codes.ts): polars has the codes already
    rememberCodes(cells, { codes, values });
    return [name, cells];
  }));
}

/**
 * The columns `names` of `frame` as codes (codes.ts): each distinct text once, numbered by first
 * appearance, -1 for an empty cell; without a JavaScript string per cell.
 */
function columnCodes(frame: pl.DataFrame, names: readonly string[]): Map<string, Codes> {
  const physical = frame.select(
    ...names.map((name) =>
      pl.col(name).cast(pl.Utf8).cast(pl.Categorical).toPhysical().cast(pl.Int32).fillNull(pl.lit(-1)).alias(
        name,
      )
    ),
  );
  return new Map(names.map((name) => {
    const { codes, firstRows } = byFirstAppearance(physical.getColumn(name).toTypedArray() as Int32Array);
    const firsts = firstRows.length === 0
      ? []
      : frame.getColumn(name).cast(pl.Utf8).gather(firstRows).toArray() as string[];
    return [name, { codes, values: mergeEqual(codes, firsts) }];
  }));
}

/** Codes renumbered 0, 1, ... by first appearance (-1 stays empty), and the first row of each. */
function byFirstAppearance(raw: Int32Array): { codes: Int32Array; firstRows: number[] } {
  const n = raw.length;
  let top = -1;
  for (let r = 0; r < n; r++) if (raw[r]! > top) top = raw[r]!;
  const renumber = new Int32Array(top + 1).fill(-1);
  const firstRows: number[] = [];
  const codes = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const p = raw[r]!;
    if (p < 0) {
      codes[r] = -1;
      continue;
    }
    let c = renumber[p]!;
    if (c < 0) renumber[p] = c = firstRows.push(r) - 1;
    codes[r] = c;
  }
  return { codes, firstRows };
}

/**
 * The distinct values, `codes` renumbered in place so that one string has one code (even if polars ever
 * gave one string two codes); `firsts[c]` is code c's string.
 */
function mergeEqual(codes: Int32Array, firsts: readonly string[]): string[] {
  const values: string[] = [];
  const index = new Map<string, number>();
  const merged = new Int32Array(firsts.length);
  let renumbered = false;
  for (let c = 0; c < firsts.length; c++) {
    const value = firsts[c]!;
    let m = index.get(value);
    if (m === undefined) index.set(value, m = values.push(value) - 1);
    merged[c] = m;
    renumbered ||= m !== c;
  }
  if (renumbered) {
    for (let r = 0; r < codes.length; r++) {
      if (codes[r]! >= 0) codes[r] = merged[codes[r]!]!;
    }
  }
  return values;
}
