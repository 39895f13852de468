import assert from "node:assert/strict";
import { loadLeads } from "../../src/data/load.ts";
import { DataError } from "../../src/errors.ts";
import { writeFileAtomic } from "../../src/io/atomic.ts";
import { writeSubmission } from "../../src/io/submission.ts";
import { csvOf, lead, tempFile, TEST_HEADER } from "../_leads.ts";

Deno.test("writeSubmission keeps rows, order and columns and fills the label", async () => {
  const rows = [
    lead({ id: "7", is_converted: "" }),
    lead({ id: "3", customer_job: 'a, "b"' }),
    lead({ id: "5" }),
  ];
  const path = await tempFile(csvOf(rows, [...TEST_HEADER]));
  const table = await loadLeads(path, "test");
  const out = path.replace("leads.csv", "out/submission.csv");
  await writeSubmission(out, table.raw, Float32Array.of(0.9, 0.2, 0.5), { threshold: 0.5 });
  const back = await loadLeads(out, "test");
  assert.deepEqual(back.raw.columns, table.raw.columns);
  assert.deepEqual(back.raw.getColumn("id").toArray(), ["7", "3", "5"]);
  assert.deepEqual(back.raw.getColumn("is_converted").toArray(), ["True", "False", "True"]);
  assert.deepEqual(back.raw.getColumn("customer_job").get(1), 'a, "b"');
  assert.deepEqual(back.raw.drop("is_converted").toRecords(), table.raw.drop("is_converted").toRecords());
});

Deno.test("writeSubmission adds a probability column on request", async () => {
  const path = await tempFile(csvOf([lead({ id: "1" }), lead({ id: "2" })], [...TEST_HEADER]));
  const table = await loadLeads(path, "test");
  const out = `${path}.out.csv`;
  await writeSubmission(out, table.raw, Float32Array.of(0.25, 0.75), {
    threshold: 0.3,
    withProbability: true,
  });
  const text = await Deno.readTextFile(out);
  const [header, first] = text.trim().split("\n");
  assert(header!.endsWith("is_converted,probability"));
  assert(first!.endsWith("False,0.25"));
  await assert.rejects(
    () => writeSubmission(out, table.raw, Float32Array.of(1), { threshold: 0.5 }),
    RangeError,
  );
});

Deno.test("writeFileAtomic replaces a file whole and cleans up when the rename fails", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/model.json`;
  await writeFileAtomic(path, "old");
  await writeFileAtomic(path, "new");
  assert.equal(await Deno.readTextFile(path), "new");
  // A directory in the way makes the final rename fail: the temp file must not stay behind.
  await Deno.mkdir(`${dir}/blocked/inner`, { recursive: true });
  await assert.rejects(
    () => writeFileAtomic(`${dir}/blocked`, "data"),
    (e) =>
      e instanceof DataError && e.message.startsWith(`Cannot write ${dir}/blocked: `) &&
      !e.message.includes("\n"),
  );
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["blocked", "model.json"]);
  // A parent that is a file cannot become a folder: the same one-line error.
  await assert.rejects(() => writeFileAtomic(`${dir}/model.json/out.csv`, "data"), DataError);
});

Deno.test("writeSubmission refuses a label spelling the test file's cp1252 cannot hold, in one DataError", async () => {
  const path = await tempFile(csvOf([lead({ id: "1" })], [...TEST_HEADER]));
  const table = await loadLeads(path, "test");
  const out = path.replace("leads.csv", "cp1252/submission.csv");
  await assert.rejects(
    writeSubmission(out, table.raw, Float32Array.of(0.9), {
      threshold: 0.5,
      spelling: { positive: "예", negative: "아니오" },
      dialect: { sep: ",", encoding: "cp1252", bom: false, eol: "\n" },
    }),
    (e) =>
      e instanceof DataError &&
      /^Cannot write .*submission\.csv in cp1252 like the test file: /.test(e.message),
  );
  await assert.rejects(() => Deno.stat(out), Deno.errors.NotFound);
});
