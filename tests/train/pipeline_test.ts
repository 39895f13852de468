import assert from "node:assert/strict";
import { loadLeads } from "../../src/data/load.ts";
import { decide } from "../../src/score/decision.ts";
import { openEngine } from "../../src/gpu/device.ts";
import { writeCsvAtomic } from "../../src/io/atomic.ts";
import { scoresAt } from "../../src/metrics.ts";
import { predictProba } from "../../src/score/predict.ts";
import { mixRepeats, rowHashes } from "../../src/score/repeats.ts";
import { synthesizeSplit } from "../../src/synth/synthesize.ts";
import { blend } from "../../src/score/blend.ts";
import { DEFAULT_MEMBERS, trainModel } from "../../src/train/pipeline.ts";
import { featureColumns } from "../../src/features/columns.ts";
import { transformFeatures } from "../../src/features/plan.ts";
import { isCross, withoutCrosses } from "../../src/features/crosses.ts";
import { predictMlp } from "../../src/models/mlp.ts";
import { assertClose } from "../_assert_close.ts";

/** A synthetic train/test pair on disk; the test part is rebalanced to `testPrior`. */
async function split(trainRows: number, testRows: number, testPrior?: number) {
  const dir = await Deno.makeTempDir({ prefix: "mql-pipeline-" });
  const s = synthesizeSplit({
    trainRows,
    testRows,
    seed: 7,
    ...(testPrior === undefined ? {} : { testPositiveRate: testPrior }),
  });
  await writeCsvAtomic(`${dir}/train.csv`, s.train);
  await writeCsvAtomic(`${dir}/test.csv`, s.test);
  return {
    train: await loadLeads(`${dir}/train.csv`, "train"),
    test: await loadLeads(`${dir}/test.csv`, "test"),
    testLabels: s.testLabels,
  };
}

const data = await split(3000, 3000, 1 / 3);
const engine = await openEngine("cpu");

Deno.test("trainModel cross-validates, leaves placeholder customers out and keeps the fold models", async () => {
  const { artifact, metrics } = await trainModel(data.train, { engine, folds: 3, seed: 1 });
  assert.equal(metrics.cv.grouping, "customer");
  assert(
    metrics.excluded.length === 1,
    `one placeholder customer expected, got ${JSON.stringify(metrics.excluded)}`,
  );
  assert.equal(metrics.rows + metrics.excluded[0]!.rows, data.train.frame.height);
  assert(metrics.cv.roc_auc > 0.62, `ROC-AUC ${metrics.cv.roc_auc}`);
  assert(metrics.cv.f1 > 0.2 && metrics.cv.f1 <= 1);
  assert.equal(artifact.threshold, metrics.cv.threshold);
  assert.equal(artifact.folds.length, 3);
  const weights = artifact.folds[0]!.members.map((m) => m.weight);
  assert(Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 1e-9, `blend weights ${weights}`);
  for (const fold of artifact.folds) {
    assert.deepEqual(fold.members.map((m) => m.name), DEFAULT_MEMBERS.map((m) => m.name));
    assert.deepEqual(fold.members.map((m) => m.weight), weights);
    // logistic regression reads the crossed categoricals, the MLP does not
    const crossed = fold.plan.vocabularies.filter((v) => isCross(v.name)).length;
    assert(crossed > 0, "the plan has crossed categoricals");
    const plainCats = fold.plan.vocabularies.length - crossed;
    assert.deepEqual(fold.members.map((m) => m.crosses), [true, false]);
    assert.deepEqual(
      fold.members.map((m) => m.model.layout.catSizes.length),
      [plainCats + crossed, plainCats],
    );
  }
  const probs = await predictProba(engine, artifact, data.test);
  assert.equal(probs.length, data.test.raw.height);
  assert(probs.every((p) => p >= 0 && p <= 1));
  // The probability of a lead is the mean over the folds of each fold's blend.
  const columns = featureColumns(data.test.frame);
  const perFold: Float32Array[] = [];
  for (const fold of artifact.folds) {
    const design = transformFeatures(fold.plan, columns);
    const members = [];
    for (const m of fold.members) {
      members.push(await predictMlp(engine, m.model, m.crosses ? design : withoutCrosses(design)));
    }
    perFold.push(blend(members, weights));
  }
  const mean = Float32Array.from(probs, (_, i) => perFold.reduce((a, p) => a + p[i]!, 0) / perFold.length);
  // ...mixed with the labels of the training leads it repeats exactly (every trained row is kept once)
  const repeats = artifact.repeats!;
  assert.equal(repeats.counts.reduce((n, [, copies]) => n + copies, 0), metrics.rows);
  const repeated = mixRepeats(repeats, rowHashes(data.test.raw, repeats.columns), mean);
  assert(repeated > 0, "the synthetic test part repeats some training leads");
  assertClose(probs, mean, { atol: 1e-6, label: "fold average" });
});

