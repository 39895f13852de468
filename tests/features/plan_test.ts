import assert from "node:assert/strict";
import { loadLeads } from "../../src/data/load.ts";
import { featureColumns } from "../../src/features/columns.ts";
import { fitFeaturePlan, transformFeatures } from "../../src/features/plan.ts";
import { csvOf, lead, tempFile } from "../_leads.ts";

async function columnsOf(rows: ReturnType<typeof lead>[]) {
  const table = await loadLeads(await tempFile(csvOf(rows)), "train");
  return featureColumns(table.frame);
}

Deno.test("the plan is fitted on the given rows only and maps unseen values to the pooled index", async () => {
  const columns = await columnsOf([
    lead({ customer_job: "Engineering", bant_submit: "0" }),
    lead({ customer_job: "engineering", bant_submit: "1" }),
    lead({ customer_job: "sales", bant_submit: "" }),
    lead({ customer_job: "teacher", bant_submit: "100" }),
  ]);
  const plan = fitFeaturePlan(columns, { minCount: 1 }, [0, 1, 2]);
  const design = transformFeatures(plan, columns);
  const job = design.catNames.indexOf("customer_job");
  const jobOf = (r: number) => design.cat[r * design.catNames.length + job];
  assert.equal(jobOf(0), jobOf(1), "spellings merged");
  assert.notEqual(jobOf(0), 0);
  assert.equal(jobOf(3), 0, "a value seen only outside the fitted rows is pooled");
  // The scaler saw 0, 1 and an empty cell (filled with the median 0.5): row 3's 100 is clipped.
  const bant = design.numNames.indexOf("bant_submit");
  const bantOf = (r: number) => design.num[r * design.numNames.length + bant]!;
  assert(Math.abs(bantOf(0) + bantOf(1)) < 1e-6);
  assert.equal(bantOf(3), 8);
  assert(design.numNames.includes("bant_submit_missing"));
  assert.equal(design.catSizes.length, design.catNames.length);
  for (let i = 0; i < design.cat.length; i++) {
    assert(design.cat[i]! < design.catSizes[i % design.catSizes.length]!);
  }
});

Deno.test("the plan survives a JSON round trip unchanged", async () => {
  const columns = await columnsOf([lead(), lead({ customer_country: "/ / Brazil" }), lead({ ver_cus: "" })]);
  const plan = fitFeaturePlan(columns);
  const again = JSON.parse(JSON.stringify(plan));
  assert.deepEqual(transformFeatures(again, columns), transformFeatures(plan, columns));
});

Deno.test("transformFeatures picks a subset of rows", async () => {
  const columns = await columnsOf([
    lead({ bant_submit: "0" }),
    lead({ bant_submit: "1" }),
    lead({ bant_submit: "0.5" }),
  ]);
  const plan = fitFeaturePlan(columns);
  const all = transformFeatures(plan, columns);
  const some = transformFeatures(plan, columns, [2, 0]);
  const k = all.numNames.length;
  assert.equal(some.rows, 2);
  assert.deepEqual(Array.from(some.num.slice(0, k)), Array.from(all.num.slice(2 * k, 3 * k)));
});
