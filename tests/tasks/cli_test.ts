import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { csvOf, lead, tempFile, TEST_HEADER } from "../_leads.ts";
import { runTaskFile } from "./_run.ts";
import { DIALECT_FLAGS } from "../../tasks/_cli.ts";
import { loadLeads } from "../../src/data/load.ts";
import { findPlaceholders } from "../../src/train/placeholders.ts";

function assertOneLineError(run: { code: number; stderr: string }, code: number, pattern: RegExp) {
  assert.equal(run.code, code, `exit code (stderr: ${run.stderr})`);
  const lines = run.stderr.trim().split("\n");
  assert.equal(lines.length, 1, `one line on stderr, got:\n${run.stderr}`);
  assert.match(lines[0]!, pattern);
}

/** The flags a task's parser accepts: the keys of its `parseFlags(args, { ... })` config, and --help. */
async function parserFlags(task: string): Promise<string[]> {
  const source = await Deno.readTextFile(new URL(`../../tasks/${task}.ts`, import.meta.url));
  const config = source.match(/parseFlags\(args, \{([\s\S]*?)\n\s*\}\);/);
  assert(config !== null, `tasks/${task}.ts: no parseFlags(args, { ... }) call`);
  const keys = [...config[1]!.matchAll(/^\s*"?([a-z][a-z0-9-]*)"?: \{ type:/gm)].map((m) => `--${m[1]}`);
  // the shared dialect flags come in as a spread
  if (/^\s*\.\.\.DIALECT_FLAGS,/m.test(config[1]!)) {
    keys.push(...Object.keys(DIALECT_FLAGS).map((k) => `--${k}`));
  }
  assert(keys.length > 0, `tasks/${task}.ts: no flags found in its parseFlags config`);
  return [...keys, "--help"].sort();
}

/** The flags a usage text documents: the first flag of each option line (`  --out DIR ...`, `  -h, --help`). */
function usageFlags(usage: string): string[] {
  return [...usage.matchAll(/^ {2}(?:-[a-z], )?(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]!).sort();
}

for (const task of ["train", "submit", "holdout", "evaluate", "synth", "bench", "report"]) {
  Deno.test(`${task} --help lists every flag its parser accepts, and no other`, async () => {
    const run = await runTaskFile(task, ["--help"]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(usageFlags(run.stdout), await parserFlags(task));
  });
}

Deno.test("train rejects unknown flags and bad values with a usage error", async () => {
  assertOneLineError(await runTaskFile("train", ["--bogus"]), 2, /^train: Unknown option '--bogus'/);
  assertOneLineError(
    await runTaskFile("train", ["--folds", "1"]),
    2,
    /^train: --folds must be an integer from 2/,
  );
  assertOneLineError(
    await runTaskFile("train", ["--device", "tpu"]),
    2,
    /^train: --device must be one of gpu, cpu, auto/,
  );
});

Deno.test("train reports bad data in one line and writes nothing", async () => {
  const data = await tempFile(csvOf([lead(), lead({ lead_desc_length: "long" })]));
  const out = `${data}.model`;
  const run = await runTaskFile("train", ["--data", data, "--out", out]);
  assertOneLineError(
    run,
    1,
    /^train: Cannot read .*: column "lead_desc_length" row 2 is "long", expected a number$/,
  );
  await assert.rejects(() => Deno.stat(out), Deno.errors.NotFound);
  assertOneLineError(await runTaskFile("train", ["--data", "/no/such.csv"]), 1, /no such file$/);
});

Deno.test("train refuses in one line a table it cannot cross-validate as asked", async () => {
  // 40 leads of 3 customers: grouped 5-fold cross-validation needs 5 customers
  const rows = Array.from(
    { length: 40 },
    (_, i) => lead({ customer_idx: String(i % 3), is_converted: i % 4 === 0 ? "True" : "False" }),
  );
  const data = await tempFile(csvOf(rows));
  assertOneLineError(
    await runTaskFile("train", ["--data", data, "--out", `${data}.model`, "--device", "cpu"]),
    1,
    /^train: Cannot train on .*leads\.csv: 5-fold cross-validation grouped by "customer_idx" needs at least 5 customers, it has 3 /,
  );
});

Deno.test("submit reports a missing model in one line", async () => {
  const run = await runTaskFile("submit", ["--model", "/no/such/model"]);
  assertOneLineError(run, 1, /^submit: Cannot read \/no\/such\/model\/model.json: no such file/);
});

Deno.test("train --keep-placeholders trains on the placeholder customer's leads too", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mql-keep-" });
  const run = await runTaskFile("train", ["--out", dir, "--folds", "2", "--keep-placeholders"]);
  assert.equal(run.code, 0, run.stderr);
  const metrics = JSON.parse(await Deno.readTextFile(`${dir}/metrics.json`));
  const sample = await loadLeads(new URL("../../data/sample/train.csv", import.meta.url).pathname, "train");
  assert.equal(metrics.rows, sample.frame.height);
  assert.deepEqual(metrics.excluded, []);
  assert.doesNotMatch(run.stderr, /placeholder id, left out/);
});

Deno.test("train then submit on the committed sample, end to end", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mql-e2e-" });
  const train = await runTaskFile("train", ["--out", `${dir}/model`, "--folds", "3"]);
  assert.equal(train.code, 0, train.stderr);
  assert.match(train.stdout, /cross-validation \(3 folds, grouped by customer\) on \d+ rows/);
  const metrics = JSON.parse(await Deno.readTextFile(`${dir}/model/metrics.json`));
  for (const key of ["f1", "precision", "recall", "roc_auc", "pr_auc", "threshold"]) {
    assert.equal(typeof metrics.cv[key], "number", key);
  }
  const submit = await runTaskFile("submit", [
    "--model",
    `${dir}/model`,
    "--out",
    `${dir}/out.csv`,
    "--prior",
    "0.3",
  ]);
  assert.equal(submit.code, 0, submit.stderr);
  assert.match(submit.stdout, /expected: precision [\d.]+ {2}recall [\d.]+ {2}F1 [\d.]+/);
  // the sample's placeholder customer (left out of training) has no lead in submission.csv
  const trainCustomers = new Set(customersOf("../../data/sample/train.csv"));
  const scored = customersOf("../../data/sample/submission.csv");
  const known = scored.filter((c) => trainCustomers.has(c)).length;
  assert(known > 0 && known < scored.length);
  assert.match(
    submit.stdout,
    new RegExp(`customers: ${known} of ${scored.length} leads \\([\\d.]+%\\) are from`),
  );
  const [header, ...lines] = (await Deno.readTextFile(`${dir}/out.csv`)).trim().split("\n");
  const sample = (await Deno.readTextFile(new URL("../../data/sample/submission.csv", import.meta.url)))
    .trim();
  assert.equal(header, sample.split("\n")[0]);
  assert.equal(lines.length, sample.split("\n").length - 1);
  assert(lines.every((line) => /,(True|False)$/.test(line)));
  assert(lines.some((line) => line.endsWith(",True")));
  // five training leads entered again (none of the placeholder customer's, which is left out of training)
  const sampleTrain = await loadLeads(
    new URL("../../data/sample/train.csv", import.meta.url).pathname,
    "train",
  );
  const [placeholder] = findPlaceholders(
    sampleTrain.raw.getColumn("customer_idx").toArray() as string[],
    sampleTrain.labels!,
  );
  assert(placeholder);
  const again = sampleTrain.raw.filter(pl.col("customer_idx").str.strip().neq(pl.lit(placeholder.customer)))
    .head(5).drop("is_converted").withColumn(
      pl.Series("id", ["again1", "again2", "again3", "again4", "again5"]),
    );
  const scoredFrame = pl.readCSV(new URL("../../data/sample/submission.csv", import.meta.url).pathname, {
    inferSchemaLength: 0,
  });
  const withRepeats = `${dir}/with_repeats.csv`;
  pl.concat([
    scoredFrame,
    again.withColumn(pl.lit(null).cast(pl.Utf8).alias("is_converted"))
      .select(...scoredFrame.columns),
  ]).writeCSV(withRepeats);
  const repeated = await runTaskFile("submit", [
    "--model",
    `${dir}/model`,
    "--test",
    withRepeats,
    "--out",
    `${dir}/repeats.csv`,
  ]);
  assert.equal(repeated.code, 0, repeated.stderr);
  // the sample's known customers already enter some training leads again
  const inSample = Number(submit.stdout.match(/exact repeats: (\d+) leads repeat a training lead/)?.[1]);
  assert(inSample > 0, submit.stdout);
  assert.match(repeated.stdout, new RegExp(`exact repeats: ${inSample + 5} leads repeat a training lead`));
  const both = await runTaskFile("submit", [
    "--model",
    `${dir}/model`,
    "--prior",
    "0.3",
    "--positive-share",
    "0.1",
  ]);
  assertOneLineError(both, 2, /^submit: give --prior or --positive-share, not both/);
});

Deno.test("submit refuses a test file that lacks a column the model needs", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mql-e2e-" });
  const train = await runTaskFile("train", ["--out", `${dir}/model`, "--folds", "2", "--device", "cpu"]);
  assert.equal(train.code, 0, train.stderr);
  const header = TEST_HEADER.filter((c) => c !== "business_unit");
  const lacking = await tempFile(csvOf([lead({ id: "1", is_converted: "" })], header));
  assertOneLineError(
    await runTaskFile("submit", ["--model", `${dir}/model`, "--test", lacking, "--out", `${dir}/x.csv`]),
    1,
    /needs column "business_unit", which the file lacks$/,
  );
  await assert.rejects(() => Deno.stat(`${dir}/x.csv`), Deno.errors.NotFound);
});

