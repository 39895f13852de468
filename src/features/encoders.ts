/**
 * The stateful encoders of the feature plan: a vocabulary for a categorical
 * column (rare values pooled) and a scaler for a numeric one (imputed,
 * flagged when missing, standardised). Each is fitted on training rows only
 * and stored as plain JSON.
 *
 * @module
 */

import { codesOf, oncePerColumn } from "./codes.ts";
import { kthSmallest } from "./order_statistic.ts";

/** Token that stands for an empty cell, so "missing" can be a category of its own. */
export const MISSING_TOKEN = "(missing)";

/** A fitted categorical vocabulary: index 0 pools rare, unseen and (if rare) missing values. */
export interface Vocabulary {
  /** Feature name in the design. */
  readonly name: string;
  /** Values that got their own index, most frequent first: `values[i]` has index `i + 1`. */
  readonly values: readonly string[];
}

/** A fitted numeric scaler. */
export interface Scaler {
  /** Feature name in the design. */
  readonly name: string;
  /** Whether `log1p` is applied first (skewed non-negative counts). */
  readonly log: boolean;
  /** Value put in empty cells (the training median, after the log). */
  readonly fill: number;
  /** Mean and standard deviation used to standardise, after filling. */
  readonly mean: number;
  readonly std: number;
}

/**
 * Fits a vocabulary on the rows `rows` of `cells` (or all): values seen at least `minCount` times get
 * their own index. Ties in frequency are broken by the value, so the result does not depend on row order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitVocabulary } from "./encoders.ts";
 * const v = fitVocabulary("job", ["a", "b", "a", null, "a"], 2);
 * assert.deepEqual(v.values, ["a"]); // "b" is seen once, under minCount 2: pooled as "other"
 * ```
 */
export function fitVocabulary(
  name: string,
  cells: readonly (string | null)[],
  minCount: number,
  rows?: ArrayLike<number>,
): Vocabulary {
  // counted by code (src/features/codes.ts): the same column is counted again in every fold
  const { codes, values } = codesOf(cells);
  const counts = new Int32Array(values.length);
  let missing = 0;
  const n = rows?.length ?? cells.length;
  for (let i = 0; i < n; i++) {
    const code = codes[rows === undefined ? i : rows[i]!]!;
    if (code < 0) missing++;
    else counts[code]!++;
  }
  // [value, count, code] of each value that keeps its own index (code -1: the missing token)
  const entries: [string, number, number][] = [];
  let tokenCode = -1;
  values.forEach((value, code) => {
    // a cell that reads like the missing token counts as missing, as an empty cell does
    if (value === MISSING_TOKEN) {
      missing += counts[code]!;
      tokenCode = code;
    } else if (counts[code]! >= minCount) entries.push([value, counts[code]!, code]);
  });
  if (missing >= minCount) entries.push([MISSING_TOKEN, missing, -1]);
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const vocabulary = { name, values: entries.map(([value]) => value) };
  // the index of each code of these cells is known already: encoding them needs no lookup by text
  oncePerColumn(byVocabulary, vocabulary, cells, () => {
    const indexOfCode = new Uint32Array(values.length);
    let missingIndex = 0;
    entries.forEach(([, , code], i) => {
      if (code >= 0) indexOfCode[code] = i + 1;
      else missingIndex = i + 1;
    });
    if (tokenCode >= 0) indexOfCode[tokenCode] = missingIndex;
    return { indexOfCode, missing: missingIndex };
  });
  return vocabulary;
}

/** Maps cells (the rows `rows` of `cells`, or all) to vocabulary indices (0 for pooled or unseen values). */
export function encodeVocabulary(
  vocabulary: Vocabulary,
  cells: readonly (string | null)[],
  rows?: ArrayLike<number>,
): Uint32Array {
  return encodeVocabularies([{ vocabulary, cells }], rows);
}

/** Rows a design is written in at a time: their part of the output stays in cache while each column is read. */
const TILE_ROWS = 256;

/**
 * {@link encodeVocabulary} of several columns at once, row-major: `out[i * k + j]` is row i's index in
 * column j's vocabulary, k the number of columns. Written straight into the design's layout, without a
 * block per column (at a million leads a fold's blocks were 150 MB of fresh memory).
 */
