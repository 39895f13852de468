import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { sharedCells } from "../../src/features/shared_cells.ts";
import { codesOf } from "../../src/features/codes.ts";
import { Random } from "../../src/random.ts";

Deno.test("sharedCells gives toArray's cells on a frame of several chunks, nulls and empty strings", () => {
  const random = new Random(7);
  const pool = ["", " ", "b", "a", "B", "é", "ab", "a b", "zz", "10", "9"];
  const part = (n: number) =>
    pl.DataFrame({
      x: Array.from(
        { length: n },
        () => (random.next() < 0.2 ? null : pool[Math.floor(random.next() * 11)]!),
      ),
      empty: Array.from({ length: n }, () => null as string | null),
    }, { schema: { x: pl.Utf8, empty: pl.Utf8 } });
  const frame = pl.concat([part(300), part(1), part(250)], { rechunk: false, how: "vertical" });
  assert.ok(frame.getColumn("x").nChunks() > 1);
  const cells = sharedCells(frame, ["x", "empty"]);
  assert.deepEqual(cells.get("x"), frame.getColumn("x").toArray());
  // the codes kept for the features: one per distinct string, -1 for an empty cell
  const { codes, values } = codesOf(cells.get("x")!);
  assert.equal(new Set(values).size, values.length);
  assert.deepEqual(Array.from(codes, (c) => (c < 0 ? null : values[c])), cells.get("x"));
  assert.ok(values.every((v, c) => codes.indexOf(c) === cells.get("x")!.indexOf(v)), "numbered by first row");
  assert.deepEqual(cells.get("empty"), new Array(551).fill(null));
  assert.deepEqual(sharedCells(frame.head(0), ["x"]).get("x"), []);
});
