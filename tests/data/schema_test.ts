import assert from "node:assert/strict";
import { FINALS_COLUMNS, ID_COLUMN, LABEL_COLUMN, ONLINE_COLUMNS } from "../../src/data/schema.ts";
import { detectSchema, ONLINE_FEATURES } from "../../src/data/validate.ts";

const ONLINE = ONLINE_COLUMNS.map((c) => c.name);
const FINALS = FINALS_COLUMNS.map((c) => c.name);
const ROLES = { label: LABEL_COLUMN, id: ID_COLUMN, ignore: [] };

Deno.test("an online-round header is detected as online", () => {
  const schema = detectSchema(ONLINE, ROLES);
  assert.equal(schema.round, "online");
  assert.deepEqual(schema.features, ONLINE_FEATURES);
  assert.deepEqual(schema.unknown, []);
  assert.equal(detectSchema([ID_COLUMN, ...ONLINE], ROLES).round, "online");
});

Deno.test("a finals header (39 columns) is detected as finals, its unknown columns listed", () => {
  const extra = ["lead_source_detail", "engagement_score", "web_visits", "sales_note"];
  const header = [...ONLINE.filter((c) => c !== LABEL_COLUMN), ...FINALS, ...extra, LABEL_COLUMN];
  assert.equal(header.length, 39);
  const schema = detectSchema(header, ROLES);
  assert.equal(schema.round, "finals");
  assert.deepEqual(schema.unknown, extra);
  assert.deepEqual(schema.features, [...ONLINE_FEATURES, ...FINALS, ...extra]);
  assert.ok(
    !schema.numeric.some((c) => FINALS.includes(c) || extra.includes(c)),
    "kinds decided by the plan",
  );
  // One finals column is enough; the others are optional.
  assert.equal(detectSchema([ID_COLUMN, ...ONLINE, "lead_date"], ROLES).round, "finals");
});

Deno.test("roles are not features: the label, the id and ignored columns are left out", () => {
  const schema = detectSchema(["ref", "won", "x", "bant_submit", "note"], {
    label: "won",
    id: "ref",
    ignore: ["note"],
  });
  assert.deepEqual(schema.features, ["bant_submit", "x"]);
  assert.deepEqual(schema.numeric, ["bant_submit"]);
});
