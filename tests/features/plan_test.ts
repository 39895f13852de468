import assert from "node:assert/strict";
import { loadLeads } from "../../src/data/load.ts";
import { describeColumnUse } from "../../src/features/column_use.ts";
import { featureColumns } from "../../src/features/columns.ts";
import { fitFeatures, transformFeatures } from "../../src/features/plan.ts";
import { csvOf, lead, tempFile } from "../_leads.ts";

async function tableOf(rows: ReturnType<typeof lead>[]) {
  const table = await loadLeads(await tempFile(csvOf(rows)), "train");
  return { columns: featureColumns(table.frame), labels: table.labels! };
}

Deno.test("the plan is fitted on the given rows only and maps unseen values to the pooled index", async () => {
  const { columns, labels } = await tableOf([
    lead({ customer_job: "Engineering", bant_submit: "0" }),
    lead({ customer_job: "engineering", bant_submit: "1" }),
    lead({ customer_job: "sales", bant_submit: "" }),
    lead({ customer_job: "teacher", bant_submit: "100" }),
  ]);
  const { plan } = fitFeatures(columns, labels, [0, 1, 2], { minCount: 1 });
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

Deno.test("target encodings come from training labels only, out of fold for training rows", async () => {
  const rows = [];
  for (let i = 0; i < 40; i++) {
    rows.push(lead({ lead_owner: "A", is_converted: i % 4 === 0 ? "True" : "False" }));
  }
  for (let i = 0; i < 40; i++) rows.push(lead({ lead_owner: "B", is_converted: "False" }));
  rows.push(lead({ lead_owner: "C", is_converted: "True" }));
  const { columns, labels } = await tableOf(rows);
  const train = Uint32Array.from({ length: 80 }, (_, i) => i);
  const { plan, design } = fitFeatures(columns, labels, train, { targetColumns: ["lead_owner"], seed: 1 });
  const rate = design.numNames.indexOf("lead_owner_rate");
  const k = design.numNames.length;
  // Out of fold: rows of owner A get slightly different rates, depending on their own fold's labels.
  const aRates = new Set(Array.from({ length: 40 }, (_, r) => design.num[r * k + rate]));
  assert(aRates.size > 1, "training rows are encoded out of fold");
  // New rows use all training rows: owner A (25% converted) above owner B (0%), unseen C in between.
  const test = transformFeatures(plan, columns, [0, 40, 80]);
  const [a, b, c] = [0, 1, 2].map((r) => test.num[r * k + rate]!);
  assert(a! > c! && c! > b!, `rates A ${a} > unseen ${c} > B ${b}`);
  assert.deepEqual(
    test.num.slice(0, k),
    transformFeatures(plan, columns, [1]).num,
    "same owner, same encoding",
  );
});

Deno.test("by default the sales rep's rate is also encoded within each enterprise size and customer type", async () => {
  // Rep A converts only its enterprise leads, rep B only its SMB leads: half of each rep's leads either way.
  const rows = [];
  for (let i = 0; i < 80; i++) {
    const enterprise = i % 2 === 0 ? "Enterprise" : "SMB";
    const rep = i < 40 ? "A" : "B";
    const converted = (rep === "A") === (enterprise === "Enterprise");
    rows.push(lead({ lead_owner: rep, enterprise, is_converted: converted ? "True" : "False" }));
  }
  const { columns, labels } = await tableOf(rows);
  const { plan } = fitFeatures(columns, labels, undefined, { seed: 1 });
  const test = transformFeatures(plan, columns, [0, 1, 40, 41]);
  const k = test.numNames.length;
  const value = (r: number, name: string) => test.num[r * k + test.numNames.indexOf(name)]!;
  for (const column of ["enterprise", "customer_type", "business_unit", "inquiry_type", "product_category"]) {
    assert(test.numNames.includes(`lead_owner*${column}_rate`), column);
    assert(test.numNames.includes(`lead_owner*${column}_rows`), column);
  }
  // the rep's own rate is the same for all four rows; the crossed rate tells them apart
  assert.equal(value(0, "lead_owner_rate"), value(1, "lead_owner_rate"));
  assert.equal(value(0, "lead_owner_rate"), value(2, "lead_owner_rate"));
  const crossed = [0, 1, 2, 3].map((r) => value(r, "lead_owner*enterprise_rate"));
  assert(crossed[0]! > crossed[1]! && crossed[3]! > crossed[2]!, `crossed rates ${crossed}`);
  const rep = describeColumnUse(plan).find((u) => u.column === "lead_owner")!.use;
  assert.match(rep, /crossed "lead_owner\*enterprise" \(\d+ pairs \+ other\), target encoding/);
});

Deno.test("the plan survives a JSON round trip unchanged", async () => {
  const { columns, labels } = await tableOf([
    lead(),
    lead({ customer_country: "/ / Brazil", is_converted: "True" }),
    lead({ ver_cus: "" }),
  ]);
  const { plan } = fitFeatures(columns, labels, undefined);
  const again = JSON.parse(JSON.stringify(plan));
  assert.deepEqual(transformFeatures(again, columns), transformFeatures(plan, columns));
});

Deno.test("transformFeatures picks a subset of rows", async () => {
  const { columns, labels } = await tableOf([
    lead({ bant_submit: "0" }),
    lead({ bant_submit: "1" }),
    lead({ bant_submit: "0.5" }),
  ]);
  const { plan } = fitFeatures(columns, labels, undefined);
  const all = transformFeatures(plan, columns);
  const some = transformFeatures(plan, columns, [2, 0]);
  const k = all.numNames.length;
  assert.equal(some.rows, 2);
  assert.deepEqual(Array.from(some.num.slice(0, k)), Array.from(all.num.slice(2 * k, 3 * k)));
});
