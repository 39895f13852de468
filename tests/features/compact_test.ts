import assert from "node:assert/strict";
import { compactFeatureColumns, internColumns, internStrings } from "../../src/features/compact.ts";
import { codesOf } from "../../src/features/codes.ts";
import { featureColumns } from "../../src/features/columns.ts";
import { loadLeads } from "../../src/data/load.ts";

Deno.test("internStrings keeps every value and leaves nulls alone", () => {
  // built at run time, so equal cells are distinct string objects before interning
  const cells = ["a", null, "b", "a", null, "b"].map((c) => (c === null ? null : [c, "x"].join("")));
  const before = [...cells];
  internStrings(cells);
  assert.deepEqual(cells, before);
  assert.equal(cells[0], "ax");
  assert.equal(cells[4], null);
});

Deno.test("internColumns rewrites the string columns in place and returns the same columns", () => {
  const cat = ["x", "y", "x"];
  const text = [null, "t", "t"];
  const num = Float64Array.of(1, NaN, 3);
  const columns = {
    rows: 3,
    categorical: new Map([["c", cat]]),
    numeric: new Map([["n", num]]),
    text: new Map([["t", text]]),
  };
  assert.equal(internColumns(columns), columns);
  assert.equal(columns.categorical.get("c"), cat);
  assert.deepEqual(cat, ["x", "y", "x"]);
  assert.deepEqual(text, [null, "t", "t"]);
  assert.deepEqual(num, Float64Array.of(1, NaN, 3));
});

Deno.test("compactFeatureColumns built in slices equals featureColumns of the whole table", async () => {
  const table = await loadLeads(new URL("../../data/sample/train.csv", import.meta.url).pathname, "train");
  const whole = featureColumns(table.frame);
  // 5,000 rows in slices of 700: seven whole slices and a partial one
  const sliced = compactFeatureColumns(table.frame, 700);
  assert.equal(sliced.rows, whole.rows);
  for (const kind of ["categorical", "numeric", "text"] as const) {
    assert.deepEqual([...sliced[kind].keys()], [...whole[kind].keys()], kind);
    for (const [name, cells] of whole[kind]) assert.deepEqual(sliced[kind].get(name), cells, name);
  }
  assert.ok(whole.categorical.size > 10);
  // the joined categorical columns carry their codes: decoding them gives the cells
  for (const cells of sliced.categorical.values()) {
    const { codes, values } = codesOf(cells);
    assert.deepEqual(Array.from(codes, (c) => (c < 0 ? null : values[c])), cells);
  }
});
