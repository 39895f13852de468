import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadLeads } from "../../src/data/load.ts";
import { openEngine } from "../../src/gpu/device.ts";
import { predictProba } from "../../src/score/predict.ts";
import { Random } from "../../src/random.ts";
import { cleanedVariants, explainRows, logit, withColumnEmpty } from "../../src/score/explain.ts";
import { featureColumns } from "../../src/features/columns.ts";
import { formatReasons, reasonCells, topReasonsOf } from "../../src/score/reasons.ts";
import { trainModel } from "../../src/train/pipeline.ts";
import { assertClose } from "../_assert_close.ts";
import { gpuTest } from "../_gpu.ts";
import { csvOf, lead, type LeadRow, tempFile, TEST_HEADER } from "../_leads.ts";

/**
 * Leads whose conversion is decided by `inquiry_type` alone ("demo request" converts, nine times in ten);
 * every other column is noise, and every lead has its own customer.
 */
function signalRows(n: number, seed: number, idOffset = 0): { rows: LeadRow[]; hot: boolean[] } {
  const rng = new Random(seed);
  const pick = <T>(xs: readonly T[]) => xs[rng.int(xs.length)]!;
  const rows: LeadRow[] = [];
  const hot: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const isHot = rng.next() < 0.3;
    const converted = isHot ? rng.next() < 0.9 : rng.next() < 0.03;
    hot.push(isHot);
    rows.push(lead({
      id: String(idOffset + i),
      customer_idx: String(1000 + idOffset + i),
      inquiry_type: isHot ? "demo request" : pick(["quotation", "technical question", "other"]),
      customer_job: pick(["engineering", "sales", "purchasing", "it"]),
      enterprise: pick(["Enterprise", "SMB"]),
      business_unit: pick(["AS", "ID", "IT"]),
      lead_desc_length: String(1 + rng.int(200)),
      ver_win_rate_x: (rng.next() / 100).toFixed(5),
      lead_owner: String(rng.int(3)),
      is_converted: converted ? "True" : "False",
    }));
  }
  return { rows, hot };
}

const cpu = await openEngine("cpu");
const training = await loadLeads(await tempFile(csvOf(signalRows(1500, 1).rows)), "train");
const trained = await trainModel(training, {
  engine: cpu,
  folds: 2,
  seed: 3,
});
const artifact = trained.artifact;
const scored = signalRows(120, 2, 5000);
const testRows = scored.rows.map((r) => ({ ...r, is_converted: "" }));
const testPath = await tempFile(csvOf(testRows, [...TEST_HEADER]));
const test = await loadLeads(testPath, "test");
const explained = await explainRows(cpu, artifact, test, 1000);

Deno.test("explainRows: the column that carries the signal is every hot lead's top reason", () => {
  const at = explained.columns.indexOf("inquiry_type");
  assert.ok(at >= 0);
  let hot = 0;
  scored.hot.forEach((isHot, row) => {
    if (!isHot) return;
    hot++;
    assert.equal(explained.columns[topReasonsOf(explained, row, 1)[0]!], "inquiry_type", `row ${row}`);
    assert.ok(explained.deltas[row * explained.columns.length + at]! > 0.5, `row ${row} pushed up`);
  });
  assert.ok(hot > 20);
});

Deno.test("explainRows: its probabilities are predictProba's, and a small chunk size changes nothing", async () => {
  assert.deepEqual(explained.probs, await predictProba(cpu, artifact, test));
  const whole = await explainRows(cpu, artifact, test);
  assert.deepEqual(whole.deltas, explained.deltas);
});

Deno.test("re-scoring with a reason's cell emptied moves the log-odds by the reason's number", async () => {
  const base = await predictProba(cpu, artifact, test);
  const k = explained.columns.length;
  for (const rank of [0, 1, 2]) {
    // each lead gets its rank-th reason's cell emptied, in one file
    const emptied = testRows.map((row, r) => {
      const column = explained.columns[topReasonsOf(explained, r, 3)[rank]!]!;
      return { ...row, [column]: "" };
    });
    const again = await predictProba(
      cpu,
      artifact,
      await loadLeads(await tempFile(csvOf(emptied, [...TEST_HEADER])), "test"),
    );
    const moved = Array.from(base, (p, r) => logit(p) - logit(again[r]!));
    const said = Array.from(base, (_, r) => explained.deltas[r * k + topReasonsOf(explained, r, 3)[rank]!]!);
    assertClose(moved, said, { atol: 1e-9, rtol: 0, label: `reason ${rank + 1}` });
  }
});

