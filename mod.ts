/**
 * mql-gpu: predicts which B2B sales leads (MQLs) convert into opportunities,
 * with logistic regression and MLPs trained by WGSL compute shaders through
 * WebGPU, and a plain TypeScript CPU reference of the same maths.
 *
 * @example Train on the committed sample (on the CPU, two folds, one small model) and score it
 * ```ts
 * import assert from "node:assert/strict";
 * import { LOGISTIC_DEFAULTS, loadLeads, openEngine, predictProba, trainModel } from "./mod.ts";
 * const engine = await openEngine("cpu");
 * const table = await loadLeads("data/sample/train.csv", "train");
 * const { artifact, metrics } = await trainModel(table, {
 *   engine,
 *   folds: 2,
 *   seed: 42,
 *   members: [{ name: "logistic", options: { ...LOGISTIC_DEFAULTS, epochs: 2 }, crosses: false }],
 * });
 * const probs = await predictProba(engine, artifact, table);
 * assert.ok(metrics.cv.roc_auc > 0.5); // out of fold: converted leads rank above the others
 * assert.equal(probs.length, 5000);
 * ```
 *
 * `saveModel(dir, artifact)` writes `dir/model.json`; `loadModel(dir)` reads it back, checked field by field.
 *
 * @module
 */
export {
  type ColumnKind,
  type ColumnSpec,
  CUSTOMER_COLUMN,
  FINALS_COLUMNS,
  ID_COLUMN,
  LABEL_COLUMN,
  ONLINE_COLUMNS,
} from "./src/data/schema.ts";
export {
  idsOf,
  type LeadTable,
  loadLeads,
  type LoadOptions,
  NA_TOKENS,
  parseLabels,
  readAsText,
  type TableRole,
} from "./src/data/load.ts";
export { type HoldoutFrames, holdoutFrames, stringColumn, type TextFrame } from "./src/data/frames.ts";
export { DEFAULT_ROLES, type RoleRequest, type Roles } from "./src/data/roles.ts";
export { type Dialect, type Encoding, parseDelimited } from "./src/data/dialect.ts";
export { DataError, GpuUnavailableError } from "./src/errors.ts";
export type { Design } from "./src/features/design.ts";
export { featureColumns } from "./src/features/columns.ts";
export { type ColumnUse, describeColumnUse } from "./src/features/column_use.ts";
export {
  type FeatureOptions,
  type FeaturePlan,
  fitFeatures,
  transformFeatures,
} from "./src/features/plan.ts";
export { type DeviceChoice, type Engine, type GpuEngine, openEngine } from "./src/gpu/device.ts";
export {
  fitMlp,
  type FittedMlp,
  LOGISTIC_DEFAULTS,
  MLP_DEFAULTS,
  type MlpOptions,
  predictMlp,
} from "./src/models/mlp.ts";
export {
  type EnsembleMember,
  type FoldModel,
  loadModel,
  type ModelArtifact,
  type Provenance,
  saveModel,
} from "./src/artifact.ts";
export {
  type Grouping,
  type MemberSpec,
  MIN_FOLD_POSITIVES,
  type TrainMetrics,
  trainModel,
} from "./src/train/pipeline.ts";
export { checkColumns, predictProba } from "./src/score/predict.ts";
export { type KnownCustomerRows, knownCustomerRows, knownCustomers } from "./src/score/known_customers.ts";
export {
  DEFAULT_UNSEEN_SHARE,
  type HoldoutOptions,
  type HoldoutSplit,
  testLikeHoldout,
} from "./src/eval/holdout.ts";
export { evaluate, type Evaluation, matchIds } from "./src/eval/evaluate.ts";
export { needColumns, readScoredFile, type ScoredFile } from "./src/eval/scored_file.ts";
export { findPlaceholders, type Placeholder } from "./src/train/placeholders.ts";
export {
  countRepeats,
  mixRepeats,
  type RepeatCounts,
  type RowHashes,
  rowHashes,
  rowKeys,
} from "./src/score/repeats.ts";
export { decide, type Decision, type DecisionOptions } from "./src/score/decision.ts";
export { writeCsvAtomic, writeFileAtomic } from "./src/io/atomic.ts";
export { submissionFrame, writeSubmission } from "./src/io/submission.ts";
export { explainRows, type Explanation, withColumnEmpty } from "./src/score/explain.ts";
export { explanationColumns } from "./src/score/columns.ts";
export { assignTiers, leadScore, rateCurve, type Tier } from "./src/score/tiers.ts";
