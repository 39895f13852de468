/**
 * The feature plan: fitted on training rows only, stored in the model, and
 * applied unchanged to any later table (validation folds, test files).
 *
 * @module
 */
import { DataError } from "../errors.ts";
import type { Design } from "./design.ts";
import { applyBlock, type BlockEncoder, fitBlock } from "./blocks.ts";
import { CATEGORICAL_SOURCES, type FeatureColumns, NUMERIC_SOURCES, pick, pickNumbers } from "./columns.ts";
import { crossName } from "./crosses.ts";
import {
  applyScaler,
  encodeVocabularies,
  fitScaler,
  fitVocabulary,
  missingFlags,
  type Scaler,
  type Vocabulary,
} from "./encoders.ts";
import { applyTargetStats, fitTargetStats, outOfFoldTargetEncoding, type TargetStats } from "./target.ts";
import { DEFAULT_HASH_BUCKETS } from "./text_hash.ts";
import { resolveSources, sourcesOf, type SourceUse } from "./sources.ts";
import { wantsLog } from "./infer.ts";
import { autoFeatures } from "./auto.ts";

/** Version of the plan's JSON form; bumped when its meaning changes. */
export const FEATURE_PLAN_VERSION = 4;

/** A fitted feature plan (plain JSON). */
export interface FeaturePlan {
  readonly version: number;
  /** Every column the plan reads, how, and under which feature name; `transformFeatures` needs them all. */
  readonly sources: readonly SourceUse[];
  /** Categorical sources, in source order. */
  readonly vocabularies: readonly Vocabulary[];
  /** Numeric sources, in source order. */
  readonly scalers: readonly Scaler[];
  /** Numeric columns that get a 0/1 "was empty" feature (those with empty cells in training). */
  readonly missingFlags: readonly string[];
  /** Target encodings, each giving two numeric features (rate and row count), scaled by `targetScalers`. */
  readonly targets: readonly TargetStats[];
  readonly targetScalers: readonly Scaler[];
  /** Free-text, date and budget columns, each giving several numeric features (after the others). */
  readonly blocks: readonly BlockEncoder[];
}

/** Options of {@linkcode fitFeatures}. */
export interface FeatureOptions {
  /** A categorical value needs this many training rows to get its own index; rarer ones are pooled. */
  readonly minCount?: number;
  /** Categorical sources that also get a target encoding. */
  readonly targetColumns?: readonly string[];
  /** Seed of the inner folds of the target encodings. */
  readonly seed?: number;
  /** Hash buckets of each free-text column (default 64). */
  readonly hashBuckets?: number;
  /**
   * The group (customer) column. In a table without the LG columns it becomes an identifier with a
   * target encoding, and the rules of src/features/auto.ts rank columns over folds grouped by it.
   */
  readonly group?: string | null;
}

/**
 * Target-encoded by default: the customer's and the sales rep's history carry the most signal, and the rep's
 * rate within each enterprise size, customer type, business unit, inquiry type and product category (crossed
 * columns) tells unseen customers' leads apart where the rep's overall rate cannot (docs/features.md).
 */
export const DEFAULT_TARGET_COLUMNS: readonly string[] = [
  "customer_idx",
  "lead_owner",
  ...["enterprise", "customer_type", "business_unit", "inquiry_type", "product_category"].map((column) =>
    crossName("lead_owner", column)
  ),
];

/** Standardised values beyond this many deviations are clipped, so one outlier cannot dominate a fit. */
const CLIP = 8;