Deno.test("withColumnEmpty empties one column as the loader reads an empty cell", async () => {
  const dropped = await loadLeads(
    await tempFile(csvOf(testRows.map((r) => ({ ...r, ver_cus: "" })), [...TEST_HEADER])),
    "test",
  );
  const made = withColumnEmpty(test, "ver_cus");
  assert.deepEqual(made.frame.toRecords(), dropped.frame.toRecords());
  assert.deepEqual(made.raw.toRecords(), dropped.raw.toRecords());
});

Deno.test("reasonCells writes the three strongest columns with their signed numbers", () => {
  const cells = reasonCells(explained, test.raw);
  const row = scored.hot.indexOf(true);
  const parts = cells[row]!.split(" | ");
  assert.equal(parts.length, 3);
  assert.match(parts[0]!, /^inquiry_type=demo request \(\+\d+\.\d\d\)$/);
  assert.equal(
    formatReasons([{ column: "a", value: " x ", delta: -0.834 }, { column: "b", value: "", delta: 0.2 }]),
    "a=x (-0.83) | b= (+0.20)",
  );
});

gpuTest("explainRows on the GPU agrees with the CPU reference", async (gpu) => {
  const onGpu = await explainRows(gpu, artifact, test, 1000);
  assert.deepEqual(onGpu.columns, explained.columns);
  assertClose(onGpu.probs, explained.probs, { atol: 1e-5, rtol: 1e-4, label: "probabilities" });
  assertClose(onGpu.deltas, explained.deltas, { atol: 2e-3, rtol: 1e-3, label: "contributions" });
});

Deno.test("explainRows out of fold: each row scored by its own fold's models gives the out-of-fold probabilities", async () => {
  const { oof } = trained;
  const once = oof.rows.length - oof.seen;
  const picked = Array.from({ length: 60 }, (_, j) => j * 7).filter((i) => i < once);
  const mask = new Array<boolean>(training.raw.height).fill(false);
  for (const i of picked) mask[oof.rows[i]!] = true;
  const order = picked.map((i) => oof.rows[i]!).sort((a, b) => a - b);
  const entry = new Map(picked.map((i) => [oof.rows[i]!, i]));
  const pick = (df: pl.DataFrame) => df.withColumns(pl.Series("m", mask)).filter(pl.col("m")).drop("m");
  const e = await explainRows(cpu, {
    columns: artifact.columns,
    folds: artifact.folds,
    foldOf: Int32Array.from(order, (r) => oof.folds[entry.get(r)!]!),
  }, { raw: pick(training.raw), frame: pick(training.frame) });
  assertClose(e.probs, order.map((r) => oof.probs[entry.get(r)!]!), { atol: 1e-6, rtol: 0 });
});

Deno.test("cleanedVariants: each emptied copy cleaned as if it were cleaned on its own", async () => {
  // the finals' columns too: free text, dates and budgets, beside categorical sources, crosses and numbers
  const dir = await Deno.makeTempDir({ prefix: "mql-variants-" });
  const synth = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "tasks/synth.ts", "--finals", "--out", dir, "--rows", "300", "--test-rows", "0"],
    stdout: "null",
    stderr: "null",
  });
  assert.equal((await synth.output()).code, 0);
  const table = await loadLeads(`${dir}/train.csv`, "train");
  const rows = { raw: table.raw, frame: table.frame };
  const variants = [undefined, "customer_country", "business_unit", "ver_cus", "lead_owner", "not_a_column"];
  const cleaned = cleanedVariants(rows, variants);
  // the way it was done before: every emptied copy stacked, then all of them cleaned in one pass
  const stacked = pl.concat(
    variants.map((c) => (c === undefined ? rows : withColumnEmpty(rows, c)).frame),
    { how: "vertical" },
  );
  const expected = featureColumns(stacked);
  assert.ok(expected.text.size > 0 && expected.numeric.size > 0, "text and numeric columns are covered");
  assert.equal(cleaned.rows, expected.rows);
  for (const kind of ["categorical", "numeric", "text"] as const) {
    assert.deepEqual([...cleaned[kind].keys()], [...expected[kind].keys()], kind);
    for (const [name, cells] of expected[kind]) assert.deepEqual(cleaned[kind].get(name), cells, name);
  }
});
