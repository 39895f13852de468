/**
 * Crossed categoricals: two cleaned categorical columns read as one (`business_unit*product_category`
 * takes values like `id × monitor`), so that logistic regression gets one weight per pair, an
 * interaction it cannot learn otherwise. The MLP learns interactions from the plain columns and is
 * trained without the crosses. Rare pairs are pooled like any rare category.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { CategoricalSource } from "./columns.ts";
import { codesOf, rememberCodes } from "./codes.ts";
import type { Design } from "./design.ts";

/**
 * The crossed pairs (feature names of two categorical sources): the business unit, the sales rep, the
 * country and the customer type with the other columns. Measured on the test-like holdouts with
 * logistic regression seeing them and the MLP not: 7, 17, 25 and 35 pairs each did better than the
 * fewer (docs/features.md).
 */
export const CROSSED_PAIRS: readonly (readonly [string, string])[] = [
  ["business_unit", "product_category"],
  ["country", "business_unit"],
  ["lead_owner", "business_unit"],
  ["customer_type", "customer_job"],
  ["inquiry_type", "business_unit"],
  ["business_area", "business_unit"],
  ["product_category", "country"],
  ["enterprise", "business_unit"],
  ["customer_position", "business_unit"],
  ["customer_job", "business_unit"],
  ["customer_type", "business_unit"],
  ["expected_timeline", "business_unit"],
  ["response_corporate", "business_unit"],
  ["country", "customer_type"],
  ["lead_owner", "product_category"],
  ["inquiry_type", "customer_type"],
  ["business_area", "product_category"],
  ["lead_owner", "customer_type"],
  ["lead_owner", "country"],
  ["lead_owner", "inquiry_type"],
  ["product_subcategory", "business_unit"],
  ["product_modelname", "business_unit"],
  ["customer_job", "customer_position"],
  ["business_subarea", "business_unit"],
  ["response_corporate", "product_category"],
  ["customer_position", "customer_type"],
  ["expected_timeline", "inquiry_type"],
  ["enterprise", "country"],
  ["customer_job", "country"],
  ["product_category", "customer_type"],
  ["business_area", "country"],
  ["lead_owner", "enterprise"],
  ["response_corporate", "customer_type"],
  ["product_subcategory", "country"],
  ["inquiry_type", "product_category"],
];

const SEPARATOR = "*";
/** Stands for an empty cell inside a pair, so that (value, empty) is a pair of its own. */
const EMPTY = "\u2205";
/** Joins the two sides of a pair. */
const JOIN = " \u00d7 ";

/** Feature name of the cross of two sources. */
export function crossName(a: string, b: string): string {
  return `${a}${SEPARATOR}${b}`;
}

const CROSS_NAMES = new Set(CROSSED_PAIRS.map(([a, b]) => crossName(a, b)));

/**
 * Whether a categorical feature is one of the crosses (by exact name: a column of the user's own file
 * may have a `*` in its name and is no cross).
 */
export function isCross(name: string): boolean {
  // crosses chosen by rule (src/features/auto.ts) join their sides with " × "
  return CROSS_NAMES.has(name) || name.includes(" \u00d7 ");
}

/**
 * The crossed source of two categorical sources: their cleaned values joined by " × ", an empty cell
 * standing for itself. Its expression reads the two sources' cleaned columns (named after the sources),
 * so it is evaluated on the frame of cleaned sources, not on the raw table. It is read from the first
 * source's column (the second is needed too, and is required by its own source).
 */
export function crossSource(a: CategoricalSource, b: CategoricalSource): CategoricalSource {
  return {
    name: crossName(a.name, b.name),
    column: a.column,
    crossOf: [a.name, b.name],
    expr: () =>
      pl.concatString(
        [pl.col(a.name).fillNull(pl.lit(EMPTY)), pl.col(b.name).fillNull(pl.lit(EMPTY))],
        JOIN,
      ),
  };
}

/**
 * The cells of two cleaned categorical columns read as one, as {@link crossSource}'s expression gives
 * them (`a × b`, an empty side written ∅), made from the columns' codes (codes.ts): one string per
 * distinct pair, not per row. The result's codes are remembered for the features.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { crossedCells } from "./crosses.ts";
 * assert.deepEqual(crossedCells(["id", null, "id"], ["tv", "tv", null]), ["id × tv", "∅ × tv", "id × ∅"]);
 * ```
 */
export function crossedCells(a: readonly (string | null)[], b: readonly (string | null)[]): string[] {
  if (a.length !== b.length) {
    throw new RangeError(`Cannot cross columns of ${a.length} and ${b.length} cells`);
  }
  const left = codesOf(a);
  const right = codesOf(b);
  const width = right.values.length + 1;
  const pairs = (left.values.length + 1) * width;
  // a pair's code by table when the pairs are few enough, else by map
  const table = pairs <= 1 << 22 ? new Int32Array(pairs).fill(-1) : null;
  const map = table === null ? new Map<number, number>() : null;
  const values: string[] = [];
  // two pairs make one string only when a value is spelt ∅ or holds the separator: then look strings up
  const ambiguous = (v: string) => v === EMPTY || v.includes(JOIN);
  const index = left.values.some(ambiguous) || right.values.some(ambiguous)
    ? new Map<string, number>()
    : null;
  const codes = new Int32Array(a.length);
  const cells = new Array<string>(a.length);
  for (let r = 0; r < a.length; r++) {
    const la = left.codes[r]!, rb = right.codes[r]!;
    const key = (la + 1) * width + rb + 1;
    let code = table !== null ? table[key]! : map!.get(key) ?? -1;
    if (code < 0) {
      const value = `${la < 0 ? EMPTY : left.values[la]}${JOIN}${rb < 0 ? EMPTY : right.values[rb]}`;
      code = index?.get(value) ?? -1;
      if (code < 0) {
        code = values.push(value) - 1;
        index?.set(value, code);
      }
      if (table !== null) table[key] = code;
      else map!.set(key, code);
    }
    codes[r] = code;
    cells[r] = values[code]!;
  }
  rememberCodes(cells, { codes, values });
  return cells;
}

/** The crossed sources of {@link CROSSED_PAIRS} whose two sources are both in `sources` (online-round ones). */
export function crossSources(sources: readonly CategoricalSource[]): CategoricalSource[] {
  const byName = new Map(sources.map((s) => [s.name, s]));
  return CROSSED_PAIRS.flatMap(([a, b]) => {
    const sa = byName.get(a);
    const sb = byName.get(b);
    return sa === undefined || sb === undefined ? [] : [crossSource(sa, sb)];
  });
}

/** The design without its crossed categorical columns (the same object when it has none). */
export function withoutCrosses(design: Design): Design {
  const keep = design.catNames.flatMap((name, j) => (isCross(name) ? [] : [j]));
  if (keep.length === design.catNames.length) return design;
  const width = design.catNames.length;
  const cat = new Uint32Array(design.rows * keep.length);
  for (let r = 0; r < design.rows; r++) {
    for (let k = 0; k < keep.length; k++) cat[r * keep.length + k] = design.cat[r * width + keep[k]!]!;
  }
  return {
    ...design,
    cat,
    catNames: keep.map((j) => design.catNames[j]!),
    catSizes: keep.map((j) => design.catSizes[j]!),
  };
}