/**
 * Fits the plan on the training rows (`rows`, or all) and returns it with
 * those rows' design, whose target encodings are out of fold.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { featureColumns } from "./columns.ts";
 * import { fitFeatures, transformFeatures } from "./plan.ts";
 * const train = pl.DataFrame({
 *   business_unit: ["AS", "ID", "AS", "AS"],
 *   lead_desc_length: [62, 10, null, 30],
 * });
 * const labels = new Uint8Array([1, 0, 0, 1]);
 * const { plan, design } = fitFeatures(featureColumns(train), labels, undefined, { minCount: 1 });
 * assert.deepEqual(design.catNames, ["business_unit"]);
 * assert.deepEqual(design.numNames, ["lead_desc_length", "lead_desc_length_missing"]);
 * const test = pl.DataFrame({ business_unit: ["ID", "XX"], lead_desc_length: [5, 7] });
 * const testDesign = transformFeatures(plan, featureColumns(test));
 * assert.deepEqual([...testDesign.cat], [2, 0]); // "id" is value 2 of the vocabulary; unseen "xx" 0, other
 * ```
 */
export function fitFeatures(
  columns: FeatureColumns,
  labels: Uint8Array,
  rows: ArrayLike<number> | undefined,
  options: FeatureOptions = {},
): { plan: FeaturePlan; design: Design } {
  const minCount = options.minCount ?? 5;
  if (!Number.isInteger(minCount) || minCount < 1) {
    throw new RangeError(`minCount must be a positive integer, got ${minCount}`);
  }
  const buckets = options.hashBuckets ?? DEFAULT_HASH_BUCKETS;
  if (!Number.isInteger(buckets) || buckets < 1) {
    throw new RangeError(`hashBuckets must be a positive integer, got ${buckets}`);
  }
  const rowList = rows ?? Uint32Array.from({ length: columns.rows }, (_, i) => i);
  const inferred = sourcesOf(columns, rows);
  // a table without most LG categorical columns gets its identifiers, crosses and encodings by rule
  const lgPresent = CATEGORICAL_SOURCES.filter((s) => columns.categorical.has(s.name)).length;
  const auto = lgPresent < CATEGORICAL_SOURCES.length / 2
    ? autoFeatures(inferred, columns, labels, rowList, options.group ?? null)
    : undefined;
  const sources = auto?.sources ?? inferred;
  const view = resolveSources(sources, columns);
  const numeric = (name: string) => pickNumbers(view.numeric.get(name)!, rows);
  const uses = (use: SourceUse["use"]) => sources.filter((s) => s.use === use);
  const vocabularies = uses("categorical").map((s) =>
    fitVocabulary(s.feature, view.categorical.get(s.feature)!, minCount, rows)
  );
  const knownLog = new Map(NUMERIC_SOURCES.map((s) => [s.name, s.log]));
  const scalers = uses("numeric").map((s) => {
    const cells = numeric(s.feature);
    return fitScaler(s.feature, cells, s.inferred ? wantsLog(cells) : knownLog.get(s.feature) ?? false);
  });
  const flagged = uses("numeric").filter((s) => numeric(s.feature).some(Number.isNaN)).map((s) => s.feature);
  const blocks = sources.filter((s) => s.use === "text" || s.use === "date" || s.use === "budget").map((s) =>
    fitBlock(s.use as BlockEncoder["use"], s.feature, pick(view.text.get(s.feature)!, rows), buckets)
  );

  const targetColumns = options.targetColumns ?? auto?.targets ??
    DEFAULT_TARGET_COLUMNS.filter((name) => view.categorical.has(name));
  const targets = targetColumns.map((name) => fitTargetStats(name, sourceCells(view, name), labels, rowList));
  const encoded = targetColumns.map((name, t) =>
    outOfFoldTargetEncoding(sourceCells(view, name), labels, rowList, (options.seed ?? 0) + t)
  );
  const targetBlocks = encoded.flatMap((values) => [strided(values, 0), strided(values, 1)]);
  const targetScalers = targetBlocks.map((block, i) =>
    fitScaler(targetFeatureName(targetColumns[i >> 1]!, i & 1), block, false)
  );
  const plan: FeaturePlan = {
    version: FEATURE_PLAN_VERSION,
    sources,
    vocabularies,
    scalers,
    missingFlags: flagged,
    targets,
    targetScalers,
    blocks,
  };
  return { plan, design: assemble(plan, view, rows, targetBlocks) };
}

