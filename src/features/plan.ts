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

/** Version of the plan's JSON form; bumped when its meaning changes. */
export const FEATURE_PLAN_VERSION = 1;

/** A fitted feature plan (plain JSON). */
export interface FeaturePlan {
  readonly version: number;
  readonly vocabularies: readonly Vocabulary[];
  readonly scalers: readonly Scaler[];
  /** Numeric columns that get a 0/1 "was empty" feature (those with empty cells in training). */
  readonly missingFlags: readonly string[];
}

/** Options of {@linkcode fitFeaturePlan}. */
export interface FeaturePlanOptions {
  /** A categorical value needs this many training rows to get its own index; rarer ones are pooled. */
  readonly minCount?: number;
}

/** Standardised values beyond this many deviations are clipped, so one outlier cannot dominate a fit. */
const CLIP = 8;

/**
 * Fits the plan on the training rows (`rows`, or all) of the cleaned columns.
 *
 * @example
 * ```ts ignore
 * const columns = featureColumns(table.frame);
 * const plan = fitFeaturePlan(columns, { minCount: 5 });
 * const design = transformFeatures(plan, columns);
 * ```
 */
export function fitFeaturePlan(
  columns: FeatureColumns,
  options: FeaturePlanOptions = {},
  rows?: ArrayLike<number>,
): FeaturePlan {
  const minCount = options.minCount ?? 5;
  if (!Number.isInteger(minCount) || minCount < 1) {
    throw new RangeError(`minCount must be a positive integer, got ${minCount}`);
  }
  const categorical = (name: string) => pick(columns.categorical.get(name)!, rows);
  const numeric = (name: string) => pick(columns.numeric.get(name)!, rows);
  const vocabularies = CATEGORICAL_SOURCES.map((s) => fitVocabulary(s.name, categorical(s.name), minCount));
  const scalers = NUMERIC_SOURCES.map((s) => fitScaler(s.name, numeric(s.name), s.log));
  const flagged = NUMERIC_SOURCES.filter((s) => numeric(s.name).some((v) => v === null)).map((s) => s.name);
  return { version: FEATURE_PLAN_VERSION, vocabularies, scalers, missingFlags: flagged };
}

/** Applies a fitted plan to the given rows (or all) of the cleaned columns. */
export function transformFeatures(
  plan: FeaturePlan,
  columns: FeatureColumns,
  rowSubset?: ArrayLike<number>,
): Design {
  const rows = rowSubset?.length ?? columns.rows;
  const categorical = (name: string) => pick(columns.categorical.get(name)!, rowSubset);
  const numeric = (name: string) => pick(columns.numeric.get(name)!, rowSubset);
  const numNames = [...plan.scalers.map((s) => s.name), ...plan.missingFlags.map((n) => `${n}_missing`)];
  const numBlocks = [
    ...plan.scalers.map((s) => applyScaler(s, numeric(s.name))),
    ...plan.missingFlags.map((n) => missingFlags(numeric(n))),
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
