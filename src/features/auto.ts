/**
 * Features of a table whose columns are not the LG Aimers ones, by rules on the training rows instead
 * of a list of names. What the LG columns get by name, other tables get by rule:
 * - the kind of each column (numeric, categorical, free text, date, id-like: unused) from its cells;
 * - an address-like column (most cells `city / country` or `city, country`) is used through its country;
 * - a categorical column with few spellings (at most {@link WRITTEN_MAX_VALUES}) is kept as written,
 *   as the LG inquiry and customer type are (the spelling tells which form a lead came from);
 * - the group (customer) column is an identifier with a target encoding;
 * - an integer column whose out-of-fold conversion rate per value ranks leads better than the number
 *   itself is a code (a sales rep, a campaign) and also becomes an identifier;
 * - the "owner": the high-cardinality identifier whose rate ranks best gets a target encoding, and so
 *   does its cross with the {@link OWNER_CROSSES} columns whose crossed rate ranks best;
 * - crossed categoricals for logistic regression: the {@link CROSS_PAIRS} pairs among the best-ranking
 *   columns whose crossed rate ranks furthest above either side's.
 * "Ranks" is the ROC-AUC of a smoothed rate computed out of fold over folds grouped by the group
 * column (or by row), on the training rows of the fit: the same question grouped cross-validation asks.
 *
 * @module
 */
import { rocAuc } from "../metrics.ts";
import type { FeatureColumns } from "./columns.ts";
import { crossedCells, isCross } from "./crosses.ts";
import { parseDate } from "./dates.ts";
import { inferKind, normalizeCell, parseNumber } from "./infer.ts";
import type { SourceUse } from "./sources.ts";
import { fnv1a } from "./text_hash.ts";

/** Categorical columns with at most this many distinct spellings keep them as written. */
export const WRITTEN_MAX_VALUES = 100;
/** Crossed categoricals for logistic regression (the LG list has 35). */
export const CROSS_PAIRS = 35;
/** Columns crossed with the owner and target-encoded (the LG list has 5). */
export const OWNER_CROSSES = 5;
/** A column needs this many distinct values to be a code or the owner. */
const MIN_CODE_VALUES = 20;
/** How much better a code's rate must rank than its number. */
const CODE_MARGIN = 0.02;
/** Columns considered for the crosses: the best-ranking ones, at most this many distinct values each. */
const CROSS_CANDIDATES = 10;
const CROSS_MAX_VALUES = 1000;
const INNER_FOLDS = 5;

/** What the rules chose: the sources (some derived or crossed) and the categorical features to target-encode. */
export interface AutoFeatures {
  readonly sources: SourceUse[];
  readonly targets: string[];
}

/**
 * Applies the rules to the inferred sources of a table with no LG categorical column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { autoFeatures } from "./auto.ts";
 * import { featureColumns } from "./columns.ts";
 * import { sourcesOf } from "./sources.ts";
 * const columns = featureColumns(pl.DataFrame({
 *   account: ["a1", "a1", "a2", "a3", "a3", "a4"],
 *   plan_tier: ["gold", "gold", "free", "gold", "free", "free"],
 *   seats: ["3", "5", "1", "8", "2", "1"],
 * }));
 * const labels = new Uint8Array([1, 1, 0, 1, 0, 0]);
 * const rows = [0, 1, 2, 3, 4, 5];
 * const { sources, targets } = autoFeatures(sourcesOf(columns, rows), columns, labels, rows, "account");
 * // the group column becomes an identifier code with a target encoding; plan_tier is a written category
 * assert.deepEqual(sources.map((s) => [s.feature, s.use, s.derive]), [
 *   ["account", "categorical", "code"],
 *   ["plan_tier", "categorical", "written"],
 *   ["seats", "numeric", undefined],
 * ]);
 * assert.deepEqual(targets, ["account"]);
 * ```
 */
