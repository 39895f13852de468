import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { CATEGORICAL_SOURCES, featureColumns } from "../../src/features/columns.ts";
import {
  CROSSED_PAIRS,
  crossedCells,
  crossName,
  crossSource,
  isCross,
  withoutCrosses,
} from "../../src/features/crosses.ts";
import { codesOf } from "../../src/features/codes.ts";
import { Random } from "../../src/random.ts";
import type { Design } from "../../src/features/design.ts";

Deno.test("crosses pair the cleaned values of two columns, an empty cell standing for itself", () => {
  const frame = pl.DataFrame({
    business_unit: ["ID", " id ", "IT", null, "AS"],
    product_category: ["Monitor", "monitor ", null, "TV", null],
  });
  const columns = featureColumns(frame);
  const name = crossName("business_unit", "product_category");
  assert.deepEqual(columns.categorical.get(name), [
    "id × monitor",
    "id × monitor",
    "it × \u2205",
    "\u2205 × tv",
    "as × \u2205",
  ]);
  // only pairs whose two columns the table has
  assert.deepEqual([...columns.categorical.keys()].filter(isCross), [name]);
});

Deno.test("every crossed pair names two known categorical sources", () => {
  const frame = pl.DataFrame(Object.fromEntries(CATEGORICAL_SOURCES.map((s) => [s.column, ["x"]])));
  const crossed = [...featureColumns(frame).categorical.keys()].filter(isCross);
  assert.deepEqual(crossed, CROSSED_PAIRS.map(([a, b]) => crossName(a, b)));
});

Deno.test("withoutCrosses drops the crossed columns and keeps the rest in order", () => {
  const design: Design = {
    rows: 2,
    num: new Float32Array([1, 2]),
    numNames: ["n"],
    cat: Uint32Array.from([1, 5, 2, 3, 0, 4]),
    catNames: ["business_unit", "business_unit*product_category", "price*qty"],
    catSizes: [2, 6, 5],
  };
  const plain = withoutCrosses(design);
  // a column of the user's named with a `*` is kept: only the known crosses are dropped
  assert.deepEqual(plain.catNames, ["business_unit", "price*qty"]);
  assert.deepEqual(plain.catSizes, [2, 5]);
  assert.deepEqual([...plain.cat], [1, 2, 3, 4]);
  assert.equal(plain.num, design.num);
  assert.equal(withoutCrosses(plain), plain);
});

Deno.test("crossedCells gives the cross source's polars cells, on values that could be confused too", () => {
  const random = new Random(3);
  // "∅" spelt out and values holding the separator make pairs whose strings coincide
  const pool = ["id", "it", "\u2205", "a \u00d7 b", "a", "b \u00d7 c", "b", "", " "];
  const draw = () =>
    Array.from({ length: 400 }, () => (random.next() < 0.15 ? null : pool[random.int(pool.length)]!));
  for (const [a, b] of [[draw(), draw()], [draw().map((v) => v?.replace("\u00d7", "x") ?? null), draw()]]) {
    const frame = pl.DataFrame({ a: a!, b: b! }, { schema: { a: pl.Utf8, b: pl.Utf8 } });
    const source = crossSource(
      { name: "a", column: "a", expr: () => pl.col("a") },
      { name: "b", column: "b", expr: () => pl.col("b") },
    );
    const expected = frame.select(source.expr().alias("x")).getColumn("x").toArray();
    const cells = crossedCells(a!, b!);
    assert.deepEqual(cells, expected);
    // its codes: one per distinct string
    const { codes, values } = codesOf(cells);
    assert.equal(new Set(values).size, values.length);
    assert.deepEqual(Array.from(codes, (c) => values[c]), expected);
  }
  assert.throws(() => crossedCells(["a"], []), /1 and 0 cells/);
});
