/**
 * Why a lead scores as it does: for every input column the model reads, the change in the lead's blended
 * log-odds that the column's value causes compared with its cell being empty. Each column is emptied in
 * turn exactly as the loader reads an empty cell (null), and the whole scoring path runs again: cleaning,
 * crosses, encodings, text buckets, every fold and member, the blend, the fold mean and the exact-repeat
 * mix. So a reason's number is what re-scoring the file with that cell emptied would show.
 *
 * The emptied copies of a block of rows are stacked into one design per fold, so each member scores
 * rows x columns leads in one call (on the GPU when the engine is one; the CPU engine is the twin).
 *
 * @module
 */
import pl from "nodejs-polars";
import type { FoldModel } from "../artifact.ts";
import { categoricalSource, type FeatureColumns, featureColumns } from "../features/columns.ts";
import { JoinedColumns } from "../features/compact.ts";
import { crossedCells } from "../features/crosses.ts";
import { requiredColumns } from "../features/sources.ts";
import type { Engine } from "../gpu/device.ts";
import { mixRepeats, type RepeatCounts, rowHashes } from "./repeats.ts";
import { foldProbabilities } from "./predict.ts";

/** The models to explain: a whole artifact, or one fold's models (for its own validation rows). */
export interface ExplainedModel {
  readonly columns: readonly string[];
  readonly folds: readonly FoldModel[];
  /** Exact repeats to mix in, as `predictProba` does; left out for out-of-fold rows. */
  readonly repeats?: RepeatCounts | undefined;
  /**
   * Out-of-fold mode: row `r` is scored by fold `foldOf[r]`'s models alone (those that did not train on
   * it) instead of the mean over the folds.
   */
  readonly foldOf?: Int32Array | undefined;
}

/** The rows to explain: the cells as read and the typed frame, as `loadLeads` gives them. */
export interface ExplainedRows {
  readonly raw: pl.DataFrame;
  readonly frame: pl.DataFrame;
}

/** Every row's contribution of every explained column. */
export interface Explanation {
  /** The explained input columns, in the model's column order. */
  readonly columns: readonly string[];
  /** Blended probabilities of the rows as they are (what `predictProba` gives). */
  readonly probs: Float32Array;
  /**
   * Row-major contributions: `deltas[r * columns.length + c]` is logit(p) minus logit(p with column
   * `c`'s cell empty) for row `r`.
   */
  readonly deltas: Float64Array;
}

/** Leads scored per member call at most (rows times emptied copies), to keep memory bounded. */
export const EXPLAIN_CHUNK_ROWS = 131_072;

/** The input columns of `model` that `rows` has: those whose cells can move a lead's score. */
export function explainedColumns(model: ExplainedModel, raw: pl.DataFrame): string[] {
  const present = new Set(raw.columns);
  const read = new Set([
    ...model.columns,
    ...model.folds.flatMap((f) => requiredColumns(f.plan.sources ?? [])),
    ...(model.repeats?.columns ?? []),
  ]);
  return model.columns.filter((c) => present.has(c)).concat(
    [...read].filter((c) => present.has(c) && !model.columns.includes(c)).sort(),
  );
}

/**
 * Explains every row of `rows`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadLeads, openEngine, trainModel } from "../../mod.ts";
 * import { explainRows } from "./explain.ts";
 * // 40 leads of 10 customers; most leads of business unit AS convert
 * const rows = Array.from({ length: 40 }, (_, i) =>
 *   `${i % 10},${i % 3 ? "ID" : "AS"},${i % 3 === 0 && i % 5 > 0}`);
 * const train = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(train, ["customer_idx,business_unit,is_converted", ...rows].join("\n"));
 * const test = await Deno.makeTempFile({ suffix: ".csv" }); // two new leads
 * await Deno.writeTextFile(test, "id,customer_idx,business_unit\na,11,AS\nb,12,ID\n");
 * const engine = await openEngine("cpu");
 * const { artifact } = await trainModel(await loadLeads(train, "train"), { engine, folds: 2, seed: 42 });
 * const { columns, deltas } = await explainRows(engine, artifact, await loadLeads(test, "test"));
 * assert.deepEqual(columns, ["business_unit", "customer_idx"]);
 * assert.ok(deltas[0]! > 0 && deltas[2]! < 0); // unit AS raises the first lead's log-odds, ID lowers
 * assert.equal(deltas[1], 0); // an unseen customer changes nothing
 * ```
 */
export async function explainRows(
  engine: Engine,
  model: ExplainedModel,
  rows: ExplainedRows,
  chunkRows = EXPLAIN_CHUNK_ROWS,
): Promise<Explanation> {
  const columns = explainedColumns(model, rows.raw);
  const n = rows.raw.height;
  const probs = new Float32Array(n);
  const deltas = new Float64Array(n * columns.length);
  const block = Math.max(1, Math.min(n, chunkRows));
  for (let start = 0; start < n; start += block) {
    const length = Math.min(block, n - start);
    const part = { raw: rows.raw.slice(start, length), frame: rows.frame.slice(start, length) };
    const foldOf = model.foldOf?.subarray(start, start + length);
    // variant 0 is the rows as they are; variant 1 + c has column c emptied
    const full = await scoreVariants(engine, model, part, [undefined], foldOf);
    probs.set(full[0]!, start);
    const perCall = Math.max(1, Math.floor(chunkRows / length));
    for (let c0 = 0; c0 < columns.length; c0 += perCall) {
      const group = columns.slice(c0, c0 + perCall);
      const emptied = await scoreVariants(engine, model, part, group, foldOf);
      group.forEach((_, g) => {
        const p = emptied[g]!;
        for (let i = 0; i < length; i++) {
          deltas[(start + i) * columns.length + c0 + g] = logit(full[0]![i]!) - logit(p[i]!);
        }
      });
    }
  }
  return { columns, probs, deltas };
}

