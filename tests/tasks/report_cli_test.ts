import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { runTaskFile } from "./_run.ts";

const dir = await Deno.makeTempDir({ prefix: "mql-report-e2e-" });

Deno.test("train writes report.html; deno task report rebuilds it byte for byte; submit --explain adds score, tier, reasons", async () => {
  const train = await runTaskFile("train", ["--out", `${dir}/model`, "--folds", "3"]);
  assert.equal(train.code, 0, train.stderr);
  assert.match(train.stdout, new RegExp(`report ${dir}/model/report.html`));
  const html = await Deno.readTextFile(`${dir}/model/report.html`);
  assert.ok((html.match(/<svg/g) ?? []).length >= 6);
  assert.match(html, /3 folds, grouping customer/);
  assert.match(html, /train\.csv <code>sha256 [0-9a-f]{64}<\/code>/);
  assert.match(html, /Column importance/);

  await Deno.remove(`${dir}/model/report.html`);
  const again = await runTaskFile("report", ["--model", `${dir}/model`]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(await Deno.readTextFile(`${dir}/model/report.html`), html);

  const submit = await runTaskFile("submit", [
    "--model",
    `${dir}/model`,
    "--out",
    `${dir}/out.csv`,
    "--explain",
    "--with-probability",
  ]);
  assert.equal(submit.code, 0, submit.stderr);
  assert.match(submit.stdout, /tiers: A \d+ {2}B \d+ {2}C \d+ {2}D \d+/);
  const out = pl.readCSV(`${dir}/out.csv`, { inferSchemaLength: 0 });
  assert.deepEqual(out.columns.slice(-5), ["is_converted", "probability", "score", "tier", "reasons"]);
  const rows = out.toRecords() as Record<string, string>[];
  for (const row of rows) {
    const score = Number(row.score);
    assert.ok(Number.isInteger(score) && score >= 1 && score <= 99, row.score);
    assert.equal(score, Math.min(99, Math.max(1, Math.round(100 * Number(row.probability)))));
    assert.equal(row.tier === "A", row.is_converted === "True", `${row.tier} ${row.is_converted}`);
    assert.match(row.tier!, /^[A-D]$/);
    const reasons = row.reasons!.split(" | ");
    assert.equal(reasons.length, 3, row.reasons);
    const numbers = reasons.map((r) => Math.abs(Number(r.match(/\(([+-]\d+\.\d\d)\)$/)![1])));
    assert.ok(numbers[0]! >= numbers[1]! && numbers[1]! >= numbers[2]!, row.reasons);
  }
  // the tiers below A follow the score
  const tierOrder = "ABCD";
  const byScore = rows.filter((r) => r.tier !== "A").sort((a, b) =>
    Number(b.probability) - Number(a.probability)
  );
  for (let i = 1; i < byScore.length; i++) {
    assert.ok(tierOrder.indexOf(byScore[i]!.tier!) >= tierOrder.indexOf(byScore[i - 1]!.tier!));
  }
});

Deno.test("deno task report --submission --labels reports a scored, labelled file", async () => {
  const holdout = await runTaskFile("holdout", ["--out", `${dir}/holdout`, "--share", "0.3"]);
  assert.equal(holdout.code, 0, holdout.stderr);
  const submit = await runTaskFile("submit", [
    "--model",
    `${dir}/model`,
    "--test",
    `${dir}/holdout/holdout.csv`,
    "--out",
    `${dir}/holdout/scored.csv`,
    "--with-probability",
    "--explain",
  ]);
  assert.equal(submit.code, 0, submit.stderr);
  const report = await runTaskFile("report", [
    "--model",
    `${dir}/model`,
    "--submission",
    `${dir}/holdout/scored.csv`,
    "--labels",
    `${dir}/holdout/labels.csv`,
  ]);
  assert.equal(report.code, 0, report.stderr);
  const html = await Deno.readTextFile(`${dir}/holdout/scored.report.html`);
  assert.match(html, /scored file against its labels/);
  assert.match(html, /scored\.csv <code>sha256 [0-9a-f]{64}<\/code>/);
  assert.ok((html.match(/<svg/g) ?? []).length >= 6);
  // with --explain's reasons, the page says what drives the scores
  assert.match(html, /Column importance \(mean \|reason\|, top three per lead\)/);

  const unpaired = await runTaskFile("report", ["--model", `${dir}/model`, "--submission", "x.csv"]);
  assert.equal(unpaired.code, 2);
  assert.match(unpaired.stderr.trim(), /^report: --submission and --labels go together/);
  const noProbability = await runTaskFile("report", [
    "--model",
    `${dir}/model`,
    "--submission",
    `${dir}/holdout/labels.csv`,
    "--labels",
    `${dir}/holdout/labels.csv`,
  ]);
  assert.equal(noProbability.code, 1);
  assert.match(
    noProbability.stderr.trim(),
    /has no "probability" column \(score it with submit --with-probability\)$/,
  );
});