/** The trimmed customer_idx cells of a committed CSV. */
function customersOf(relative: string): string[] {
  const frame = pl.readCSV(new URL(relative, import.meta.url).pathname, { inferSchemaLength: 0 });
  return (frame.getColumn("customer_idx").toArray() as string[]).map((c) => c.trim());
}

Deno.test("holdout, train, submit and evaluate on the committed sample, end to end", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mql-holdout-" });
  const split = await runTaskFile("holdout", ["--out", dir, "--seed", "3", "--share", "0.2"]);
  assert.equal(split.code, 0, split.stderr);
  const sample = pl.readCSV(new URL("../../data/sample/train.csv", import.meta.url).pathname, {
    inferSchemaLength: 0,
  });
  const read = (name: string) => pl.readCSV(`${dir}/${name}`, { inferSchemaLength: 0 });
  const [train, holdout, labels] = [read("train.csv"), read("holdout.csv"), read("labels.csv")];
  assert.deepEqual(train.columns, sample.columns);
  assert.deepEqual(holdout.columns, [
    "id",
    ...sample.columns.filter((c) => c !== "is_converted"),
    "is_converted",
  ]);
  assert.equal(train.height + holdout.height, sample.height);
  assert(holdout.getColumn("is_converted").toArray().every((cell) => cell === null));
  assert.deepEqual(labels.getColumn("id").toArray(), holdout.getColumn("id").toArray());
  assert.match(split.stdout, /holdout\.csv: \d+ rows, [\d.]+% converted, 7\d\.\d% from customers absent/);

  const model = await runTaskFile("train", [
    "--data",
    `${dir}/train.csv`,
    "--out",
    `${dir}/model`,
    "--folds",
    "2",
  ]);
  assert.equal(model.code, 0, model.stderr);
  const submit = await runTaskFile("submit", [
    "--model",
    `${dir}/model`,
    "--test",
    `${dir}/holdout.csv`,
    "--out",
    `${dir}/submission.csv`,
    "--with-probability",
  ]);
  assert.equal(submit.code, 0, submit.stderr);
  const evaluated = await runTaskFile("evaluate", [
    "--submission",
    `${dir}/submission.csv`,
    "--labels",
    `${dir}/labels.csv`,
    "--train",
    `${dir}/train.csv`,
    "--json",
    `${dir}/scores.json`,
  ]);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  const scores = JSON.parse(await Deno.readTextFile(`${dir}/scores.json`));
  // the F1 of the submitted decisions, counted here from the two files
  const truth = new Map(labels.rows().map(([id, y]) => [id, y === "True"]));
  const decided = read("submission.csv").select("id", "is_converted").rows();
  const tp = decided.filter(([id, d]) => d === "True" && truth.get(id)).length;
  const fp = decided.filter(([id, d]) => d === "True" && !truth.get(id)).length;
  const fn = decided.filter(([id, d]) => d !== "True" && truth.get(id)).length;
  assert.equal(scores["all leads"].f1, 2 * tp / (2 * tp + fp + fn));
  assert.equal(
    scores["known customers"].rows + scores["unseen customers"].rows,
    holdout.height,
  );
  assert(scores["all leads"].pr_auc > 0 && scores["all leads"].best_f1 >= scores["all leads"].f1);
  assert.match(
    evaluated.stdout,
    /^ +leads +converted +F1 +precision +recall +best F1 +PR-AUC +ROC-AUC\nall leads/,
  );

  // a submission missing a labelled lead is refused in one line
  const short = `${dir}/short.csv`;
  read("submission.csv").head(3).writeCSV(short);
  assertOneLineError(
    await runTaskFile("evaluate", ["--submission", short, "--labels", `${dir}/labels.csv`]),
    1,
    /^evaluate: Cannot score .*short\.csv: it has no row for id "\d+" \(row 4 of .*labels\.csv\)$/,
  );
  assertOneLineError(
    await runTaskFile("evaluate", ["--labels", short]),
    2,
    /--submission and --labels are required/,
  );
  assertOneLineError(await runTaskFile("holdout", []), 2, /^holdout: --out DIR is required/);
  // an output folder that cannot be made (a file stands in its way) is a one-line data error
  const progressLines = split.stderr.trim().split("\n").filter((l) => l !== "");
  const blocked = await runTaskFile("holdout", ["--out", `${dir}/labels.csv/split`]);
  assert.equal(blocked.code, 1, blocked.stderr);
  const errors = blocked.stderr.trim().split("\n").slice(progressLines.length);
  assert.equal(errors.length, 1, blocked.stderr);
  assert.match(errors[0]!, /^holdout: Cannot write .*labels\.csv\/split\/train\.csv: /);
  assertOneLineError(
    await runTaskFile("holdout", ["--out", dir, "--unseen", "2"]),
    2,
    /^holdout: --unseen must be a number in \[0, 1\], got "2"/,
  );
});
