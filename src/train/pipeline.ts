/**
 * Training end to end: cross-validation gives out-of-fold probabilities, from
 * which the blend weights, the threshold and the reported scores come. Each
 * fold fits its own feature plan on its own training rows, so nothing learned
 * from validation rows leaks into a fit. The fold models themselves are the
 * saved model (their average scores new leads), not a refit on all rows: the
 * threshold was chosen on their out-of-fold probabilities and fits them.
 *
 * @module
 */
import { type ModelArtifact, partJson, type Provenance, provenanceOf } from "../artifact.ts";
import type { LeadTable } from "../data/load.ts";
import { compactFeatureColumns } from "../features/compact.ts";
import { withoutCrosses } from "../features/crosses.ts";
import { featureBuffers, fitCost, memberSeed, sizedFor } from "./member_jobs.ts";
import { type ColumnUse, describeColumnUse } from "../features/column_use.ts";
import { type FeatureOptions, type FeaturePlan, fitFeatures, transformFeatures } from "../features/plan.ts";
import type { Engine } from "../gpu/device.ts";
import { distinctScores, prAucOfGroups, rocAucOfGroups } from "../metrics.ts";
import { type FittedMlp, LOGISTIC_DEFAULTS, MLP_DEFAULTS, type MlpOptions } from "../models/mlp.ts";
import { releaseFreedMemory } from "../io/release_memory.ts";
import { fitRepeats, type RepeatCounts, repeatKeyColumns, rowHashes } from "../score/repeats.ts";
import { foldIndices, groupedStratifiedFolds, seenCustomerRows, stratifiedFolds } from "./cv.ts";
import { blend } from "../score/blend.ts";
import { learnBlendWeights } from "./ensemble.ts";
import { inlinePool, workerPool } from "./fit_pool.ts";
import { findPlaceholders, type Placeholder } from "./placeholders.ts";
import { summarizeOof } from "../score/prior_shift.ts";
import { bestF1ThresholdOfGroups, F1_PLATEAU } from "../score/f1_threshold.ts";

/** How cross-validation folds are drawn. */
export type Grouping = "customer" | "mixed" | "random";

/** A fold with fewer validation positives than this gives scores too noisy to trust; `train` warns. */
export const MIN_FOLD_POSITIVES = 20;

/** Share of mixed-grouping validation rows that are leads of known customers, as in the real test set. */
export const SEEN_SHARE = 0.23;

/** One model of the ensemble to train. */
export interface MemberSpec {
  readonly name: string;
  readonly options: MlpOptions;
  /** Whether it reads the crossed categoricals (src/features/crosses.ts); default false. */
  readonly crosses?: boolean;
}

/**
 * Bytes of fold designs that may wait for their fits: a small table's folds (train_dev.csv: 18 MB each,
 * 100,000 leads: 38 MB) are all built at once, so the pool can start the costliest fits first and no
 * worker ends idle behind a long fit; a larger table's folds are built about one ahead of the fits.
 */
const AHEAD_BYTES = 128 * 1024 * 1024;

/**
 * The ensemble trained by default: logistic regression with the crossed categoricals, and a 48-24 MLP
 * without them (it learns interactions itself). More MLPs (other seeds or widths) got blend weights
 * near zero on grouped cross-validation of the competition data and did not move held-out F1
 * (docs/features.md).
 */
export const DEFAULT_MEMBERS: readonly MemberSpec[] = [
  { name: "logistic", options: LOGISTIC_DEFAULTS, crosses: true },
  { name: "mlp", options: MLP_DEFAULTS },
];

