/**
 * The training report's column importance: the mean absolute reason (src/score/explain.ts) of each column
 * over a seeded sample of out-of-fold leads, each lead explained by the fold models that did not train on
 * it, without the exact-repeat mix (validation rows never repeat a training lead of their fold).
 *
 * It is computed while the last folds still fit (`TrainOptions.whileFitting`): the sample's copies with
 * one column emptied are cleaned once, and each fold's members score its rows as soon as that fold's fits
 * are in. The blend weights, learned once every fold is in, then only combine the stored probabilities,
 * in the same float32 arithmetic as `explainRows`, so the figures are the same bits as explaining after
 * training.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { LeadTable } from "../data/load.ts";
import { transformFeatures } from "../features/plan.ts";
import type { Engine } from "../gpu/device.ts";
import { Random } from "../random.ts";
import { blend } from "../score/blend.ts";
import {
  cleanedVariants,
  EXPLAIN_CHUNK_ROWS,
  explainedColumns,
  logit,
  rowsOfFold,
  stackedVariantRows,
} from "../score/explain.ts";
import { memberProbabilities } from "../score/predict.ts";
import type { QueuedFolds } from "../train/pipeline.ts";
import { round } from "./data.ts";

/**
 * Out-of-fold rows explained for column importance at most: each costs one scoring pass per column.
 * On train_dev.csv 1,000 rows give the same top five columns in the same order as 2,000, in half
 * the time (about 2 s less of `train` on llvmpipe).
 */
export const IMPORTANCE_ROWS = 1000;

/** A column's mean absolute contribution to the log-odds. */
export interface ColumnImportance {
  readonly column: string;
  readonly mean: number;
}

/** The explained sample's member probabilities, fold by fold, waiting for the blend weights. */
export class OutOfFoldImportance {
  /** The explained columns, in the model's column order. */
  readonly columns: readonly string[];
  /** Explained rows (table order). */
  readonly #rows: number;
  /** Per fold, the sample positions it explains. */
  readonly #own: readonly Uint32Array[];
  /** Per fold and member: probability of own row j in variant v at `v * own.length + j`. */
  readonly #probs: readonly Float32Array[][];

  private constructor(columns: string[], rows: number, own: Uint32Array[], probs: Float32Array[][]) {
    this.columns = columns;
    this.#rows = rows;
    this.#own = own;
    this.#probs = probs;
  }

  /**
   * Explains the sample of `queued`'s out-of-fold rows (seeded by `seed`) with each fold's members as
   * they come in; variant 0 of every row is the row as it is, variant 1 + c has column c emptied.
   */
  static async explain(
    engine: Engine,
    table: LeadTable,
    seed: number,
    queued: QueuedFolds,
    chunkRows = EXPLAIN_CHUNK_ROWS,
  ): Promise<OutOfFoldImportance> {
    const once = queued.rows.length;
    const sample = new Random(seed).shuffle(Array.from({ length: once }, (_, i) => i)).slice(
      0,
      IMPORTANCE_ROWS,
    );
    // the picked rows keep table order; each is explained by its own fold's models
    const picked = Array.from(sample, (i) => queued.rows[i]!).sort((a, b) => a - b);
    const foldOfRow = new Map(sample.map((i) => [queued.rows[i]!, queued.folds[i]!]));
    const foldOf = Int32Array.from(picked, (r) => foldOfRow.get(r)!);
    const pick = (df: pl.DataFrame) => df.select(pl.all().gather(picked));
    const rows = { raw: pick(table.raw), frame: pick(table.frame) };
    const columns = explainedColumns(
      { columns: table.schema.features, folds: queued.plans.map((plan) => ({ plan, members: [] })) },
      rows.raw,
    );
    const n = picked.length;
    const variants = [undefined, ...columns];
    const own = queued.plans.map((_, f) => rowsOfFold(foldOf, f));
    const probs = queued.plans.map(() => [] as Float32Array[]);
    // the variants go in groups of at most chunkRows rows, so memory stays bounded on wide tables
    const perCall = Math.max(1, Math.floor(chunkRows / Math.max(n, 1)));
    for (let v0 = 0; v0 < variants.length; v0 += perCall) {
      const group = variants.slice(v0, v0 + perCall);
      const cleaned = cleanedVariants(rows, group);
      for (const [f, plan] of queued.plans.entries()) {
        const mine = own[f]!;
        if (mine.length === 0) continue;
        // the design is built while this fold's fits may still run
        const design = transformFeatures(plan, cleaned, stackedVariantRows(mine, group.length, n));
        const scored = await memberProbabilities(engine, await queued.fitted[f]!, design);
        scored.forEach((p, m) => {
          probs[f]![m] ??= new Float32Array(mine.length * variants.length);
          probs[f]![m]!.set(p, v0 * mine.length);
        });
      }
    }
    return new OutOfFoldImportance(columns, n, own, probs);
  }

  /**
   * Mean |reason| per column, largest first (ties by name), with fold f's members blended by
   * `weights[f]`; means rounded to seven significant digits.
   */
  importance(weights: readonly (readonly number[])[]): ColumnImportance[] {
    const n = this.#rows;
    const variants = this.columns.length + 1;
    const mean = new Float32Array(n * variants);
    this.#own.forEach((mine, f) => {
      if (mine.length === 0) return;
      const blended = blend(this.#probs[f]!, weights[f]!);
      for (let v = 0; v < variants; v++) {
        mine.forEach((r, j) => (mean[v * n + r] = blended[v * mine.length + j]!));
      }
    });
    return this.columns.map((column, c) => {
      let s = 0;
      for (let r = 0; r < n; r++) s += Math.abs(logit(mean[r]!) - logit(mean[(1 + c) * n + r]!));
      return { column, mean: round(s / n) };
    }).sort((a, b) => b.mean - a.mean || (a.column < b.column ? -1 : 1));
  }
}