export function autoFeatures(
  inferred: readonly SourceUse[],
  columns: FeatureColumns,
  labels: Uint8Array,
  rows: ArrayLike<number>,
  group: string | null,
): AutoFeatures {
  const n = rows.length;
  const trainLabels = Uint8Array.from({ length: n }, (_, i) => labels[rows[i]!]!);
  const groupCells = group === null ? undefined : columns.text.get(group);
  const folds = Uint8Array.from({ length: n }, (_, i) => {
    const key = groupCells?.[rows[i]!]?.trim() ?? `#${rows[i]}`;
    return fnv1a(key) % INNER_FOLDS;
  });
  const rank = (codes: Codes) => groupedRateAuc(codes, trainLabels, folds);
  const codesOf = (values: readonly (string | null)[]) => encodeCodes(values, rows);
  const sources: SourceUse[] = [];
  const cells = new Map<string, Codes>();
  const distinct = new Map<string, number>();
  const codes: string[] = [];
  const addCategorical = (s: SourceUse, values: readonly (string | null)[]) => {
    sources.push(s);
    const codes = codesOf(values);
    cells.set(s.feature, codes);
    distinct.set(s.feature, codes.size);
  };
  for (const s of inferred) {
    const text = columns.text.get(s.column);
    if (text === undefined || !s.inferred || s.use === "date" || s.use === "budget") {
      // an LG column among other names keeps its handling, and takes part in the ranking
      const known = s.use === "categorical" && !isCross(s.feature)
        ? columns.categorical.get(s.feature)
        : undefined;
      if (known === undefined) sources.push(s);
      else {
        addCategorical(s, known);
        if (s.feature === "lead_owner") codes.push(s.feature);
      }
      continue;
    }
    const at = Array.from({ length: n }, (_, i) => text[rows[i]!] ?? null);
    if (s.column === group) {
      addCategorical({ ...s, use: "categorical", derive: "code" }, deriveCells("code", text));
      codes.push(s.feature);
      continue;
    }
    const kind = s.use === "numeric" ? "numeric" : kindOf(at);
    if (kind === "id") continue;
    if (kind === "numeric") {
      sources.push({ ...s, use: "numeric" });
      const values = at.map(parseNumber);
      const ints = values.every((v) => v === null || Number.isInteger(v));
      if (ints && distinctAt(text, rows) >= MIN_CODE_VALUES) {
        const code = deriveCells("code", text);
        const asNumber = numberAuc(values, trainLabels);
        if (rank(codesOf(code)) > asNumber + CODE_MARGIN) {
          // a number that ranks no better than chance is only an identifier (a rep's number)
          if (asNumber < 0.55) sources.pop();
          const feature = `${s.feature}:code`;
          addCategorical(
            { column: s.column, feature, use: "categorical", inferred: true, derive: "code" },
            code,
          );
          codes.push(feature);
        }
      }
      continue;
    }
    if (dateLike(at)) {
      sources.push({ ...s, use: "date" });
      continue;
    }
    if (addressLike(at)) {
      const country = deriveCells("country", text);
      addCategorical({
        column: s.column,
        feature: `${s.feature}:country`,
        use: "categorical",
        inferred: true,
        derive: "country",
      }, country);
      continue;
    }
    if (kind === "text") {
      sources.push({ ...s, use: "text" });
      continue;
    }
    const written = distinctAt(text, rows) <= WRITTEN_MAX_VALUES;
    const derive = written ? "written" : "normalized";
    addCategorical({ ...s, use: "categorical", derive }, deriveCells(derive, text));
  }
  const score = new Map([...cells].map(([name, values]) => [name, rank(values)]));
  const targets: string[] = [];
  if (group !== null && cells.has(group)) targets.push(group);
  // identifiers first (a rep's number), then any high-cardinality categorical
  const byScore = (a: string, b: string) => score.get(b)! - score.get(a)!;
  const owner =
    codes.filter((c) => c !== group && (distinct.get(c) ?? 0) >= MIN_CODE_VALUES).sort(byScore)[0] ??
      [...cells.keys()].filter((c) => c !== group && (distinct.get(c) ?? 0) >= 200).sort(byScore)[0];
  const crosses: SourceUse[] = [];
  const crossOf = (a: string, b: string): SourceUse => ({
    column: sources.find((s) => s.feature === a)!.column,
    feature: `${a} \u00d7 ${b}`,
    use: "categorical",
    inferred: true,
    cross: [a, b],
  });
  if (owner !== undefined) {
    targets.push(owner);
    const partners = [...cells.keys()].filter((c) =>
      c !== owner && c !== group && (distinct.get(c) ?? 0) <= 400 && (distinct.get(c) ?? 0) >= 2
    );
    const scored = partners.map((c) => [c, rank(crossCodes(cells.get(owner)!, cells.get(c)!))] as const)
      .sort((a, b) => b[1] - a[1]).slice(0, OWNER_CROSSES);
    for (const [c] of scored) {
      const s = crossOf(owner, c);
      crosses.push(s);
      targets.push(s.feature);
    }
  }
  const candidates = [...cells.keys()].filter((c) =>
    c !== group && (distinct.get(c) ?? 0) <= CROSS_MAX_VALUES
  )
    .sort((a, b) => score.get(b)! - score.get(a)!).slice(0, CROSS_CANDIDATES);
  const pairs: [string, string, number][] = [];
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length; j++) {
      const [a, b] = [candidates[i]!, candidates[j]!];
      if (
        crosses.some((s) => s.cross![0] === a && s.cross![1] === b || s.cross![0] === b && s.cross![1] === a)
      ) continue;
      const gain = rank(crossCodes(cells.get(a)!, cells.get(b)!)) - Math.max(score.get(a)!, score.get(b)!);
      pairs.push([a, b, gain]);
    }
  }
  pairs.sort((x, y) => y[2] - x[2]);
  const logistic = pairs.slice(0, Math.max(0, CROSS_PAIRS - crosses.length)).map(([a, b]) => crossOf(a, b));
  return { sources: [...sources, ...crosses, ...logistic], targets };
}

