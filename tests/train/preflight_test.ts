import assert from "node:assert/strict";
import { loadLeads } from "../../src/data/load.ts";
import { DataError } from "../../src/errors.ts";
import { checkTrainable } from "../../src/train/preflight.ts";
import { csvOf, lead, tempFile } from "../_leads.ts";

async function tableOf(rows: ReturnType<typeof lead>[]) {
  const path = await tempFile(csvOf(rows));
  return { path, table: await loadLeads(path, "train") };
}

Deno.test("checkTrainable counts labels after leaving placeholder customers out", async () => {
  // customer P: 120 leads, all converted (a placeholder); the others never convert
  const rows = [
    ...Array.from({ length: 120 }, () => lead({ customer_idx: "P", is_converted: "True" })),
    ...Array.from({ length: 30 }, (_, i) => lead({ customer_idx: String(i), is_converted: "False" })),
  ];
  const { path, table } = await tableOf(rows);
  assert.throws(
    () => checkTrainable(table, path, { folds: 5 }),
    (e) =>
      e instanceof DataError && /has 0 positive and 30 negative once 1 placeholder customer/.test(e.message),
  );
  checkTrainable(table, path, { folds: 5, keepPlaceholders: true });
});

Deno.test("checkTrainable needs as many customers as folds, unless folds are random", async () => {
  const rows = Array.from(
    { length: 40 },
    (_, i) => lead({ customer_idx: String(i % 4), is_converted: i % 2 ? "True" : "False" }),
  );
  const { path, table } = await tableOf(rows);
  assert.throws(() => checkTrainable(table, path, { folds: 5 }), /needs at least 5 customers, it has 4/);
  assert.throws(() => checkTrainable(table, path, { folds: 5, grouping: "mixed" }), DataError);
  checkTrainable(table, path, { folds: 4 });
  checkTrainable(table, path, { folds: 5, grouping: "random" });
});