Deno.test("mixed grouping also validates leads of known customers, near the test set's share", async () => {
  const grouped = await trainModel(data.train, { engine, folds: 3, seed: 1 });
  const { metrics, artifact } = await trainModel(data.train, {
    engine,
    folds: 3,
    seed: 1,
    grouping: "mixed",
  });
  assert.equal(metrics.cv.grouping, "mixed");
  assert.equal(grouped.metrics.cv.seen_rows, 0);
  const share = metrics.cv.seen_rows / (metrics.cv.seen_rows + metrics.rows);
  assert(share > 0.15 && share <= 0.24, `share of known-customer predictions ${share}`);
  // the same grouped folds, each fitted without its known-customer validation rows
  assert.equal(artifact.folds.length, grouped.artifact.folds.length);
  assert.notDeepEqual(
    artifact.folds[0]!.members[0]!.model.params,
    grouped.artifact.folds[0]!.members[0]!.model.params,
  );
  assert.notEqual(metrics.cv.f1, grouped.metrics.cv.f1);
});

Deno.test("the same data and seed give the same model, bit for bit", async () => {
  const a = await trainModel(data.train, { engine, folds: 2, seed: 5 });
  const b = await trainModel(data.train, { engine, folds: 2, seed: 5 });
  a.artifact.folds.forEach((fold, f) => {
    fold.members.forEach((member, m) => {
      assert.deepEqual(member.model.params, b.artifact.folds[f]!.members[m]!.model.params, member.name);
    });
  });
  assert.equal(a.artifact.threshold, b.artifact.threshold);
});

Deno.test({
  name: "fitting in worker threads gives the same model and scores as fitting in this thread",
  sanitizeResources: false,
  async fn() {
    const a = await trainModel(data.train, { engine, folds: 2, seed: 5 });
    const b = await trainModel(data.train, { engine, folds: 2, seed: 5, workers: 2 });
    assert.deepEqual(b.artifact.folds, a.artifact.folds);
    assert.deepEqual(b.artifact.oofSummary, a.artifact.oofSummary);
    assert.deepEqual(b.metrics.cv, a.metrics.cv);
  },
});

Deno.test("--prior moves the threshold the right way and its expected F1 comes true", async () => {
  const { artifact } = await trainModel(data.train, { engine, folds: 3, seed: 2 });
  const probs = await predictProba(engine, artifact, data.test);
  const atTrain = decide(artifact, probs);
  const atTest = decide(artifact, probs, { prior: 1 / 3 });
  const realised = (d: typeof atTrain) => scoresAt(data.testLabels, d.probabilities, d.threshold);
  const positives = (d: typeof atTrain) => d.probabilities.filter((p) => p >= d.threshold).length;
  // A higher prior labels more rows positive, and does better on a test set that has that prior.
  assert(positives(atTest) > positives(atTrain), `${positives(atTest)} vs ${positives(atTrain)}`);
  assert(realised(atTest).f1 > realised(atTrain).f1, `${realised(atTest).f1} vs ${realised(atTrain).f1}`);
  // The F1 expected from reweighted out-of-fold rows matches the realised one within sampling error.
  assert(
    Math.abs(atTest.expected!.f1 - realised(atTest).f1) < 0.08,
    `${atTest.expected!.f1} vs ${realised(atTest).f1}`,
  );
  // A fixed share labels that share.
  const top = decide(artifact, probs, { positiveShare: 0.25 });
  assert.equal(positives(top), 750);
  assert.throws(() => decide(artifact, probs, { prior: 0.3, positiveShare: 0.3 }), RangeError);
});
