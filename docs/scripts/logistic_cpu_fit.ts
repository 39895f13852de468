/**
 * Times the logistic member's CPU-reference fit on fold 0 of a table, with the design built as
 * src/train/pipeline.ts builds it (placeholders out, customer-grouped folds, the fold's feature plan with
 * the crossed categoricals, the member's seed and batch size), as a `train` worker runs it on llvmpipe
 * (`--device auto`). Prints per repeat the CPU seconds (process.cpuUsage) and wall of `fitMlp`, and
 * hashes of the parameters and of the training rows' probabilities (equal hashes: equal bits), then
 * where one fit's time goes.
 *
 *   deno run -A docs/scripts/logistic_cpu_fit.ts ../shared/data/train_dev.csv [repeats]
 *
 * @module
 */

import process from "node:process";
import { loadLeads } from "../../src/data/load.ts";
import { compactFeatureColumns } from "../../src/features/compact.ts";
import { fitFeatures } from "../../src/features/plan.ts";
import { findPlaceholders } from "../../src/train/placeholders.ts";
import { foldIndices, groupedStratifiedFolds } from "../../src/train/cv.ts";
import { memberSeed, sizedFor } from "../../src/train/member_jobs.ts";
import { openEngine } from "../../src/gpu/device.ts";
import { fitMlp, LOGISTIC_DEFAULTS, predictMlp } from "../../src/models/mlp.ts";
import { CpuLogisticTrainer } from "../../src/models/cpu_logistic.ts";
import { EpochPlanner, stepInfo } from "../../src/models/epoch_plan.ts";
import { initParams, mlpLayout } from "../../src/models/layout.ts";
import { Random } from "../../src/random.ts";

const path = Deno.args[0] ?? "../shared/data/train_dev.csv";
const repeats = Number(Deno.args[1] ?? 5);
const seed = 42;
const k = 5;
const f = 0;

const table = await loadLeads(path, "train");
const group = table.roles.group!;
const customers = table.raw.getColumn(group).toArray() as (string | null)[];
const excluded = new Set(findPlaceholders(customers, table.labels!).map((p) => p.customer));
const rows = Uint32Array.from(customers.keys()).filter((r) => !excluded.has(customers[r] ?? ""));
const labels = Uint8Array.from(rows, (r) => table.labels![r]!);
const columns = compactFeatureColumns(table.frame);
const groups = Array.from(rows, (r) => customers[r] ?? "");
const folds = groupedStratifiedFolds(labels, groups, k, seed);
const split = foldIndices(folds, f);
const trainRows = split.train.map((i) => rows[i]!);
const fold = fitFeatures(columns, table.labels!, trainRows, { seed: seed + f, group });
const trainLabels = Uint8Array.from(split.train, (i) => labels[i]!);
const options = { ...sizedFor(LOGISTIC_DEFAULTS, trainLabels.length), seed: memberSeed(seed, 0, f) };
const d = fold.design;
const layout = mlpLayout(d.numNames.length, d.catSizes, options.embedDim, options.hidden);
console.log(
  `fold ${f}: ${d.rows} rows, ${d.numNames.length} numeric + ${d.catSizes.length} categorical columns, ` +
    `${layout.total} parameters, batch ${options.batchSize}, ${options.epochs} epochs`,
);

const hash = (a: Float32Array) => {
  let h = 0;
  for (const v of new Uint32Array(a.buffer, a.byteOffset, a.length)) h = (Math.imul(h, 31) + v) >>> 0;
  return h.toString(16);
};
const engine = await openEngine("cpu");
for (let i = 0; i < repeats; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const model = await fitMlp(engine, d, trainLabels, options);
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const probs = await predictMlp(engine, model, d);
  console.log(
    `fit ${i}: cpu ${((c.user + c.system) / 1e6).toFixed(3)} s, wall ${wall.toFixed(3)} s, ` +
      `params ${hash(model.params)}, probs ${hash(probs)}`,
  );
}

// one fit in pieces: the fused trainer's epochs against the planner's shuffles
const nb = Math.ceil(d.rows / options.batchSize);
for (let rep = 0; rep < 3; rep++) {
  const init = initParams(layout, options.seed);
  let total = 0;
  for (const y of trainLabels) total += y ? options.posWeight : 1;
  const trainer = new CpuLogisticTrainer({
    layout,
    design: d,
    labels: trainLabels,
    init,
    activation: options.activation,
    batchSize: options.batchSize,
    posWeight: options.posWeight,
    weightDecay: options.weightDecay,
    dropout: options.dropout,
    epochs: options.epochs,
    invTotalWeight: 1 / total,
  });
  const planner = new EpochPlanner(trainLabels, d.cat, d.catSizes.length, options.batchSize, 1, false);
  const rng = new Random(options.seed).fork(2);
  let planMs = 0;
  let epochMs = 0;
  for (let e = 0; e < options.epochs; e++) {
    let t = performance.now();
    const plan = planner.plan(rng);
    const steps = plan.batches.map((_, b) =>
      stepInfo(e * nb + b + 1, options.epochs * nb, options.learningRate, options.schedule, options.seed)
    );
    planMs += performance.now() - t;
    t = performance.now();
    trainer.runEpoch(e, plan, steps);
    epochMs += performance.now() - t;
  }
  console.log(`pieces ${rep}: plans ${planMs.toFixed(1)} ms, epochs ${epochMs.toFixed(1)} ms`);
}
