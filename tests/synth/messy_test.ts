import assert from "node:assert/strict";
import { synthesizeLeads } from "../../src/synth/synthesize.ts";
import { cells } from "./_helpers.ts";

const train = synthesizeLeads({ rows: 5000, seed: 42, kind: "train" });
const nullShare = (column: string) => train.getColumn(column).nullCount() / train.height;
const distinct = (column: string) => new Set(cells(train, column));

Deno.test("customer_country.1 is an exact copy of customer_country", () => {
  assert.deepEqual(
    train.getColumn("customer_country.1").toArray(),
    train.getColumn("customer_country").toArray(),
  );
});

Deno.test("addresses come in the real file's odd shapes", () => {
  const addresses = cells(train, "customer_country");
  const some = (re: RegExp) => addresses.filter((a) => re.test(a)).length;
  assert.ok(some(/^\/\/\S/) > 500, "country only, like //India");
  assert.ok(some(/^\/[^/ ][^/]*\/\S/) > 1000, "city and country, like /Chennai/India");
  assert.ok(some(/^\/[^/]+ \/\S/) > 50, "a space before the slash, like /Chennai /India");
  assert.ok(some(/^\/ {2}\/ \S/) > 50, "the catch-all account, like /  / Brazil");
  assert.ok(some(/^\d+ .*\//) > 10, "a street address, like 400 N Main St / Dallas / United States");
  assert.ok(some(/^\/[A-Z ]{4,}\//) > 10, "an upper-case city");
  assert.ok(some(/^\/\/$/) > 10, "nothing but //");
  assert.ok(nullShare("customer_country") > 0.005, "some empty");
});

Deno.test("free-text fields have several spellings of one value", () => {
  const inquiries = [...distinct("inquiry_type")].filter((v) =>
    v.toLowerCase().replaceAll("_", " ") === "quotation or purchase consultation"
  );
  assert.ok(inquiries.length >= 3, inquiries.join(" | "));
  const jobs = distinct("customer_job");
  assert.ok(jobs.has("engineering") && (jobs.has("Engineering") || jobs.has("engineer")));
  const timelines = distinct("expected_timeline");
  assert.ok(timelines.has("less than 3 months") && timelines.has("less_than_3_months"));
  assert.ok(timelines.has("3 months ~ 6 months"));
  const positions = distinct("customer_position");
  assert.ok(positions.has("other") && positions.has("others"));
});

Deno.test("empty cells where the real file has them", () => {
  for (
    const [column, lo, hi] of [
      ["product_category", 0.2, 0.5],
      ["product_subcategory", 0.7, 0.95],
      ["product_modelname", 0.7, 0.95],
      ["com_reg_ver_win_rate", 0.6, 0.9],
      ["historical_existing_cnt", 0.6, 0.9],
      ["id_strategic_ver", 0.85, 1],
      ["expected_timeline", 0.4, 0.65],
      ["customer_job", 0.2, 0.45],
      ["business_area", 0.55, 0.8],
    ] as const
  ) {
    const share = nullShare(column);
    assert.ok(share > lo && share < hi, `${column}: ${share}`);
  }
  assert.equal(nullShare("bant_submit"), 0);
  assert.equal(nullShare("customer_position"), 0);
});

Deno.test("idit_strategic_ver is the max of the id and it flags", () => {
  const id = train.getColumn("id_strategic_ver").toArray();
  const it = train.getColumn("it_strategic_ver").toArray();
  const idit = train.getColumn("idit_strategic_ver").toArray();
  idit.forEach((v, i) => assert.equal(v, id[i] === 1 || it[i] === 1 ? 1 : null));
});

Deno.test("coded columns keep to their vocabularies", () => {
  assert.ok([...distinct("bant_submit")].every((v) => ["0", "0.25", "0.5", "0.75", "1"].includes(v)));
  assert.deepEqual(distinct("enterprise"), new Set(["Enterprise", "SMB"]));
  assert.ok([...distinct("business_unit")].every((v) => ["AS", "ID", "IT", "Solution", "CM"].includes(v)));
  assert.ok([...distinct("ver_cus")].every((v) => v === "0" || v === "1"));
  assert.ok([...distinct("ver_pro")].every((v) => v === "0" || v === "1"));
  assert.ok([...distinct("response_corporate")].every((v) => /^LGE[A-Z]{2}$/.test(v)));
  assert.ok(distinct("response_corporate").size >= 15);
});

Deno.test("about 5% exact duplicate rows", () => {
  const share = (train.height - train.unique().height) / train.height;
  assert.ok(share > 0.03 && share < 0.07, `duplicates ${share}`);
});

Deno.test("customers have heavy-tailed lead counts, owners are shared", () => {
  const counts = new Map<string, number>();
  for (const c of cells(train, "customer_idx")) counts.set(c, (counts.get(c) ?? 0) + 1);
  const sizes = [...counts.values()];
  assert.ok(sizes.filter((n) => n === 1).length / sizes.length > 0.5, "most customers send one lead");
  assert.ok(Math.max(...sizes) >= 100, "a few send very many");
  assert.ok(counts.size > 1500 && counts.size < 4500, `${counts.size} customers`);
  const owners = new Set(cells(train, "lead_owner"));
  assert.ok(owners.size > 100 && owners.size < 1200, `${owners.size} owners`);
});