/** Applies a fitted plan to the given rows (or all) of the cleaned columns. */
export function transformFeatures(
  plan: FeaturePlan,
  columns: FeatureColumns,
  rows?: ArrayLike<number>,
): Design {
  if (plan.version !== FEATURE_PLAN_VERSION) {
    throw new DataError(
      `Cannot apply a feature plan of version ${plan.version}: this version of mql-gpu reads ${FEATURE_PLAN_VERSION}; retrain`,
    );
  }
  const rowList = rows ?? Uint32Array.from({ length: columns.rows }, (_, i) => i);
  const view = resolveSources(plan.sources, columns);
  const targetBlocks = plan.targets.flatMap((stats) => {
    const values = applyTargetStats(stats, sourceCells(view, stats.name), rowList);
    return [strided(values, 0), strided(values, 1)];
  });
  return assemble(plan, view, rows, targetBlocks);
}

/** The design of the given rows of `view` (the plan's sources, resolved). */
function assemble(
  plan: FeaturePlan,
  view: FeatureColumns,
  rowSubset: ArrayLike<number> | undefined,
  targetBlocks: readonly Float32Array[],
): Design {
  const rows = rowSubset?.length ?? view.rows;
  const numeric = (name: string) => pickNumbers(view.numeric.get(name)!, rowSubset);
  const encoded = plan.blocks.map((b) => applyBlock(b, pick(view.text.get(b.name)!, rowSubset)));
  const numNames = [
    ...plan.scalers.map((s) => s.name),
    ...plan.missingFlags.map((n) => `${n}_missing`),
    ...plan.targetScalers.map((s) => s.name),
    ...encoded.flatMap((e) => e.names),
  ];
  const numBlocks = [
    ...plan.scalers.map((s) => applyScaler(s, numeric(s.name))),
    ...plan.missingFlags.map((n) => missingFlags(numeric(n))),
    ...plan.targetScalers.map((s, i) => applyScaler(s, targetBlocks[i]!)),
    ...encoded.flatMap((e) => e.blocks),
  ];
  const vocabularies = plan.vocabularies.map((v) => ({
    vocabulary: v,
    cells: view.categorical.get(v.name)!,
  }));
  return {
    rows,
    num: interleave(numBlocks, rows, CLIP),
    numNames,
    cat: encodeVocabularies(vocabularies, rowSubset),
    catNames: plan.vocabularies.map((v) => v.name),
    catSizes: plan.vocabularies.map((v) => v.values.length + 1),
  };
}

function sourceCells(columns: FeatureColumns, name: string): readonly (string | null)[] {
  const cells = columns.categorical.get(name);
  if (cells === undefined) throw new RangeError(`No categorical feature "${name}" to target-encode`);
  return cells;
}

function targetFeatureName(name: string, which: number): string {
  return which === 0 ? `${name}_rate` : `${name}_rows`;
}

/** Every second value, starting at `offset`. */
function strided(values: Float32Array, offset: number): Float32Array {
  const out = new Float32Array(values.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = values[2 * i + offset]!;
  return out;
}

/** Numeric column blocks to one row-major matrix, values clipped to [-clip, clip]. */
function interleave(blocks: readonly Float32Array[], rows: number, clip: number): Float32Array {
  const width = blocks.length;
  const out = new Float32Array(rows * width);
  // a tile of rows at a time, so the rows being written stay in cache while every block is read
  const tile = 256;
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const r1 = Math.min(rows, r0 + tile);
    for (let j = 0; j < width; j++) {
      const block = blocks[j]!;
      for (let r = r0; r < r1; r++) {
        const v = block[r]!;
        out[r * width + j] = v > clip ? clip : v < -clip ? -clip : v;
      }
    }
  }
  return out;
}
