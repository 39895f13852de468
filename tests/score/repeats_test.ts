import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { countRepeats, fitRepeats, mixRepeats, rowKeys } from "../../src/score/repeats.ts";

Deno.test("rowKeys: equal trimmed cells give equal keys, any other cell or order another", () => {
  const raw = pl.DataFrame({
    a: ["x", " x ", "x", "y", "x", null, ""],
    b: ["1", "1", "2", "1", null, "1", "1"],
    id: ["0", "1", "2", "3", "4", "5", "6"],
  });
  const keys = rowKeys(raw, ["a", "b"]);
  assert.equal(keys[0], keys[1]); // spaces around a cell do not count
  assert.equal(keys[5], keys[6]); // an empty cell is one whether read as null or ""
  assert.equal(new Set([keys[0], keys[2], keys[3], keys[4], keys[5]]).size, 5);
  assert(keys.every((k) => /^[0-9a-f]{16}$/.test(k)));
  // cells move between columns: another key, thanks to the separator
  const shifted = pl.DataFrame({ a: ["x1", "x"], b: ["", "1"] });
  const [k0, k1] = rowKeys(shifted, ["a", "b"]);
  assert.notEqual(k0, k1);
  assert.notEqual(rowKeys(raw, ["b", "a"])[0], keys[0]);
});

Deno.test("fitRepeats counts copies and positives of the training rows only, sorted by key", () => {
  const keys = ["k2", "k1", "k2", "k3", "k2"];
  const labels = Uint8Array.of(1, 0, 0, 1, 1);
  const fitted = fitRepeats(["a"], keys, labels, [0, 1, 2, 3]); // row 4 is not a training row
  assert.deepEqual(fitted, { columns: ["a"], counts: [["k1", 1, 0], ["k2", 2, 1], ["k3", 1, 1]] });
});

Deno.test("mixRepeats counts the model's probability as one more copy; other rows stay as they are", () => {
  const repeats = { columns: ["a"], counts: [["k1", 1, 0], ["k2", 3, 2]] as const };
  const probs = Float32Array.of(0.6, 0.2, 0.9);
  assert.equal(mixRepeats(repeats, ["k1", "k2", "k9"], probs), 2);
  assert.deepEqual(probs, Float32Array.of(0.6 / 2, (2 + 0.2) / 4, 0.9));
  assert.equal(countRepeats(repeats, ["k1", "k9", "k1", "k2"]), 3);
});