/** Log-odds, clamped so that probabilities of exactly 0 or 1 stay finite (float32's smallest step). */
export function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-7), 1 - 6e-8);
  return Math.log(q / (1 - q));
}

/** The rows with one column's cells empty, as the loader reads an empty CSV field. */
export function withColumnEmpty(rows: ExplainedRows, column: string): ExplainedRows {
  const empty = (df: pl.DataFrame) =>
    df.columns.includes(column) ? df.withColumns(emptySeries(df, column)) : df;
  return { raw: empty(rows.raw), frame: empty(rows.frame) };
}

/**
 * Blended probabilities of `rows` once per variant (undefined: unchanged; a name: that column emptied),
 * with each fold's variants stacked into one design so every member scores them in one call.
 */
async function scoreVariants(
  engine: Engine,
  model: ExplainedModel,
  rows: ExplainedRows,
  variants: readonly (string | undefined)[],
  foldOf: Int32Array | undefined,
): Promise<Float32Array[]> {
  const n = rows.raw.height;
  const cleaned = cleanedVariants(rows, variants);
  const mean = new Float32Array(n * variants.length);
  for (const [f, fold] of model.folds.entries()) {
    const own = foldOf && rowsOfFold(foldOf, f);
    if (own?.length === 0) continue;
    const stackedRows = own && stackedVariantRows(own, variants.length, n);
    const blended = await foldProbabilities(engine, fold, cleaned, stackedRows);
    if (own) {
      for (let v = 0; v < variants.length; v++) {
        own.forEach((r, j) => (mean[v * n + r] = blended[v * own.length + j]!));
      }
      continue;
    }
    // the same float32 sum, in the same order, as predictProba
    for (let i = 0; i < mean.length; i++) mean[i]! += blended[i]! / model.folds.length;
  }
  return variants.map((c, v) => {
    const p = mean.slice(v * n, (v + 1) * n);
    if (model.repeats) {
      // a variant's repeat keys read its emptied cells; the cleaning above did not need the emptied tables
      const raw = c === undefined ? rows.raw : withColumnEmpty(rows, c).raw;
      mixRepeats(model.repeats, rowHashes(raw, model.repeats.columns), p);
    }
    return p;
  });
}

/**
 * Every variant's rows cleaned (row i of variant v is row v * n + i): variant `undefined` is `rows` as
 * they are, a column name is `withColumnEmpty(rows, name)`. Cleaning goes column by column and row by
 * row, so the rows are cleaned twice only, as they are and with every variant's column emptied at once;
 * each variant takes from the second the columns read from its own emptied column (a cross is crossed
 * again from its two sides) and the rest from the first.
 */
export function cleanedVariants(
  rows: ExplainedRows,
  variants: readonly (string | undefined)[],
): FeatureColumns {
  const frame = rows.frame;
  const n = frame.height;
  const emptiedNames = [...new Set(variants)].filter((c): c is string =>
    c !== undefined && frame.columns.includes(c)
  );
  const base = featureColumns(frame);
  const emptied = emptiedNames.length === 0
    ? base
    : featureColumns(frame.withColumns(...emptiedNames.map((c) => emptySeries(frame, c))));
  // the frame columns a categorical feature reads (a cross: both of its sides')
  const reads = (name: string): readonly string[] => {
    const source = categoricalSource(name);
    if (source === undefined) return [name];
    return source.crossOf === undefined ? [source.column] : source.crossOf.flatMap(reads);
  };
  const joined = new JoinedColumns(base, n * variants.length);
  variants.forEach((c, v) => {
    const from = <T>(name: string, first: ReadonlyMap<string, T>, second: ReadonlyMap<string, T>): T =>
      (c !== undefined && reads(name).includes(c) ? second : first).get(name)!;
    const categorical = new Map([...base.categorical.keys()].map((name) => {
      const cross = categoricalSource(name)?.crossOf;
      if (cross === undefined || c === undefined || !reads(name).includes(c)) {
        return [name, from(name, base.categorical, emptied.categorical)];
      }
      const [a, b] = cross;
      return [
        name,
        crossedCells(
          from(a, base.categorical, emptied.categorical),
          from(b, base.categorical, emptied.categorical),
        ),
      ];
    }));
    const pick = <T>(columns: ReadonlyMap<string, T>, second: ReadonlyMap<string, T>) =>
      new Map([...columns.keys()].map((name) => [name, name === c ? second.get(name)! : columns.get(name)!]));
    joined.add(
      {
        rows: n,
        categorical,
        numeric: pick(base.numeric, emptied.numeric),
        text: pick(base.text, emptied.text),
      },
      v * n,
    );
  });
  return joined.done();
}

/** A column of `frame` with every cell empty, as the loader reads an empty cell (its type kept). */
function emptySeries(frame: pl.DataFrame, column: string): pl.Series {
  return pl.Series(column, new Array(frame.height).fill(null), frame.getColumn(column).dtype);
}

/** The rows whose fold is `f`, in order. */
export function rowsOfFold(foldOf: Int32Array, f: number): Uint32Array {
  return Uint32Array.from(foldOf.keys()).filter((r) => foldOf[r] === f);
}

/** Rows `rows` of each of `variants` stacked variants of `n` rows, variant by variant. */
export function stackedVariantRows(rows: Uint32Array, variants: number, n: number): Uint32Array {
  return Uint32Array.from(
    { length: rows.length * variants },
    (_, k) => Math.floor(k / rows.length) * n + rows[k % rows.length]!,
  );
}
