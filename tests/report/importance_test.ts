import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadLeads } from "../../src/data/load.ts";
import { openEngine } from "../../src/gpu/device.ts";
import { writeCsvAtomic } from "../../src/io/atomic.ts";
import { round } from "../../src/report/data.ts";
import { IMPORTANCE_ROWS, OutOfFoldImportance } from "../../src/report/importance.ts";
import { Random } from "../../src/random.ts";
import { explainRows } from "../../src/score/explain.ts";
import { synthesizeSplit } from "../../src/synth/synthesize.ts";
import { type QueuedFolds, trainModel } from "../../src/train/pipeline.ts";

const dir = await Deno.makeTempDir({ prefix: "mql-importance-" });
const s = synthesizeSplit({ trainRows: 1400, testRows: 10, seed: 5 });
await writeCsvAtomic(`${dir}/train.csv`, s.train);
const table = await loadLeads(`${dir}/train.csv`, "train");
const engine = await openEngine("cpu");
const seed = 3;
let queued: QueuedFolds | undefined;
let explained: OutOfFoldImportance | undefined;
const { artifact, oof } = await trainModel(table, {
  engine,
  folds: 2,
  seed,
  whileFitting: async (q) => {
    queued = q;
    explained = await OutOfFoldImportance.explain(engine, table, seed, q);
  },
});
const weights = artifact.folds.map((f) => f.members.map((m) => m.weight));

/** The importance as explaining the sample after training gives it: explainRows, each row by its own fold. */
async function afterTraining(): Promise<{ column: string; mean: number }[]> {
  const once = oof.rows.length - oof.seen;
  const sample = new Random(seed).shuffle(Array.from({ length: once }, (_, i) => i)).slice(
    0,
    IMPORTANCE_ROWS,
  );
  const mask = new Array<boolean>(table.raw.height).fill(false);
  for (const i of sample) mask[oof.rows[i]!] = true;
  const picked = Array.from(sample, (i) => oof.rows[i]!).sort((a, b) => a - b);
  const foldOfRow = new Map(sample.map((i) => [oof.rows[i]!, oof.folds[i]!]));
  const pick = (df: pl.DataFrame) =>
    df.withColumns(pl.Series("__explained", mask)).filter(pl.col("__explained")).drop("__explained");
  const model = {
    columns: artifact.columns,
    folds: artifact.folds,
    foldOf: Int32Array.from(picked, (r) => foldOfRow.get(r)!),
  };
  const e = await explainRows(engine, model, { raw: pick(table.raw), frame: pick(table.frame) });
  return e.columns.map((column, c) => {
    let sum = 0;
    for (let r = 0; r < picked.length; r++) sum += Math.abs(e.deltas[r * e.columns.length + c]!);
    return { column, mean: round(sum / sample.length) };
  }).sort((a, b) => b.mean - a.mean || (a.column < b.column ? -1 : 1));
}

Deno.test("importance explained while the folds fit is explainRows' after training, bit for bit", async () => {
  assert.ok(oof.rows.length - oof.seen > IMPORTANCE_ROWS, "the table is larger than the sample");
  const importance = explained!.importance(weights);
  assert.deepEqual(importance, await afterTraining());
  assert.ok(importance.length > 10 && importance[0]!.mean > 0);
});

Deno.test("importance is the same whatever the variants' group size", async () => {
  // 3,000 rows a call: three variants of the 1,000 sampled rows at a time
  const grouped = await OutOfFoldImportance.explain(engine, table, seed, queued!, 3000);
  assert.deepEqual(grouped.importance(weights), explained!.importance(weights));
});
