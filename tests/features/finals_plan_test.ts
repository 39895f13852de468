import assert from "node:assert/strict";
import { loadLeads } from "../../src/data/load.ts";
import { DataError } from "../../src/errors.ts";
import { describeColumnUse } from "../../src/features/column_use.ts";
import { featureColumns } from "../../src/features/columns.ts";
import { fitFeatures, transformFeatures } from "../../src/features/plan.ts";
import { requiredColumns } from "../../src/features/sources.ts";
import { writeCsvAtomic } from "../../src/io/atomic.ts";
import { synthesizeSplit } from "../../src/synth/synthesize.ts";

const dir = await Deno.makeTempDir({ prefix: "mql-finals-plan-" });
const split = synthesizeSplit({ trainRows: 600, testRows: 100, seed: 3, finals: true });
await writeCsvAtomic(`${dir}/train.csv`, split.train);
await writeCsvAtomic(`${dir}/online.csv`, split.train.drop(split.train.columns.slice(28, 38)));
const table = await loadLeads(`${dir}/train.csv`, "train");
const columns = featureColumns(table.frame);

Deno.test("the plan records each source's use: schema kinds for known columns, inferred ones for the rest", () => {
  const { plan, design } = fitFeatures(columns, table.labels!, undefined, { hashBuckets: 32 });
  const use = Object.fromEntries(plan.sources.map((s) => [s.column, `${s.use}${s.inferred ? "?" : ""}`]));
  assert.equal(use.lead_description, "text");
  assert.equal(use.lead_date, "date");
  assert.equal(use.expected_budget, "budget");
  for (const c of ["customer_history", "lead_from_channel", "transfer_agreement"]) {
    assert.equal(use[c], "categorical");
  }
  assert.equal(use.lead_source_detail, "categorical?");
  assert.equal(use.engagement_score, "numeric?");
  assert.equal(use.web_visits, "numeric?");
  assert.equal(use.sales_note, "text?");
  assert.ok(
    design.numNames.includes("lead_description_hash31") && design.numNames.includes("sales_note_length"),
  );
  assert.ok(
    design.numNames.includes("expected_budget_unparseable") &&
      design.numNames.includes("lead_date_recency_days"),
  );
  assert.ok(design.catNames.includes("lead_from_channel") && design.catNames.includes("lead_source_detail"));
  assert.ok(design.num.every(Number.isFinite));
  // Every column but the label is described, customer_country.1 as unused.
  const described = describeColumnUse(plan, table.raw.columns);
  assert.equal(described.length, 38);
  assert.equal(described.find((d) => d.column === "customer_country.1")?.use, "unused");
  assert.match(described.find((d) => d.column === "sales_note")!.use, /^free text: 32 hashed .*inferred$/);
  assert.deepEqual(
    requiredColumns(plan.sources).sort(),
    table.schema.features.filter((c) => c !== "customer_country.1").sort(),
  );
});

Deno.test("the online columns keep their features and their order when the finals columns are added", async () => {
  const online = await loadLeads(`${dir}/online.csv`, "train");
  const a = fitFeatures(featureColumns(online.frame), online.labels!, undefined, { seed: 1 });
  const b = fitFeatures(columns, table.labels!, undefined, { seed: 1 });
  assert.equal(a.plan.blocks.length, 0);
  const onlineNames = new Set(a.design.numNames);
  assert.deepEqual(
    b.design.numNames.filter((n) => onlineNames.has(n)),
    a.design.numNames,
    "same relative order",
  );
  assert.deepEqual(b.design.catNames.slice(0, a.design.catNames.length), a.design.catNames);
});

Deno.test("a finals plan survives JSON, and refuses a table without a column it needs", async () => {
  const { plan } = fitFeatures(columns, table.labels!, [
    0,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10,
    11,
    12,
    13,
    14,
    15,
  ]);
  const again = JSON.parse(JSON.stringify(plan));
  assert.deepEqual(transformFeatures(again, columns), transformFeatures(plan, columns));
  const lacking = featureColumns(table.frame.drop("lead_date"));
  assert.throws(() => transformFeatures(plan, lacking), (error: Error) => {
    assert.ok(error instanceof DataError);
    assert.equal(
      error.message,
      'Cannot build features: the model needs column "lead_date", which the table lacks',
    );
    return true;
  });
  const old = { ...plan, version: 2 };
  assert.throws(() => transformFeatures(old, columns), /version 2.*retrain$/);
  await Deno.remove(dir, { recursive: true });
});
