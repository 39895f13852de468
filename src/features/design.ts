/**
 * The model-ready form of a lead table: dense numeric features and
 * categorical indices, both row-major.
 *
 * @module
 */

/** Features of `rows` leads, ready for a model. */
export interface Design {
  /** Number of rows (leads). */
  readonly rows: number;
  /** Numeric features, row-major: `num[r * numNames.length + j]`. Standardised, no NaN. */
  readonly num: Float32Array;
  /** Names of the numeric features, in column order. */
  readonly numNames: readonly string[];
  /** Categorical indices, row-major: `cat[r * catNames.length + j] < catSizes[j]`. */
  readonly cat: Uint32Array;
  /** Names of the categorical features, in column order. */
  readonly catNames: readonly string[];
  /** Vocabulary size of each categorical feature (index 0 is the pooled "other / unseen" value). */
  readonly catSizes: readonly number[];
}