/** Options of {@linkcode trainModel}. */
export interface TrainOptions {
  readonly engine: Engine;
  readonly folds: number;
  readonly seed: number;
  /**
   * "customer" (default): whole customers in one fold, as the real test set holds mostly unseen
   * customers; "mixed": the same, plus single leads of the training side's customers validated too
   * ({@link SEEN_SHARE} of the validation rows, as in the real test set), which the threshold and
   * the blend then also see; "random": stratified folds that ignore customers (scores flatter).
   */
  readonly grouping?: Grouping;
  /** Train on placeholder customers' rows too (see src/train/placeholders.ts); default false. */
  readonly keepPlaceholders?: boolean;
  readonly members?: readonly MemberSpec[];
  /** Feature plan options (rare-value pooling, target-encoded columns); the seed comes from `seed`. */
  readonly features?: Omit<FeatureOptions, "seed">;
  /**
   * Fits run side by side in this many worker threads, each with its own engine of `engine`'s kind
   * (default 1: one after another in this thread). Results are the same either way.
   */
  readonly workers?: number;
  /**
   * Fit the members without hidden layers (logistic regression) with the CPU reference while the
   * others use `engine`: on a software adapter its few arithmetic per dispatch make the CPU faster
   * (docs/speed.md); the model is the same to about 1e-6. Default false.
   */
  readonly linearOnCpu?: boolean;
  /** Called with one line of progress at a time. */
  readonly onProgress?: (line: string) => void;
  /**
   * Called once every fold's fits are queued, while the last of them run; training ends when its
   * promise does. `train` explains its report's out-of-fold sample here (src/report/importance.ts).
   */
  readonly whileFitting?: (folds: QueuedFolds) => Promise<void>;
  /**
   * Called as soon as the model and its blended out-of-fold predictions are known, before the members'
   * own scores: `train` starts drawing its report's first parts here.
   */
  readonly onOutOfFold?: (ready: OutOfFoldReady) => void;
}

/** What {@link TrainOptions.onOutOfFold} is given. */
export interface OutOfFoldReady {
  readonly artifact: ModelArtifact;
  readonly oof: OofPredictions;
  /** The run's facts of {@link TrainMetrics} that are known by then. */
  readonly facts: RunFacts;
}

/** Facts of a training run: its cross-validation and the rows it trained on. */
export interface RunFacts {
  readonly cv: { readonly folds: number; readonly grouping: Grouping };
  readonly rows: number;
  readonly positives: number;
  readonly excluded: readonly Placeholder[];
}

/** The folds as they are being fitted, for {@link TrainOptions.whileFitting}. */
export interface QueuedFolds {
  /** The table row of each out-of-fold position (placeholder customers' rows left out). */
  readonly rows: Uint32Array;
  /** The fold that validates each out-of-fold position. */
  readonly folds: Int32Array;
  /** Each fold's feature plan. */
  readonly plans: readonly FeaturePlan[];
  /** Each fold's fitted members, in member order, once they are in. */
  readonly fitted: readonly Promise<readonly FoldMember[]>[];
}

/** A fitted member of a fold, before the blend weights are learned. */
export interface FoldMember {
  readonly crosses: boolean;
  readonly model: FittedMlp;
}

/** Scores of a set of out-of-fold probabilities. */
export interface Scores {
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
  readonly roc_auc: number;
  readonly pr_auc: number;
  readonly threshold: number;
}

/** What training measured, written to `metrics.json`. */
export interface TrainMetrics {
  readonly cv: Scores & {
    readonly folds: number;
    readonly grouping: Grouping;
    /** Validation predictions of known customers' leads (mixed grouping), on top of one per row. */
    readonly seen_rows: number;
  };
  readonly members: Readonly<Record<string, Scores & { readonly weight: number }>>;
  /** Rows trained on, and their positives (placeholder customers excluded). */
  readonly rows: number;
  readonly positives: number;
  readonly excluded: readonly Placeholder[];
  /** Which round's schema the file had, and how each of its columns was used. */
  readonly round: "online" | "finals";
  readonly columns: readonly ColumnUse[];
  readonly device: string;
  /** Distinct training leads kept to recognise exact repeats among scored leads. */
  readonly repeat_keys: number;
  /** The training file, its roles, the seed and the tool's version (as in `model.json`). */
  readonly provenance: Provenance;
  /** Positives among each fold's validation rows: under {@link MIN_FOLD_POSITIVES} the scores mean little. */
  readonly fold_positives: readonly number[];
  /** Wall seconds until every fold's fits were in, and in all. */
  readonly seconds: { readonly cv: number; readonly total: number };
}

/** The out-of-fold predictions behind the reported scores, one entry per validation prediction. */
export interface OofPredictions {
  /** The table row each entry predicts. */
  readonly rows: Uint32Array;
  readonly labels: Uint8Array;
  /** Blended out-of-fold probabilities. */
  readonly probs: Float32Array;
  /** The fold whose models made each prediction. */
  readonly folds: Int32Array;
  /** Entries from `rows.length - seen` on are known customers' leads (mixed grouping). */
  readonly seen: number;
}