/** How a derived categorical is read from its column's cells. */
export type Derivation = "written" | "normalized" | "code" | "country";

/**
 * A column's cells as a derived categorical: `written` trimmed, `normalized` lower case with runs of
 * other characters as one space, `code` trimmed, `country` the last part of an address.
 */
export function deriveCells(
  derive: Derivation,
  cells: readonly (string | null)[],
): readonly (string | null)[] {
  // every fold resolves the same columns: derive each once per column array
  let byKind = DERIVED.get(cells);
  if (byKind === undefined) DERIVED.set(cells, byKind = new Map());
  let derived = byKind.get(derive);
  if (derived === undefined) byKind.set(derive, derived = derivedCells(derive, cells));
  return derived;
}

/** Derived cells by source column array (a cache: the arrays are never changed once made). */
const DERIVED = new WeakMap<readonly (string | null)[], Map<Derivation, readonly (string | null)[]>>();
/** Crossed cells by their two sides' arrays. */
const CROSSED = new WeakMap<
  readonly (string | null)[],
  WeakMap<readonly (string | null)[], readonly string[]>
>();

function derivedCells(derive: Derivation, cells: readonly (string | null)[]): (string | null)[] {
  switch (derive) {
    case "normalized":
      return cells.map(normalizeCell);
    case "country":
      return cells.map(countryCell);
    default:
      return cells.map((c) => {
        const t = c?.trim() ?? "";
        return t === "" ? null : t;
      });
  }
}

/** Two categorical columns' cells read as one (an empty side stands for itself). */
export function crossCells(a: readonly (string | null)[], b: readonly (string | null)[]): readonly string[] {
  let byB = CROSSED.get(a);
  if (byB === undefined) CROSSED.set(a, byB = new WeakMap());
  let crossed = byB.get(b);
  if (crossed === undefined) byB.set(b, crossed = crossedCells(a, b));
  return crossed;
}

/** The country of an address: the last non-empty `/`-separated part (`,` when there is no `/`), normalised. */
export function countryCell(cell: string | null): string | null {
  if (cell === null) return null;
  const parts = cell.split(cell.includes("/") ? "/" : ",").map((p) => p.trim()).filter((p) => p !== "");
  return normalizeCell(parts[parts.length - 1] ?? null);
}

function kindOf(cells: readonly (string | null)[]): "numeric" | "categorical" | "text" | "id" {
  const present = cells.map((c) => c?.trim() ?? "").filter((c) => c !== "");
  if (present.length === 0) return "categorical";
  const kind = inferKind(present);
  const values = new Set(present).size;
  if (kind === "numeric") return "numeric";
  if (values === present.length && present.length >= 0.9 * cells.length && cells.length >= 20) return "id";
  // free text is mostly distinct: a long-valued column with few values is a categorical (an inquiry type)
  if (kind === "text" && values <= Math.max(50, 0.1 * present.length)) return "categorical";
  return kind;
}

