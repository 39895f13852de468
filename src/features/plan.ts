/**
 * The feature plan: fitted on training rows only, stored in the model, and
 * applied unchanged to any later table (validation folds, test files).
 *
 * @module
 */
import type { Design } from "./design.ts";
import { CATEGORICAL_SOURCES, type FeatureColumns, NUMERIC_SOURCES, pick } from "./columns.ts";
import {
  applyScaler,
  encodeVocabulary,
  fitScaler,
  fitVocabulary,
  missingFlags,
  type Scaler,
  type Vocabulary,
} from "./encoders.ts";
import { applyTargetStats, fitTargetStats, outOfFoldTargetEncoding, type TargetStats } from "./target.ts";

/** Version of the plan's JSON form; bumped when its meaning changes. */
export const FEATURE_PLAN_VERSION = 2;

/** A fitted feature plan (plain JSON). */
export interface FeaturePlan {
  readonly version: number;
  readonly vocabularies: readonly Vocabulary[];
  readonly scalers: readonly Scaler[];
  /** Numeric columns that get a 0/1 "was empty" feature (those with empty cells in training). */
  readonly missingFlags: readonly string[];
  /** Target encodings, each giving two numeric features (rate and row count), scaled by `targetScalers`. */
  readonly targets: readonly TargetStats[];
  readonly targetScalers: readonly Scaler[];
}

/** Options of {@linkcode fitFeatures}. */
export interface FeatureOptions {
  /** A categorical value needs this many training rows to get its own index; rarer ones are pooled. */
  readonly minCount?: number;
  /** Categorical sources that also get a target encoding. */
  readonly targetColumns?: readonly string[];
  /** Seed of the inner folds of the target encodings. */
  readonly seed?: number;
}

/** Target-encoded by default: the customer's and the sales rep's history carry the most signal. */
export const DEFAULT_TARGET_COLUMNS: readonly string[] = ["customer_idx", "lead_owner"];

/** Standardised values beyond this many deviations are clipped, so one outlier cannot dominate a fit. */
const CLIP = 8;

/**
 * Fits the plan on the training rows (`rows`, or all) and returns it with
 * those rows' design, whose target encodings are out of fold.
 *
 * @example
 * ```ts ignore
 * const columns = featureColumns(table.frame);
 * const { plan, design } = fitFeatures(columns, table.labels!, undefined, { minCount: 5 });
 * const test = transformFeatures(plan, featureColumns(testTable.frame));
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
  const rowList = rows ?? Uint32Array.from({ length: columns.rows }, (_, i) => i);
  const categorical = (name: string) => pick(columns.categorical.get(name)!, rows);
  const numeric = (name: string) => pick(columns.numeric.get(name)!, rows);
  const vocabularies = CATEGORICAL_SOURCES.map((s) => fitVocabulary(s.name, categorical(s.name), minCount));
  const scalers = NUMERIC_SOURCES.map((s) => fitScaler(s.name, numeric(s.name), s.log));
  const flagged = NUMERIC_SOURCES.filter((s) => numeric(s.name).some((v) => v === null)).map((s) => s.name);

  const targetColumns = options.targetColumns ?? DEFAULT_TARGET_COLUMNS;
  const targets = targetColumns.map((name) =>
    fitTargetStats(name, sourceCells(columns, name), labels, rowList)
  );
  const encoded = targetColumns.map((name, t) =>
    outOfFoldTargetEncoding(sourceCells(columns, name), labels, rowList, (options.seed ?? 0) + t)
  );
  const targetBlocks = encoded.flatMap((values) => [strided(values, 0), strided(values, 1)]);
  const targetScalers = targetBlocks.map((block, i) =>
    fitScaler(targetFeatureName(targetColumns[i >> 1]!, i & 1), Array.from(block), false)
  );
  const plan: FeaturePlan = {
    version: FEATURE_PLAN_VERSION,
    vocabularies,
    scalers,
    missingFlags: flagged,
    targets,
    targetScalers,
  };
  return { plan, design: assemble(plan, columns, rows, targetBlocks) };
}

/** Applies a fitted plan to the given rows (or all) of the cleaned columns. */
export function transformFeatures(
  plan: FeaturePlan,
  columns: FeatureColumns,
  rows?: ArrayLike<number>,
): Design {
  const rowList = rows ?? Uint32Array.from({ length: columns.rows }, (_, i) => i);
  const targetBlocks = plan.targets.flatMap((stats) => {
    const values = applyTargetStats(stats, sourceCells(columns, stats.name), rowList);
    return [strided(values, 0), strided(values, 1)];
  });
  return assemble(plan, columns, rows, targetBlocks);
}

function assemble(
  plan: FeaturePlan,
  columns: FeatureColumns,
  rowSubset: ArrayLike<number> | undefined,
  targetBlocks: readonly Float32Array[],
): Design {
  const rows = rowSubset?.length ?? columns.rows;
  const categorical = (name: string) => pick(columns.categorical.get(name)!, rowSubset);
  const numeric = (name: string) => pick(columns.numeric.get(name)!, rowSubset);
  const numNames = [
    ...plan.scalers.map((s) => s.name),
    ...plan.missingFlags.map((n) => `${n}_missing`),
    ...plan.targetScalers.map((s) => s.name),
  ];
  const numBlocks = [
    ...plan.scalers.map((s) => applyScaler(s, numeric(s.name))),
    ...plan.missingFlags.map((n) => missingFlags(numeric(n))),
    ...plan.targetScalers.map((s, i) => applyScaler(s, Array.from(targetBlocks[i]!))),
  ];
  const catBlocks = plan.vocabularies.map((v) => encodeVocabulary(v, categorical(v.name)));
  return {
    rows,
    num: interleave(numBlocks, rows, Float32Array, CLIP),
    numNames,
    cat: interleave(catBlocks, rows, Uint32Array),
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
  return Float32Array.from({ length: values.length / 2 }, (_, i) => values[2 * i + offset]!);
}

/** Column blocks to one row-major matrix. */
function interleave<T extends Float32Array | Uint32Array>(
  blocks: readonly T[],
  rows: number,
  make: { new (n: number): T },
  clip = Infinity,
): T {
  const width = blocks.length;
  const out = new make(rows * width);
  blocks.forEach((block, j) => {
    for (let r = 0; r < rows; r++) out[r * width + j] = Math.max(-clip, Math.min(clip, block[r]!));
  });
  return out;
}
