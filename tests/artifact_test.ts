import assert from "node:assert/strict";
import { loadModel, MODEL_FORMAT_VERSION, saveModel } from "../src/artifact.ts";
import { loadLeads } from "../src/data/load.ts";
import { DataError } from "../src/errors.ts";
import { openEngine } from "../src/gpu/device.ts";
import { LOGISTIC_DEFAULTS } from "../src/models/mlp.ts";
import { predictProba } from "../src/predict.ts";
import { rowKeys } from "../src/repeats.ts";
import { trainModel } from "../src/train/pipeline.ts";

const engine = await openEngine("cpu");
const table = await loadLeads("data/sample/train.csv", "train");
const { artifact } = await trainModel(table, {
  engine,
  folds: 2,
  seed: 3,
  members: [{ name: "logistic", options: { ...LOGISTIC_DEFAULTS, epochs: 2 }, crosses: true }],
});

Deno.test("a saved model keeps every fold and scores the same after loading", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mql-artifact-" });
  await saveModel(dir, artifact);
  const loaded = await loadModel(dir);
  assert.equal(loaded.folds.length, 2);
  loaded.folds.forEach((fold, f) => {
    assert.deepEqual(fold.plan, artifact.folds[f]!.plan);
    assert.deepEqual(fold.members[0]!.model.params, artifact.folds[f]!.members[0]!.model.params);
  });
  assert.equal(loaded.threshold, artifact.threshold);
  assert.deepEqual(loaded.folds.map((f) => f.members.map((m) => m.crosses)), [[true], [true]]);
  assert.deepEqual(loaded.repeats, artifact.repeats);
  assert.deepEqual(await predictProba(engine, loaded, table), await predictProba(engine, artifact, table));
});

Deno.test("a member saved without the crosses flag (written before crosses existed) reads none", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mql-artifact-" });
  const path = await saveModel(dir, artifact);
  const json = JSON.parse(await Deno.readTextFile(path));
  for (const fold of json.folds) for (const m of fold.members) delete m.crosses;
  await Deno.writeTextFile(path, JSON.stringify(json));
  const loaded = await loadModel(dir);
  assert(loaded.folds.every((f) => f.members.every((m) => m.crosses === false)));
});

Deno.test("a model of the earlier format (one refit plan, no folds) is refused", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mql-artifact-" });
  const path = await saveModel(dir, artifact);
  const json = JSON.parse(await Deno.readTextFile(path));
  await Deno.writeTextFile(path, JSON.stringify({ ...json, formatVersion: MODEL_FORMAT_VERSION - 1 }));
  await assert.rejects(loadModel(dir), (e) => e instanceof DataError && /retrain/.test(e.message));
  await Deno.writeTextFile(path, JSON.stringify({ ...json, folds: [] }));
  await assert.rejects(loadModel(dir), (e) => e instanceof DataError && /no fold models/.test(e.message));
});

Deno.test("a model saved without exact repeats (written before them) scores with its models alone", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mql-artifact-" });
  const path = await saveModel(dir, artifact);
  const json = JSON.parse(await Deno.readTextFile(path));
  delete json.repeats;
  await Deno.writeTextFile(path, JSON.stringify(json));
  const modelsOnly = await loadModel(dir);
  assert.equal(modelsOnly.repeats, undefined);
  // every training lead repeats itself: its probability moves towards its own label
  const mixed = await predictProba(engine, artifact, table);
  const alone = await predictProba(engine, modelsOnly, table);
  const trained = new Set(artifact.repeats!.counts.map(([key]) => key));
  const keys = rowKeys(table.raw, artifact.repeats!.columns);
  let moved = 0;
  keys.forEach((key, i) => {
    if (!trained.has(key)) return assert.equal(mixed[i], alone[i]); // placeholder customer's leads
    const label = table.labels![i]!;
    assert(label ? mixed[i]! >= alone[i]! : mixed[i]! <= alone[i]!, `row ${i}`);
    if (mixed[i] !== alone[i]) moved++;
  });
  assert(moved > keys.length / 2);

  json.repeats = { counts: [] };
  await Deno.writeTextFile(path, JSON.stringify(json));
  await assert.rejects(loadModel(dir), (e) => e instanceof DataError && /damaged model/.test(e.message));
});

Deno.test("scoring in slices of rows gives the same probabilities as one slice, bit for bit", async () => {
  const whole = await predictProba(engine, artifact, table, table.frame.height);
  // 5,000 rows in slices of 700: seven whole slices and a partial one
  assert.deepEqual(await predictProba(engine, artifact, table, 700), whole);
});
