import assert from "node:assert/strict";
import { loadModel, saveModel } from "../../src/artifact.ts";
import { loadLeads } from "../../src/data/load.ts";
import { DataError } from "../../src/errors.ts";
import { parseBudget } from "../../src/features/budget.ts";
import { parseDate } from "../../src/features/dates.ts";
import { openEngine } from "../../src/gpu/device.ts";
import { writeCsvAtomic } from "../../src/io/atomic.ts";
import { predictProba } from "../../src/score/predict.ts";
import { FINALS_SYNTH_COLUMNS } from "../../src/synth/finals.ts";
import { synthesizeSplit } from "../../src/synth/synthesize.ts";
import { DEFAULT_MEMBERS, trainModel } from "../../src/train/pipeline.ts";
import { runTaskFile } from "../tasks/_run.ts";

const FINALS = FINALS_SYNTH_COLUMNS.map((c) => c.name);
const split = synthesizeSplit({ trainRows: 3000, testRows: 400, seed: 11, finals: true });
const engine = await openEngine("cpu");
const logistic = [DEFAULT_MEMBERS[0]!];

Deno.test("a finals split has 39 columns, the online ones drawn exactly as without --finals", () => {
  assert.equal(split.train.columns.length, 39);
  assert.equal(split.test.columns.length, 40);
  assert.deepEqual(split.train.columns.slice(28, 38), FINALS);
  const online = synthesizeSplit({ trainRows: 3000, testRows: 400, seed: 11 });
  for (const name of online.train.columns.filter((c) => c !== "is_converted" && c !== "lead_desc_length")) {
    assert.deepEqual(split.train.getColumn(name).toArray(), online.train.getColumn(name).toArray(), name);
  }
});

Deno.test("the finals columns are messy: budgets, dates and descriptions as people type them", () => {
  const cells = (name: string) => split.train.getColumn(name).toArray() as (string | null)[];
  const budgets = cells("expected_budget");
  assert.ok(budgets.some((b) => b !== null && /^\$[\d,]+ - \$[\d,]+$/.test(b)), "$10,000 - $50,000");
  assert.ok(budgets.some((b) => b?.startsWith("under ")), "under 5k");
  assert.ok(budgets.includes("미정") && budgets.includes("TBD") && budgets.includes(null));
  const parsed = budgets.map(parseBudget);
  assert.ok(parsed.filter((p) => typeof p === "object" && p !== null).length > 0.4 * budgets.length);
  const dates = cells("lead_date");
  assert.ok(dates.some((d) => d !== null && /^\d{2}\/\d{2}\/\d{4}$/.test(d)));
  assert.ok(dates.some((d) => d !== null && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(d)));
  assert.ok(dates.filter((d) => parseDate(d) === null).length < 0.05 * dates.length);
  const descriptions = cells("lead_description").filter((d): d is string => d !== null);
  assert.ok(descriptions.some((d) => /[가-힣]/.test(d)), "Korean");
  assert.ok(descriptions.some((d) => /cotización|orçamento|devis/.test(d)), "Spanish, Portuguese or French");
  assert.ok(descriptions.some((d) => d.includes("\n")), "line breaks inside a cell");
});

Deno.test("the finals columns carry signal: grouped CV ROC-AUC clearly above the same rows without them", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mql-finals-" });
  await writeCsvAtomic(`${dir}/finals.csv`, split.train);
  await writeCsvAtomic(`${dir}/online.csv`, split.train.drop(FINALS));
  const auc = async (file: string) => {
    const table = await loadLeads(`${dir}/${file}`, "train");
    const { metrics } = await trainModel(table, { engine, folds: 3, seed: 1, members: logistic });
    return metrics.cv.roc_auc;
  };
  const [withFinals, without] = [await auc("finals.csv"), await auc("online.csv")];
  assert.ok(withFinals > without + 0.05, `ROC-AUC ${withFinals} with the finals columns, ${without} without`);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a model trained on a finals file records it, and refuses a test file without its columns", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mql-finals-" });
  await writeCsvAtomic(`${dir}/train.csv`, split.train);
  await writeCsvAtomic(`${dir}/test.csv`, split.test);
  await writeCsvAtomic(`${dir}/online_test.csv`, split.test.drop(FINALS));
  const table = await loadLeads(`${dir}/train.csv`, "train");
  const { artifact } = await trainModel(table, { engine, folds: 2, seed: 1, members: logistic });
  assert.equal(artifact.round, "finals");
  assert.ok(FINALS.every((c) => artifact.columns.includes(c)));
  await saveModel(`${dir}/model`, artifact);
  const model = await loadModel(`${dir}/model`);
  const probs = await predictProba(engine, model, await loadLeads(`${dir}/test.csv`, "test"));
  assert.equal(probs.length, 400);
  const online = await loadLeads(`${dir}/online_test.csv`, "test");
  await assert.rejects(() => predictProba(engine, model, online), (error: Error) => {
    assert.ok(error instanceof DataError);
    assert.ok(!error.message.includes("\n"));
    assert.match(
      error.message,
      /^Cannot score .*online_test\.csv: the model \(trained on a finals-round file\) needs columns "lead_description", "lead_date", .*"sales_note", which the file lacks$/,
    );
    return true;
  });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("deno task synth --finals writes the finals columns", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const run = await runTaskFile("synth", ["--finals", "--out", dir, "--rows", "120", "--test-rows", "20"]);
    assert.equal(run.code, 0, run.stderr);
    const table = await loadLeads(`${dir}/train.csv`, "train");
    assert.equal(table.raw.columns.length, 39);
    assert.equal(table.schema.round, "finals");
    assert.equal((await loadLeads(`${dir}/submission.csv`, "test")).schema.round, "finals");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
