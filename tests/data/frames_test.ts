import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { holdoutFrames, stringColumn } from "../../src/data/frames.ts";

Deno.test("stringColumn gives a column's cells as strings, casting other types", () => {
  const frame = pl.DataFrame([pl.Series("id", ["a", null, "c"]), pl.Series("n", [1, 2, 3], pl.Int32)]);
  assert.deepEqual(stringColumn(frame, "id"), ["a", null, "c"]);
  assert.deepEqual(stringColumn(frame, "n"), ["1", "2", "3"]);
  assert.throws(() => stringColumn(frame, "missing"), /no such column/);
});

Deno.test("holdoutFrames splits rows into train, an unlabelled test file and its labels", () => {
  const raw = pl.DataFrame({
    id: ["a", "b", "c"],
    x: ["1", "2", "3"],
    is_converted: ["True", "False", "True"],
  });
  const files = holdoutFrames(raw, Uint32Array.of(0, 2), Uint32Array.of(1));
  assert.deepEqual(stringColumn(files.train, "id"), ["a", "c"]);
  assert.deepEqual(files.test.columns, ["id", "x", "is_converted"]);
  assert.deepEqual(stringColumn(files.test, "x"), ["2"]);
  assert.deepEqual(stringColumn(files.test, "is_converted"), [null]);
  assert.deepEqual(stringColumn(files.labels, "is_converted"), ["False"]);
});

Deno.test("holdoutFrames numbers the held-out rows when the table has no id column", () => {
  const raw = pl.DataFrame({ x: ["1", "2", "3"], is_converted: ["True", "False", "True"] });
  const files = holdoutFrames(raw, Uint32Array.of(0), Uint32Array.of(1, 2));
  assert.deepEqual(stringColumn(files.labels, "id"), ["1", "2"]);
});
