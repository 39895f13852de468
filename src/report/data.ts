/**
 * What `report.html` is drawn from, saved beside the model as `report.json` so the report can be rebuilt
 * byte for byte (`deno task report`): the out-of-fold labels and probabilities with each prediction's
 * fold and segment, the training facts of the headline, and what drives the model (column importance
 * and the conversion rates of the top columns' values).
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { ModelArtifact } from "../artifact.ts";
import type { LeadTable } from "../data/load.ts";
import { CUSTOMER_COLUMN } from "../data/schema.ts";
import { categoricalColumn } from "../features/columns.ts";
import { codesOf } from "../features/codes.ts";
import { sharedCells } from "../features/shared_cells.ts";
import type { ColumnImportance } from "./importance.ts";
import type { OofPredictions, RunFacts } from "../train/pipeline.ts";

/** Identifies the file. */
export const REPORT_DATA_FORMAT = "mql-gpu/report-data";
/** Values shown per segment and per top column. */
export const TOP_VALUES = 8;

/** One segment column: its most frequent values and each prediction's value (-1: any other). */
export interface Segment {
  readonly name: string;
  readonly values: readonly string[];
  readonly codes: readonly number[];
}

/** A value's rows and conversions. */
export interface ValueRate {
  readonly value: string;
  readonly rows: number;
  readonly positives: number;
}

/** Everything the report shows, as plain JSON. */
export interface ReportData {
  readonly format: typeof REPORT_DATA_FORMAT;
  /** Where the predictions come from: the training file (out of fold), or a scored, labelled file. */
  readonly source: {
    readonly kind: "training" | "submission";
    readonly files: readonly { readonly name: string; readonly sha256: string }[];
  };
  readonly grouping: string | null;
  readonly folds: number | null;
  readonly rows: number;
  readonly positives: number;
  readonly excluded: readonly { readonly customer: string; readonly rows: number }[];
  readonly threshold: number;
  readonly members: readonly { readonly name: string; readonly weight: number }[];
  /** Per prediction. */
  readonly labels: readonly number[];
  readonly probs: readonly number[];
  readonly fold: readonly number[] | null;
  /** 1 for leads of customers the training side knew; null when every prediction is of one kind. */
  readonly known: readonly number[] | null;
  readonly segments: readonly Segment[];
  /** Mean |reason contribution| per column over explained out-of-fold rows, largest first. */
  readonly importance: readonly { readonly column: string; readonly mean: number }[] | null;
  readonly valueRates: readonly { readonly column: string; readonly values: readonly ValueRate[] }[] | null;
}

/** A file's name and SHA-256, for the headline. */
export async function fileFact(path: string): Promise<{ name: string; sha256: string }> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  return { name: path.split("/").pop()!, sha256: hex };
}

/**
 * The report data of a training run without what drives the model (`importance` and `valueRates` null,
 * see {@linkcode withColumnImportance}): what the report's performance sections are drawn from.
 */
export function trainingReportBase(
  table: LeadTable,
  artifact: ModelArtifact,
  metrics: RunFacts,
  oof: OofPredictions,
  trainFile: { name: string; sha256: string },
  { segments = true }: { segments?: boolean } = {},
): ReportData {
  let columns = perPrediction.get(oof);
  if (columns === undefined) {
    const n = oof.labels.length;
    perPrediction.set(
      oof,
      columns = {
        labels: Array.from(oof.labels),
        probs: Array.from(oof.probs, round),
        fold: Array.from(oof.folds),
        known: oof.seen > 0 ? Array.from({ length: n }, (_, i) => (i >= n - oof.seen ? 1 : 0)) : null,
      },
    );
  }
  return {
    format: REPORT_DATA_FORMAT,
    source: { kind: "training", files: [trainFile] },
    grouping: metrics.cv.grouping,
    folds: metrics.cv.folds,
    rows: metrics.rows,
    positives: metrics.positives,
    excluded: metrics.excluded.map((p) => ({ customer: p.customer, rows: p.rows })),
    threshold: artifact.threshold,
    members: artifact.folds[0]!.members.map((m) => ({ name: m.name, weight: round(m.weight) })),
    ...columns,
    // without them, the data of the parts that do not show segments (the headline, the quality charts)
    segments: segments ? segmentsOf(table.frame, Array.from(oof.rows)) : [],
    importance: null,
    valueRates: null,
  };
}

/** The per-prediction columns of each run's report data, made once for its light and full forms. */
const perPrediction = new WeakMap<OofPredictions, Pick<ReportData, "labels" | "probs" | "fold" | "known">>();

/**
 * `base` with the training run's column importance (src/report/importance.ts) and the top five columns'
 * conversion rates over the out-of-fold rows.
 */
