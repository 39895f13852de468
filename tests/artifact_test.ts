import assert from "node:assert/strict";
import { loadModel, MODEL_FORMAT_VERSION, partJson, saveModel } from "../src/artifact.ts";
import { loadLeads } from "../src/data/load.ts";
import { DataError } from "../src/errors.ts";
import { openEngine } from "../src/gpu/device.ts";
import { LOGISTIC_DEFAULTS } from "../src/models/mlp.ts";
import { predictProba } from "../src/score/predict.ts";
import { rowKeys } from "../src/score/repeats.ts";
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

Deno.test("model.json is compact JSON in the field order of the format, whatever was serialised before", async () => {
  const text = async () => {
    const dir = await Deno.makeTempDir({ prefix: "mql-artifact-" });
    return await Deno.readTextFile(await saveModel(dir, artifact));
  };
  const before = await text();
  partJson(artifact.folds[1]!.plan); // as training does while the other folds fit
  partJson(artifact.repeats!);
  const after = await text();
  const json = JSON.parse(after);
  assert.equal(after, JSON.stringify(json));
  assert.deepEqual(Object.keys(json).slice(0, 3), ["format", "formatVersion", "createdAt"]);
  assert.deepEqual(Object.keys(json.folds[0]), ["featurePlan", "members"]);
  assert.deepEqual(json.folds[1].featurePlan, JSON.parse(JSON.stringify(artifact.folds[1]!.plan)));
  // the same bytes but for the time of writing
  const stamp = /"createdAt":"[^"]*"/;
  assert.equal(after.replace(stamp, ""), before.replace(stamp, ""));
});

/** model.json as parsed: the cases below reach into it freely. */
// deno-lint-ignore no-explicit-any
type ModelJson = any;

/** Saves the sample model, applies `corrupt` to its JSON and returns the message loading it fails with. */
async function loadCorrupted(corrupt: (json: ModelJson) => void): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "mql-artifact-" });
  const path = await saveModel(dir, artifact);
  const json = JSON.parse(await Deno.readTextFile(path));
  corrupt(json);
  await Deno.writeTextFile(path, JSON.stringify(json));
  try {
    await loadModel(dir);
  } catch (error) {
    assert(error instanceof DataError, `a DataError, got ${error}`);
    assert(error.message.startsWith(`Cannot read ${path}: `), error.message);
    return error.message.slice(`Cannot read ${path}: `.length);
  }
  throw new assert.AssertionError({ message: "the corrupted model loaded" });
}

Deno.test("every field of model.json is checked on load, naming the first bad one", async () => {
  const cases: [string, (json: ModelJson) => void, string][] = [
    [
      "wrong type",
      (j) => (j.folds[1].members[0].weight = "x"),
      'folds[1].members[0].weight is "x", expected a number in [0, 1]',
    ],
    [
      "deleted flag",
      (j) => delete j.folds[0].members[0].crosses,
      "folds[0].members[0].crosses is missing, expected true or false",
    ],
    ["NaN threshold", (j) => (j.threshold = NaN), "threshold is null, expected a number in [0, 1]"],
    ["threshold above 1", (j) => (j.threshold = 1.5), "threshold is 1.5, expected a number in [0, 1]"],
    ["zero prior", (j) => (j.trainPrior = 0), "trainPrior is 0, expected a number in (0, 1)"],
    ["deleted schema", (j) => delete j.schema, "schema is missing, expected an object"],
    [
      "plan source",
      (j) => (j.folds[0].featurePlan.sources[1].use = "photo"),
      `folds[0].featurePlan.sources[1].use is "photo", expected "categorical" or "numeric" or "text" or "date" or "budget"`,
    ],
    [
      "plan vocabulary",
      (j) => (j.folds[1].featurePlan.vocabularies[0].values[0] = 3),
      "folds[1].featurePlan.vocabularies[0].values[0] is 3, expected a string",
    ],
    [
      "plan scaler",
      (j) => delete j.folds[0].featurePlan.scalers[0].std,
      "folds[0].featurePlan.scalers[0].std is missing, expected a number",
    ],
    [
      "target counts",
      (j) => (j.folds[0].featurePlan.targets[0].counts[0] = ["a", 1]),
      "folds[0].featurePlan.targets[0].counts[0] is an array of 2, expected [value, rows, positives]",
    ],
    [
      "old plan",
      (j) => (j.folds[0].featurePlan.version = 3),
      "folds[0].featurePlan.version is 3, expected 4 (an older model: retrain)",
    ],
    [
      "no members",
      (j) => (j.folds[0].members = []),
      "folds[0].members is an array of 0, expected an array of at least 1",
    ],
    ["no folds", (j) => (j.folds = []), "folds is an array of 0, expected an array of at least 1"],
    ["oof lengths", (j) => j.oofSummary.neg.pop(), "oofSummary.neg is an array of"],
    ["roles", (j) => (j.roles.group = 7), "roles.group is 7, expected a string"],
    [
      "provenance",
      (j) => (j.provenance.file.bytes = -1),
      "provenance.file.bytes is -1, expected an integer >= 0",
    ],
    ["repeats", (j) => (j.repeats = { counts: [] }), "repeats.columns is missing, expected an array"],
  ];
  for (const [what, corrupt, expected] of cases) {
    const message = await loadCorrupted(corrupt);
    assert(message.startsWith(expected), `${what}: ${message}`);
  }
});

Deno.test("a truncated parameter array is refused against the network's layout", async () => {
  const message = await loadCorrupted((j) => {
    // three floats (12 bytes) short of the layout
    j.folds[0].members[0].model.params = btoa(atob(j.folds[0].members[0].model.params).slice(0, -12));
  });
  const m = message.match(/^folds\[0\]\.members\[0\]\.model: params hold (\d+) floats, expected (\d+)$/);
  assert(m, message);
  assert.equal(Number(m[2]) - Number(m[1]), 3);
});

Deno.test("a model of the earlier format (one refit plan, no folds) is refused", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mql-artifact-" });
  const path = await saveModel(dir, artifact);
  const json = JSON.parse(await Deno.readTextFile(path));
  await Deno.writeTextFile(path, JSON.stringify({ ...json, formatVersion: MODEL_FORMAT_VERSION - 1 }));
  await assert.rejects(loadModel(dir), (e) => e instanceof DataError && /retrain/.test(e.message));
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
});

Deno.test("scoring in slices of rows gives the same probabilities as one slice, bit for bit", async () => {
  const whole = await predictProba(engine, artifact, table, table.frame.height);
  // 5,000 rows in slices of 700: seven whole slices and a partial one
  assert.deepEqual(await predictProba(engine, artifact, table, 700), whole);
});
