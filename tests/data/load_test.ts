import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { loadLeads } from "../../src/data/load.ts";
import { DataError } from "../../src/errors.ts";
import { csvOf, lead, tempFile, TEST_HEADER } from "../_leads.ts";

async function loadError(text: string, role: "train" | "test" = "train"): Promise<string> {
  const path = await tempFile(text);
  try {
    await loadLeads(path, role);
  } catch (error) {
    assert(error instanceof DataError, `expected a DataError, got ${error}`);
    assert(!error.message.includes("\n"), "message is one line");
    return error.message.replace(path, "FILE");
  }
  throw new Error("no error was raised");
}

Deno.test("loadLeads reads typed columns and labels", async () => {
  const path = await tempFile(csvOf([
    lead({ is_converted: "True", historical_existing_cnt: "12" }),
    lead({ is_converted: "false" }),
    lead({ is_converted: "1", customer_idx: "00042" }),
    lead({ is_converted: "0" }),
  ]));
  const table = await loadLeads(path, "train");
  assert.deepEqual(Array.from(table.labels!), [1, 0, 1, 0]);
  assert.deepEqual(table.frame.getColumn("historical_existing_cnt").toArray(), [12, null, null, null]);
  assert.deepEqual(table.frame.getColumn("bant_submit").dtype.equals(pl.Float64), true);
  // Ids stay text: leading zeros survive.
  assert.deepEqual(table.frame.getColumn("customer_idx").get(2), "00042");
  assert.deepEqual(table.frame.columns.includes("is_converted"), false);
  assert.deepEqual(table.schema.round, "online");
});

Deno.test("loadLeads accepts numbers with surrounding spaces", async () => {
  const table = await loadLeads(await tempFile(csvOf([lead({ bant_submit: " 0.25 " })])), "train");
  assert.deepEqual(table.frame.getColumn("bant_submit").toArray(), [0.25]);
});

Deno.test("loadLeads names the column, row and value of a bad number", async () => {
  const message = await loadError(csvOf([lead(), lead(), lead({ bant_submit: "abc" })]));
  assert.deepEqual(message, 'Cannot read FILE: column "bant_submit" row 3 is "abc", expected a number');
});

Deno.test("loadLeads rejects a bad or empty label", async () => {
  assert.deepEqual(
    await loadError(csvOf([lead(), lead({ is_converted: "maybe" })])),
    'Cannot read FILE: column "is_converted" row 2 is "maybe", expected True/False, 1/0 or Yes/No',
  );
  assert.deepEqual(
    await loadError(csvOf([lead({ is_converted: "" })])),
    'Cannot read FILE: column "is_converted" row 1 is empty, expected True/False, 1/0 or Yes/No',
  );
});

Deno.test("loadLeads needs only the label; empty files and headers without rows are refused", async () => {
  const header = ["bant_submit", "customer_country", "is_converted"];
  const table = await loadLeads(await tempFile(csvOf([lead()], header)), "train");
  assert.deepEqual(table.schema.features, ["bant_submit", "customer_country"]);
  assert.match(
    await loadError(csvOf([lead()], ["bant_submit", "customer_country"])),
    /^Cannot read FILE: no label column "is_converted" \(name yours with --label\); the header has "bant_submit", "customer_country"$/,
  );
  assert.deepEqual(await loadError(""), "Cannot read FILE: the file is empty");
  assert.deepEqual(await loadError(csvOf([])), "Cannot read FILE: the file has a header but no rows");
  // a test file needs neither an id nor the label
  const test = await loadLeads(await tempFile(csvOf([lead()], ["bant_submit"])), "test");
  assert.deepEqual(test.roles.id, null);
  assert.deepEqual(await loadError("x", "train").then((m) => m.startsWith("Cannot read FILE")), true);
});

Deno.test("loadLeads reports a file that does not exist", async () => {
  await assert.rejects(() => loadLeads("/nonexistent/leads.csv", "train"), {
    name: "DataError",
    message: "Cannot read /nonexistent/leads.csv: no such file",
  });
});

Deno.test("loadLeads reads test files with an empty label column and finals columns", async () => {
  const header = [...TEST_HEADER, "lead_description", "mystery"];
  const path = await tempFile(csvOf([lead({ id: "9", is_converted: "", lead_description: "hi" })], header));
  const table = await loadLeads(path, "test");
  assert.deepEqual(table.labels, undefined);
  assert.deepEqual(table.raw.getColumn("id").get(0), "9");
  assert.deepEqual(table.schema.round, "finals");
  assert.deepEqual(table.schema.unknown, ["mystery"]);
});

Deno.test("loadLeads: NA tokens, decimal commas with ';', Yes/No labels and their spelling, roles", async () => {
  const header = ["bant_submit", "ref", "score", "note", "won"];
  const text = [
    header.join(";"),
    "0,5;r1;NA;x;Yes",
    "NaN;r2;1,25;y;no",
    "#N/A;r3;-;z;YES",
    "",
    "",
  ].join("\n");
  const path = await tempFile(text);
  const table = await loadLeads(path, "train", { roles: { label: "won", id: "ref", ignore: ["note"] } });
  assert.deepEqual(table.frame.columns, ["bant_submit", "score"]);
  assert.deepEqual(table.frame.getColumn("bant_submit").toArray(), [0.5, null, null]);
  // a column the plan infers: missing tokens empty, decimal commas points
  assert.deepEqual(table.frame.getColumn("score").toArray(), [null, "1.25", null]);
  assert.deepEqual(Array.from(table.labels!), [1, 0, 1]);
  assert.deepEqual(table.labelSpelling, { positive: "Yes", negative: "no" });
  assert.deepEqual(table.dialect.sep, ";");
  assert.deepEqual(table.roles, { label: "won", group: null, id: "ref", ignore: ["note"] });
  // raw keeps the cells as written
  assert.deepEqual(table.raw.getColumn("score").toArray(), ["NA", "1,25", "-"]);
  // --na adds tokens
  const custom = await tempFile(["bant_submit,is_converted", "missing,1", "0.5,0"].join("\n"));
  assert.match(await loadError(await Deno.readTextFile(custom)), /"bant_submit" row 1 is "missing"/);
  const ok = await loadLeads(custom, "train", { na: ["missing"] });
  assert.deepEqual(ok.frame.getColumn("bant_submit").toArray(), [null, 0.5]);
});
