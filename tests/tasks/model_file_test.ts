import assert from "node:assert/strict";
import { saveModel } from "../../src/artifact.ts";
import { loadLeads } from "../../src/data/load.ts";
import { openEngine } from "../../src/gpu/device.ts";
import { LOGISTIC_DEFAULTS } from "../../src/models/mlp.ts";
import { trainModel } from "../../src/train/pipeline.ts";
import { runTaskFile } from "./_run.ts";

const table = await loadLeads("data/sample/train.csv", "train");
const { artifact } = await trainModel(table, {
  engine: await openEngine("cpu"),
  folds: 2,
  seed: 5,
  members: [{ name: "logistic", options: { ...LOGISTIC_DEFAULTS, epochs: 1 }, crosses: true }],
});

// deno-lint-ignore no-explicit-any
type ModelJson = any;

Deno.test("submit refuses a corrupt model.json in one line naming the field, exit 1", async () => {
  const cases: [(json: ModelJson) => void, RegExp][] = [
    [(j) => delete j.oofSummary, /oofSummary is missing, expected an object$/],
    [
      (j) => (j.folds[1].members[0].weight = "x"),
      /folds\[1\]\.members\[0\]\.weight is "x", expected a number in \[0, 1\]$/,
    ],
    [(j) => (j.threshold = NaN), /threshold is null, expected a number in \[0, 1\]$/],
    [
      (
        j,
      ) => (j.folds[0].members[0].model.params = btoa(atob(j.folds[0].members[0].model.params).slice(0, -4))),
      /folds\[0\]\.members\[0\]\.model: params hold \d+ floats, expected \d+$/,
    ],
  ];
  const dir = await Deno.makeTempDir({ prefix: "mql-model-file-" });
  for (const [corrupt, pattern] of cases) {
    const path = await saveModel(dir, artifact);
    const json = JSON.parse(await Deno.readTextFile(path));
    corrupt(json);
    await Deno.writeTextFile(path, JSON.stringify(json));
    const run = await runTaskFile("submit", ["--model", dir, "--out", `${dir}/out.csv`, "--device", "cpu"]);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stderr.trim().split("\n");
    assert.equal(lines.length, 1, `one line on stderr, got:\n${run.stderr}`);
    assert.match(lines[0]!, new RegExp(`^submit: Cannot read ${dir}/model\\.json: ${pattern.source}`));
    await assert.rejects(() => Deno.stat(`${dir}/out.csv`), Deno.errors.NotFound);
  }
});