/** Most filled cells (90%) read as dates, and they are not all the same day. */
function dateLike(cells: readonly (string | null)[]): boolean {
  const present = cells.filter((c): c is string => c !== null && c.trim() !== "");
  if (present.length === 0) return false;
  const days = present.map(parseDate).filter((d) => d !== null);
  return days.length >= 0.9 * present.length && new Set(days).size > 1;
}

function addressLike(cells: readonly (string | null)[]): boolean {
  const present = cells.filter((c): c is string => c !== null && c.trim() !== "");
  if (present.length === 0) return false;
  const separated = present.filter((c) => /[\/,]/.test(c)).length;
  if (separated < 0.6 * present.length) return false;
  const countries = new Set(present.map(countryCell)).size;
  return countries >= 2 && countries * 5 <= new Set(present).size;
}

function distinctAt(cells: readonly (string | null)[], rows: ArrayLike<number>): number {
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const c = cells[rows[i]!];
    if (c !== null && c !== undefined) seen.add(c);
  }
  return seen.size;
}

/** A categorical column on the training rows as dense codes (-1: empty), and how many codes. */
interface Codes {
  readonly codes: Int32Array;
  readonly size: number;
}

function encodeCodes(cells: readonly (string | null)[], rows: ArrayLike<number>): Codes {
  const index = new Map<string, number>();
  const codes = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const c = cells[rows[i]!];
    if (c === null || c === undefined) {
      codes[i] = -1;
      continue;
    }
    let k = index.get(c);
    if (k === undefined) index.set(c, k = index.size);
    codes[i] = k;
  }
  return { codes, size: index.size };
}

/** The codes of two columns read as one (an empty side is a value of its own). */
function crossCodes(a: Codes, b: Codes): Codes {
  const index = new Map<number, number>();
  const codes = new Int32Array(a.codes.length);
  for (let i = 0; i < codes.length; i++) {
    const key = (a.codes[i]! + 1) * (b.size + 1) + b.codes[i]! + 1;
    let k = index.get(key);
    if (k === undefined) index.set(key, k = index.size);
    codes[i] = k;
  }
  return { codes, size: index.size };
}

/** ROC-AUC of each row's smoothed conversion rate of its value, counted without its own inner fold. */
function groupedRateAuc(x: Codes, labels: Uint8Array, folds: Uint8Array): number {
  const n = labels.length;
  const prior = labels.reduce((a, b) => a + b, 0) / Math.max(n, 1);
  const width = 2 * INNER_FOLDS + 2; // [rows, positives] per fold, then the totals
  const counts = new Float64Array(x.size * width);
  for (let i = 0; i < n; i++) {
    const k = x.codes[i]!;
    if (k < 0) continue;
    counts[k * width + 2 * folds[i]!]!++;
    counts[k * width + 2 * folds[i]! + 1]! += labels[i]!;
    counts[k * width + 2 * INNER_FOLDS]!++;
    counts[k * width + 2 * INNER_FOLDS + 1]! += labels[i]!;
  }
  const rates = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = x.codes[i]!;
    if (k < 0) {
      rates[i] = prior;
      continue;
    }
    const at = k * width;
    const rowsOut = counts[at + 2 * INNER_FOLDS]! - counts[at + 2 * folds[i]!]!;
    const posOut = counts[at + 2 * INNER_FOLDS + 1]! - counts[at + 2 * folds[i]! + 1]!;
    rates[i] = (posOut + prior) / (rowsOut + 1);
  }
  return safeAuc(labels, rates);
}

/** ROC-AUC of a number (missing as the median), either direction. */
function numberAuc(values: readonly (number | null)[], labels: Uint8Array): number {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const median = xs[xs.length >> 1] ?? 0;
  const auc = safeAuc(labels, Float64Array.from(values, (v) => v ?? median));
  return Math.max(auc, 1 - auc);
}

function safeAuc(labels: Uint8Array, scores: Float64Array): number {
  try {
    return rocAuc(labels, scores);
  } catch {
    return 0.5;
  }
}
