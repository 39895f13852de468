/**
 * Integer codes of a categorical column: every fold's vocabularies and target encodings count the same
 * column's cells again, and counting small integers costs a fraction of hashing a string per cell. A
 * column's codes are computed once (or handed over by polars, see shared_cells.ts) and kept beside the
 * column, keyed by the column array itself, which the feature code never changes after it is built.
 *
 * @module
 */

/** A column as codes: `values[codes[r]]` is row r's cell, code -1 an empty cell. */
export interface Codes {
  readonly codes: Int32Array;
  /** The distinct non-empty cells, each once. */
  readonly values: readonly string[];
}

const known = new WeakMap<readonly (string | null)[], Codes>();

/**
 * The codes of `cells`, computed on first use.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { codesOf } from "./codes.ts";
 * const { codes, values } = codesOf(["b", null, "a", "b"]);
 * assert.deepEqual(Array.from(codes, (c) => (c < 0 ? null : values[c])), ["b", null, "a", "b"]);
 * ```
 */
export function codesOf(cells: readonly (string | null)[]): Codes {
  let found = known.get(cells);
  if (found === undefined) {
    const index = new Map<string, number>();
    const values: string[] = [];
    const codes = new Int32Array(cells.length);
    for (let r = 0; r < cells.length; r++) {
      const cell = cells[r];
      if (cell === null || cell === undefined) {
        codes[r] = -1;
        continue;
      }
      let code = index.get(cell);
      if (code === undefined) {
        index.set(cell, code = values.length);
        values.push(cell);
      }
      codes[r] = code;
    }
    known.set(cells, found = { codes, values });
  }
  return found;
}

/** Records that `cells` has these codes (they must describe it), so {@link codesOf} need not count. */
export function rememberCodes(cells: readonly (string | null)[], codes: Codes): void {
  known.set(cells, codes);
}

/**
 * What `make` works out from `part` (a fitted vocabulary or target counts) and the column `cells`, made
 * once per pair and kept in `cache`: `submit` encodes a large table a slice at a time, and a column's
 * distinct values (a customer column's are about as many as its rows) would otherwise be looked up again
 * for every slice.
 */
export function oncePerColumn<K extends object, V>(
  cache: WeakMap<K, WeakMap<readonly (string | null)[], V>>,
  part: K,
  cells: readonly (string | null)[],
  make: () => V,
): V {
  let columns = cache.get(part);
  if (columns === undefined) cache.set(part, columns = new WeakMap());
  let found = columns.get(cells);
  if (found === undefined) columns.set(cells, found = make());
  return found;
}