export function withColumnImportance(
  base: ReportData,
  importance: readonly ColumnImportance[],
  table: LeadTable,
  oof: OofPredictions,
): ReportData {
  const once = oof.rows.length - oof.seen;
  const valueRates = importance.slice(0, 5).map(({ column }) => ({
    column,
    values: valueRatesOf(cellsOf(table.raw, column), oof.rows.subarray(0, once), oof.labels),
  }));
  return { ...base, importance: [...importance], valueRates };
}

/** The business unit, the country and the customer of each prediction, by their most frequent values. */
export function segmentsOf(frame: pl.DataFrame, rows: readonly number[]): Segment[] {
  const named: [string, readonly (string | null)[] | undefined][] = [
    ["business unit", frame.columns.includes("business_unit") ? cellsOf(frame, "business_unit") : undefined],
    ["country", categoricalColumn(frame, "country")],
    ["customer", frame.columns.includes(CUSTOMER_COLUMN) ? cellsOf(frame, CUSTOMER_COLUMN) : undefined],
  ];
  return named.flatMap(([name, cells]) => {
    if (cells === undefined) return [];
    // each distinct cell is trimmed once; an empty one counts as no value
    const { codes, keys } = trimmedCodes(cells, null);
    const counts = new Float64Array(keys.length);
    for (const r of rows) if (codes[r]! >= 0) counts[codes[r]!]!++;
    const top = topCodes(keys, counts);
    const slot = new Int32Array(keys.length).fill(-1);
    top.forEach((k, i) => (slot[k] = i));
    const values = top.map((k) => keys[k]!);
    return [{ name, values, codes: rows.map((r) => (codes[r]! < 0 ? -1 : slot[codes[r]!]!)) }];
  });
}

/** A column's cells as strings, one string per distinct value (with its codes kept, codes.ts). */
function cellsOf(frame: pl.DataFrame, column: string): (string | null)[] {
  return sharedCells(frame, [column]).get(column)!;
}

/**
 * Each row's trimmed value as a code into `keys` (distinct, in order of first appearance); a cell that is
 * empty or blank gets `empty`'s code, or -1 when `empty` is null. Trims each distinct cell once.
 */
function trimmedCodes(
  cells: readonly (string | null)[],
  empty: string | null,
): { codes: Int32Array; keys: string[] } {
  const raw = codesOf(cells);
  const keys: string[] = [];
  const index = new Map<string, number>();
  const keyOf = (value: string | null) => {
    const key = value?.trim() || empty;
    if (key === null) return -1;
    let k = index.get(key);
    if (k === undefined) index.set(key, k = keys.push(key) - 1);
    return k;
  };
  const byValue = raw.values.map(keyOf);
  const onEmpty = raw.codes.some((c) => c < 0) ? keyOf(null) : -1;
  const codes = raw.codes.map((c) => (c < 0 ? onEmpty : byValue[c]!));
  return { codes, keys };
}

/**
 * The codes of the most frequent keys (count above 0), ties by key, at most {@link TOP_VALUES}: kept in
 * order in one pass (a customer column has about as many keys as rows, and only the first few are shown).
 */
function topCodes(keys: readonly string[], counts: Float64Array): number[] {
  const before = (a: number, b: number) =>
    counts[a]! > counts[b]! || (counts[a] === counts[b] && keys[a]! < keys[b]!);
  const top: number[] = [];
  for (let k = 0; k < keys.length; k++) {
    if (!(counts[k]! > 0)) continue;
    let i = top.length;
    if (i < TOP_VALUES) top.push(k);
    else if (before(k, top[i - 1]!)) i--; // takes the last one's place
    else continue;
    for (; i > 0 && before(k, top[i - 1]!); i--) top[i] = top[i - 1]!;
    top[i] = k;
  }
  return top;
}

/** Rows and conversions of a column's most frequent values (empty cells as "(empty)"). */
export function valueRatesOf(
  cells: readonly (string | null)[],
  rows: ArrayLike<number>,
  labels: ArrayLike<number>,
): ValueRate[] {
  const { codes, keys } = trimmedCodes(cells, "(empty)");
  const counts = new Float64Array(keys.length);
  const positives = new Float64Array(keys.length);
  for (let i = 0; i < rows.length; i++) {
    const k = codes[rows[i]!]!;
    counts[k]!++;
    positives[k]! += labels[i]!;
  }
  return topCodes(keys, counts).map((k) => ({ value: keys[k]!, rows: counts[k]!, positives: positives[k]! }));
}

/** Seven significant digits: enough for every figure of the report, and a stable JSON form. */
export function round(x: number): number {
  return Number(x.toPrecision(7));
}
