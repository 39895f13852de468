/**
 * Columns the schema does not know (the finals had more than the named ones)
 * are used by the kind inferred from their training cells: numeric,
 * categorical or free text.
 *
 * @module
 */

/** How an unknown column is used. */
export type InferredKind = "numeric" | "categorical" | "text";

/** At most this many distinct values make a column categorical whatever their length. */
export const MAX_CATEGORICAL_VALUES = 50;
/** Values shorter than this on average make a column categorical (labels, codes, short answers). */
export const MAX_CATEGORICAL_LENGTH = 25;
/** Sample skewness above which a non-negative numeric column gets `log1p` (a usual "highly skewed" cut). */
export const LOG_SKEWNESS = 2;

/**
 * A cell as a number: trimmed, `Number()` of it; null when empty or not a number.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseNumber } from "./infer.ts";
 * assert.deepEqual([parseNumber(" 3.5 "), parseNumber(""), parseNumber("n/a")], [3.5, null, null]);
 * ```
 */
export function parseNumber(cell: string | null): number | null {
  const text = cell?.trim() ?? "";
  if (text === "") return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * The kind of an unknown column from its cells: numeric when every non-empty cell is a number;
 * else categorical with at most {@linkcode MAX_CATEGORICAL_VALUES} distinct values or a mean
 * length under {@linkcode MAX_CATEGORICAL_LENGTH} characters; else free text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inferKind } from "./infer.ts";
 * assert.equal(inferKind(["1", "", "2.5"]), "numeric");
 * assert.equal(inferKind(["web", "email", null]), "categorical");
 * ```
 */
export function inferKind(cells: readonly (string | null)[]): InferredKind {
  const present = cells.map((c) => c?.trim() ?? "").filter((c) => c !== "");
  if (present.every((c) => parseNumber(c) !== null)) return "numeric";
  const distinct = new Set(present).size;
  const meanLength = present.reduce((sum, c) => sum + c.length, 0) / present.length;
  return distinct <= MAX_CATEGORICAL_VALUES || meanLength < MAX_CATEGORICAL_LENGTH ? "categorical" : "text";
}

/**
 * Whether a numeric column is skewed enough for `log1p`: no negative values and a sample skewness
 * above {@linkcode LOG_SKEWNESS}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wantsLog } from "./infer.ts";
 * assert.equal(wantsLog([1, 1, 1, 1, 1, 1, 1, 1, 1, 500]), true);
 * assert.equal(wantsLog([1, 2, 3, null]), false);
 * ```
 */
export function wantsLog(values: ArrayLike<number | null>): boolean {
  const xs = Array.from(values).filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length < 3 || xs.some((x) => x < 0)) return false;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  let m2 = 0, m3 = 0;
  for (const x of xs) {
    m2 += (x - mean) ** 2;
    m3 += (x - mean) ** 3;
  }
  m2 /= xs.length;
  m3 /= xs.length;
  return m2 > 0 && m3 / m2 ** 1.5 > LOG_SKEWNESS;
}

/**
 * The plain-TypeScript twin of `normalizedText` (text_norm.ts) for columns cleaned outside polars:
 * lower case, runs of anything but letters and digits as one space, trimmed; empty becomes null.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalizeCell } from "./infer.ts";
 * assert.equal(normalizeCell(" Google-Ads / Display "), "google ads display");
 * assert.equal(normalizeCell(" - "), null);
 * ```
 */
export function normalizeCell(cell: string | null): string | null {
  const cleaned = (cell ?? "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  return cleaned === "" ? null : cleaned;
}