/**
 * Trains the ensemble on a labelled lead table.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadLeads } from "../data/load.ts";
 * import { openEngine } from "../gpu/device.ts";
 * import { trainModel } from "./pipeline.ts";
 * // 40 leads of 10 customers; most leads of business unit AS convert
 * const rows = Array.from({ length: 40 }, (_, i) =>
 *   `${i % 10},${i % 3 ? "ID" : "AS"},${i % 3 === 0 && i % 5 > 0}`);
 * const train = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(train, ["customer_idx,business_unit,is_converted", ...rows].join("\n"));
 * const engine = await openEngine("cpu"); // "auto" prefers the GPU
 * const table = await loadLeads(train, "train");
 * const { artifact, metrics } = await trainModel(table, { engine, folds: 2, seed: 42 });
 * assert.equal(artifact.folds.length, 2); // each fold's fitted members, for scoring
 * assert.equal(metrics.positives, 11);
 * assert.ok(metrics.cv.roc_auc > 0.5); // out of fold, AS leads rank above ID leads
 * ```
 */
export async function trainModel(
  table: LeadTable,
  options: TrainOptions,
): Promise<{ artifact: ModelArtifact; metrics: TrainMetrics; oof: OofPredictions }> {
  const { engine, folds: k, seed } = options;
  const members = options.members ?? DEFAULT_MEMBERS;
  const progress = options.onProgress ?? (() => {});
  if (table.labels === undefined) throw new TypeError("trainModel needs a table with labels");
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`folds must be an integer of at least 2, got ${k}`);
  const started = performance.now();
  const group = table.roles.group;
  // no group column: every row its own customer (no placeholders; folds stratified by row)
  const customers = group === null
    ? Array.from({ length: table.raw.height }, (_, r) => `#${r}`)
    : table.raw.getColumn(group).toArray() as (string | null)[];

  const excluded = options.keepPlaceholders || group === null
    ? []
    : findPlaceholders(customers, table.labels);
  for (const p of excluded) {
    progress(
      `customer ${p.customer}: ${p.rows} leads, nearly all converted: a placeholder id, left out of training`,
    );
  }
  const excludedIds = new Set(excluded.map((p) => p.customer));
  const rows = Uint32Array.from(customers.keys()).filter((r) => !excludedIds.has(customers[r] ?? ""));
  const labels = Uint8Array.from(rows, (r) => table.labels![r]!);
  const positives = labels.reduce((a, b) => a + b, 0);
  if (positives < k || labels.length - positives < k) {
    throw new RangeError(`${k}-fold cross-validation needs at least ${k} positive and ${k} negative rows`);
  }
  const columns = compactFeatureColumns(table.frame);
  // the slices' polars frames are freed once collected: after a turn, their pages go back to the system
  await nextTurn();
  releaseFreedMemory();

  // Fold positions index `rows`; `rows[i]` is the table row.
  const grouping = group === null ? "random" : options.grouping ?? "customer";
  const groups = Array.from(rows, (r) => customers[r] ?? "");
  const folds = grouping === "random"
    ? stratifiedFolds(labels, k, seed)
    : groupedStratifiedFolds(labels, groups, k, seed);
  // mixed grouping: per fold, rows of known customers validated as well (kept out of that fold's fit)
  const seen = Array.from(
    { length: k },
    (_, f) =>
      grouping === "mixed" ? seenCustomerRows(folds, groups, f, SEEN_SHARE, seed) : new Uint32Array(0),
  );
  const seenProbs = members.map(() => seen.map((s) => new Float32Array(s.length)));
  const oof = members.map(() => new Float32Array(labels.length));
  // Costlier members are queued first, so parallel workers do not end on one long fit.
  const byCost = members.map((_, m) => m).sort((a, b) =>
    fitCost(members[b]!.options) - fitCost(members[a]!.options)
  );
  const pool = (options.workers ?? 1) > 1 ? workerPool(engine.kind, options.workers!) : inlinePool(engine);
  let cvSeconds = 0;
  const foldPlans: FeaturePlan[] = [];
  const foldModels = Array.from({ length: k }, () => new Array<FittedMlp>(members.length));
  let weights: number[];
  let blended: Float32Array;
  let evalLabels: Uint8Array;
  let evalProbs: Float32Array[];
  let repeats: RepeatCounts;
  try {
    // Every fold's features are built here while the pool fits the folds already queued.
    const cvJobs: Promise<void>[] = [];
    const fitted: Promise<readonly FoldMember[]>[] = [];
    // Folds' designs are built ahead of the fits while the unfitted ones take at most AHEAD_BYTES (a
    // small table's folds are all queued at once, and the pool starts the costliest fits first), and
    // otherwise about one fold ahead, so a large table holds two folds of designs, not all k (the fits'
    // results do not depend on their order).
    const running = new Map<Promise<unknown>, number>(); // unfinished jobs and the bytes they hold
    const ahead = Math.max(1, options.workers ?? 1);
    let foldBytes = 0;
    const held = () => [...running.values()].reduce((a, b) => a + b, 0);
    for (let f = 0; f < k; f++) {
      while (running.size > ahead && held() + foldBytes > AHEAD_BYTES) await Promise.race(running.keys());
      releaseFreedMemory(); // the designs of the folds fitted so far
      const split = foldIndices(folds, f);
      const seenRows = new Set(seen[f]);
      const train = seenRows.size === 0 ? split.train : split.train.filter((i) => !seenRows.has(i));
      const valid = split.valid;
      const trainRows = train.map((i) => rows[i]!);
      const fold = fitFeatures(columns, table.labels, trainRows, {
        ...options.features,
        seed: seed + f,
        group,
      });
      const scored = Uint32Array.from([...valid, ...seen[f]!], (i) => rows[i]!);
      const validDesign = transformFeatures(fold.plan, columns, scored);
      const plain = { train: withoutCrosses(fold.design), valid: withoutCrosses(validDesign) };
      foldPlans.push(fold.plan);
      const trainLabels = Uint8Array.from(train, (i) => labels[i]!);
      const inputs = byCost.map((m) => ({
        m,
        design: members[m]!.crosses ? fold.design : plain.train,
        score: members[m]!.crosses ? validDesign : plain.valid,
      }));
      // each buffer moves to a worker with the last job that reads it (jobs are started in order)
      const lastReader = new Map<ArrayBuffer, number>();
      inputs.forEach((input, i) => featureBuffers(input).forEach((b) => lastReader.set(b, i)));
      const memberJobs = new Array<Promise<FittedMlp>>(members.length);
      // costliest first only among folds built ahead: with a large table's one fold ahead, the fits keep
      // their queued order, so a later fold's fit never keeps this fold's designs waiting in memory
      const byCostFirst = held() + foldBytes <= AHEAD_BYTES;
      foldBytes = 0;
      inputs.forEach((input, i) => {
        const m = input.m;
        const member = members[m]!;
        const fitOptions = { ...sizedFor(member.options, trainLabels.length), seed: memberSeed(seed, m, f) };
        const transfer = featureBuffers(input).filter((b) => lastReader.get(b) === i);
        // counted before the pool moves them to a worker (a moved buffer reads 0 bytes)
        const bytes = transfer.reduce((n, b) => n + b.byteLength, 0);
        const job = pool.fit({
          design: input.design,
          labels: trainLabels,
          options: fitOptions,
          score: input.score,
          transfer,
          onCpu: options.linearOnCpu === true && member.options.hidden.length === 0,
          // a fold's members keep their queued order (costliest first), so a shared buffer moves last
          cost: byCostFirst ? fitCost(fitOptions) * trainLabels.length : 0,
        });
        memberJobs[m] = handled(job.then(({ model }) => model));
        const done = job.then(() => {}, () => {});
        foldBytes += bytes;
        running.set(done, bytes);
        done.then(() => running.delete(done));
        cvJobs.push(handled(job.then(({ model, probs, seconds }) => {
          foldModels[f]![m] = model;
          valid.forEach((i, j) => (oof[m]![i] = probs![j]!));
          seenProbs[m]![f]!.set(probs!.subarray(valid.length));
          progress(`fold ${f + 1}/${k}  ${member.name.padEnd(12)} ${seconds.toFixed(1).padStart(5)} s`);
        })));
      });
      fitted.push(
        handled(
          Promise.all(memberJobs).then((models) =>
            models.map((model, m) => ({ crosses: members[m]!.crosses ?? false, model }))
          ),
        ),
      );
      // the plan's part of model.json, written now while its fits run, not at the end with the report
      partJson(fold.plan);
      await nextTurn();
    }
    const beside = options.whileFitting && handled(
      options.whileFitting({ rows, folds: Int32Array.from(folds), plans: foldPlans, fitted }),
    );
    // while the last fits run
    const keyColumns = repeatKeyColumns(table.raw, table.schema.features);
    repeats = fitRepeats(
      keyColumns,
      rowHashes(table.raw, keyColumns),
      table.labels,
      rows,
    );
    partJson(repeats);
    await Promise.all(cvJobs);
    cvSeconds = (performance.now() - started) / 1000;
    await beside;
    // every row once (out of fold), then the known-customer predictions fold by fold
    evalLabels = concat([labels, ...seen.map((s) => Uint8Array.from(s, (i) => labels[i]!))]);
    evalProbs = members.map((_, m) => concat([oof[m]!, ...seenProbs[m]!]));
    weights = learnBlendWeights(evalLabels, evalProbs);
    blended = blend(evalProbs, weights);
  } finally {
    await pool.close();
  }
  const cv = scoresOf(evalLabels, blended);
  const artifact: ModelArtifact = {
    columns: table.schema.features,
    round: table.schema.round,
    folds: foldPlans.map((plan, f) => ({
      plan,
      members: members.map((member, m) => ({
        name: member.name,
        weight: weights[m]!,
        crosses: member.crosses ?? false,
        model: foldModels[f]![m]!,
      })),
    })),
    threshold: cv.threshold,
    trainPrior: positives / labels.length,
    cvScores: { precision: cv.precision, recall: cv.recall, f1: cv.f1 },
    oofSummary: summarizeOof(evalLabels, blended),
    seed,
    repeats,
    roles: table.roles,
    ...(table.labelSpelling ? { labelSpelling: table.labelSpelling } : {}),
    provenance: provenanceOf(table, labels.length, seed),
  };
  const predictions: OofPredictions = {
    rows: Uint32Array.from([...rows, ...seen.flatMap((s) => Array.from(s, (i) => rows[i]!))]),
    labels: evalLabels,
    probs: blended,
    folds: Int32Array.from([...folds, ...seen.flatMap((s, f) => Array.from(s, () => f))]),
    seen: evalLabels.length - labels.length,
  };
  const facts: RunFacts = { cv: { folds: k, grouping }, rows: labels.length, positives, excluded };
  options.onOutOfFold?.({ artifact, oof: predictions, facts });
  const memberScores = Object.fromEntries(
    members.map((m, i) => [m.name, { ...scoresOf(evalLabels, evalProbs[i]!), weight: weights[i]! }]),
  );
  const metrics: TrainMetrics = {
    cv: { ...cv, folds: k, grouping, seen_rows: evalLabels.length - labels.length },
    members: memberScores,
    rows: labels.length,
    positives,
    excluded,
    round: table.schema.round,
    // every fold's plan uses the same sources; the first one's vocabularies are representative
    columns: describeColumnUse(foldPlans[0]!, table.raw.columns.filter((c) => c !== table.roles.label)),
    device: engine.description + (options.linearOnCpu ? " (logistic regression: cpu reference)" : ""),
    repeat_keys: repeats.counts.length,
    provenance: artifact.provenance!,
    fold_positives: Array.from(
      { length: k },
      (_, f) => foldIndices(folds, f).valid.reduce((n, i) => n + labels[i]!, 0),
    ),
    seconds: { cv: cvSeconds, total: (performance.now() - started) / 1000 },
  };
  return { artifact, metrics, oof: predictions };
}

/** Scores of probabilities at the middle of their F1 plateau (see `F1_PLATEAU`). */
export function scoresOf(labels: Uint8Array, probs: Float32Array): Scores {
  // one sort of the scores serves the threshold and both areas
  const groups = distinctScores(labels, probs);
  const best = bestF1ThresholdOfGroups(groups, F1_PLATEAU);
  return {
    f1: best.f1,
    precision: best.precision,
    recall: best.recall,
    roc_auc: rocAucOfGroups(groups),
    pr_auc: prAucOfGroups(groups),
    threshold: best.threshold,
  };
}

/** `parts` end to end. */
function concat<T extends Uint8Array | Float32Array>(parts: readonly T[]): T {
  const out = new (parts[0]!.constructor as new (n: number) => T)(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `p` itself, marked handled: its failure surfaces where it is awaited, not as an unhandled rejection. */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** Lets queued work (worker replies, inline fits) run between folds. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