export function encodeVocabularies(
  columns: readonly { readonly vocabulary: Vocabulary; readonly cells: readonly (string | null)[] }[],
  rows?: ArrayLike<number>,
): Uint32Array {
  const k = columns.length;
  const count = rows?.length ?? columns[0]?.cells.length ?? 0;
  const lookups = columns.map(({ vocabulary, cells }) => ({
    codes: codesOf(cells).codes,
    ...vocabularyOfCodes(vocabulary, cells),
  }));
  const out = new Uint32Array(count * k);
  for (let i0 = 0; i0 < count; i0 += TILE_ROWS) {
    const i1 = Math.min(count, i0 + TILE_ROWS);
    for (let j = 0; j < k; j++) {
      const { codes, indexOfCode, missing } = lookups[j]!;
      for (let i = i0; i < i1; i++) {
        const code = codes[rows === undefined ? i : rows[i]!]!;
        out[i * k + j] = code < 0 ? missing : indexOfCode[code]!;
      }
    }
  }
  return out;
}

const byVocabulary = new WeakMap<Vocabulary, WeakMap<readonly (string | null)[], VocabularyCodes>>();

interface VocabularyCodes {
  /** The index of each code of the column. */
  readonly indexOfCode: Uint32Array;
  /** The index of an empty cell. */
  readonly missing: number;
}

/** The vocabulary's index of each code of `cells`, worked out once per vocabulary and column. */
function vocabularyOfCodes(vocabulary: Vocabulary, cells: readonly (string | null)[]): VocabularyCodes {
  return oncePerColumn(byVocabulary, vocabulary, cells, () => {
    const index = new Map(vocabulary.values.map((v, i) => [v, i + 1]));
    return {
      indexOfCode: Uint32Array.from(codesOf(cells).values, (v) => index.get(v) ?? 0),
      missing: index.get(MISSING_TOKEN) ?? 0,
    };
  });
}

/**
 * Fits a scaler on the non-missing values: median fill, then mean and standard deviation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitScaler } from "./encoders.ts";
 * const s = fitScaler("x", [1, 2, null, 3], false);
 * assert.deepEqual([s.fill, s.mean], [2, 2]); // the empty cell is filled with the median
 * ```
 */
export function fitScaler(name: string, cells: ArrayLike<number | null>, log: boolean): Scaler {
  // loops over the cells, not filter/map: fitted on every fold's rows of every numeric column
  const present = new Float64Array(cells.length);
  let count = 0;
  for (let r = 0; r < cells.length; r++) {
    const cell = cells[r]!;
    if (cell !== null && Number.isFinite(cell)) present[count++] = prepare(cell, log);
  }
  const filled = present.subarray(0, count);
  const mid = count >> 1;
  const fill = count === 0
    ? 0
    : count % 2
    ? kthSmallest(filled, mid)
    : (kthSmallest(filled, mid - 1) + kthSmallest(filled, mid)) / 2;
  const n = cells.length;
  let sum = 0;
  for (let r = 0; r < n; r++) sum += valueOf(cells[r]!, fill, log);
  const mean = n ? sum / n : 0;
  let squares = 0;
  for (let r = 0; r < n; r++) {
    const d = valueOf(cells[r]!, fill, log) - mean;
    squares += d * d;
  }
  const std = n ? Math.sqrt(squares / n) : 0;
  return { name, log, fill, mean, std: std > 1e-12 ? std : 1 };
}

/** Applies a scaler: filled, transformed and standardised values. */
export function applyScaler(scaler: Scaler, cells: ArrayLike<number | null>): Float32Array {
  const out = new Float32Array(cells.length);
  for (let r = 0; r < cells.length; r++) {
    out[r] = (valueOf(cells[r] ?? null, scaler.fill, scaler.log) - scaler.mean) / scaler.std;
  }
  return out;
}

/** A cell as the scaler sees it: `fill` when empty or not finite, else prepared. */
function valueOf(cell: number | null, fill: number, log: boolean): number {
  return cell === null || !Number.isFinite(cell) ? fill : prepare(cell, log);
}

/** 1 where the cell is empty, else 0. */
export function missingFlags(cells: ArrayLike<number | null>): Float32Array {
  const out = new Float32Array(cells.length);
  for (let r = 0; r < cells.length; r++) {
    const cell = cells[r]!;
    out[r] = cell === null || !Number.isFinite(cell) ? 1 : 0;
  }
  return out;
}

function prepare(value: number, log: boolean): number {
  return log ? Math.log1p(Math.max(value, 0)) : value;
}
