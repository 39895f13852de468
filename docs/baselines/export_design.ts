/**
 * Writes the design matrix mql-gpu's models see (the feature plan fitted on a holdout folder's training
 * part, placeholder customers left out) as raw arrays, so that `baselines.py` can fit XGBoost on our
 * features. For each folder laid out by `deno task holdout`:
 *
 *     deno run -A docs/baselines/export_design.ts holdout/s5 holdout/s6 holdout/s7
 *
 * writes `design/{train,holdout}_{num,cat}.bin` (float32 / uint32, row-major), `design/labels.bin`
 * (uint8) and `design/meta.json` (shapes, names, vocabulary sizes).
 */
import { join } from "node:path";
import {
  CUSTOMER_COLUMN,
  featureColumns,
  findPlaceholders,
  fitFeatures,
  loadLeads,
  transformFeatures,
} from "../../mod.ts";

for (const folder of Deno.args) {
  const train = await loadLeads(join(folder, "train.csv"), "train");
  const holdout = await loadLeads(join(folder, "holdout.csv"), "test");
  const customers = train.frame.getColumn(CUSTOMER_COLUMN).toArray() as (string | null)[];
  const placeholders = new Set(findPlaceholders(customers, train.labels!).map((p) => p.customer));
  const rows = Uint32Array.from(customers.keys()).filter((r) => !placeholders.has(customers[r] ?? ""));
  const { plan, design } = fitFeatures(featureColumns(train.frame), train.labels!, rows, { seed: 42 });
  const held = transformFeatures(plan, featureColumns(holdout.frame));
  const out = join(folder, "design");
  await Deno.mkdir(out, { recursive: true });
  for (const [name, d] of [["train", design], ["holdout", held]] as const) {
    await Deno.writeFile(join(out, `${name}_num.bin`), new Uint8Array(d.num.buffer));
    await Deno.writeFile(join(out, `${name}_cat.bin`), new Uint8Array(d.cat.buffer));
  }
  await Deno.writeFile(join(out, "labels.bin"), Uint8Array.from(rows, (r) => train.labels![r]!));
  const { numNames, catNames, catSizes } = design;
  const meta = { rows: design.rows, holdoutRows: held.rows, numNames, catNames, catSizes };
  await Deno.writeTextFile(join(out, "meta.json"), JSON.stringify(meta));
  console.log(`${out}: ${design.rows} training rows, ${held.rows} held out`);
}
