import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { countRepeats, fitRepeats, mixRepeats, rowHashes, rowKeys } from "../../src/score/repeats.ts";
import { fnv1a } from "../../src/features/text_hash.ts";

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

Deno.test("rowHashes: the two FNV-1a hashes of rowKeys' text, the same in slices as in one piece", () => {
  const n = 23;
  const raw = pl.DataFrame({
    a: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : ` é${i % 4} `)),
    b: Array.from({ length: n }, (_, i) => `𝔘${i % 3}`),
  });
  const whole = rowHashes(raw, ["a", "b"]);
  const sliced = rowHashes(raw, ["a", "b"], 4); // slices of 4 rows: the last one short
  assert.deepEqual(sliced, whole);
  const keys = rowKeys(raw, ["a", "b"]);
  for (let r = 0; r < n; r++) {
    const text = `${(raw.getColumn("a").get(r) ?? "").trim()}\u001f${raw.getColumn("b").get(r)}`;
    const hex = (h: number) => h.toString(16).padStart(8, "0");
    assert.equal(hex(whole.first[r]!), hex(fnv1a(text)));
    assert.equal(hex(whole.second[r]!), hex(fnv1a(`${text.length}\u001f${text}`)));
    assert.equal(keys[r], hex(whole.first[r]!) + hex(whole.second[r]!));
  }
});

/** Hashes whose key texts are `keys` (16 hex digits each). */
function hashesOf(keys: readonly string[]) {
  return {
    first: Uint32Array.from(keys, (k) => Number.parseInt(k.slice(0, 8), 16)),
    second: Uint32Array.from(keys, (k) => Number.parseInt(k.slice(8), 16)),
  };
}

Deno.test("fitRepeats counts copies and positives of the training rows only, sorted by key text", () => {
  const k1 = "0000000a00000001";
  const k2 = "0000000affffffff"; // the second hash above 2^31: still after k1
  const k3 = "f000000000000000";
  const keys = [k2, k1, k2, k3, k2];
  const labels = Uint8Array.of(1, 0, 0, 1, 1);
  const fitted = fitRepeats(["a"], hashesOf(keys), labels, [0, 1, 2, 3]); // row 4 is not a training row
  assert.deepEqual(fitted, { columns: ["a"], counts: [[k1, 1, 0], [k2, 2, 1], [k3, 1, 1]] });
  // against counting in a map and sorting the texts, on many random keys with repeats
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const random = Array.from(
    { length: 3000 },
    () =>
      (next() % 400).toString(16).padStart(8, "0") +
      next().toString(16).padStart(8, "0").slice(0, 1).padEnd(8, "0"),
  );
  const randomLabels = Uint8Array.from(random, () => next() % 2);
  const rows = random.map((_, i) => i).filter((i) => i % 3 !== 0);
  const expected = new Map<string, [number, number]>();
  for (const r of rows) {
    const c = expected.get(random[r]!) ?? [0, 0];
    expected.set(random[r]!, [c[0] + 1, c[1] + randomLabels[r]!]);
  }
  const sorted = [...expected].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, [c, p]]) => [k, c, p]);
  assert.deepEqual(fitRepeats([], hashesOf(random), randomLabels, rows).counts, sorted);
});

Deno.test("mixRepeats counts the model's probability as one more copy; other rows stay as they are", () => {
  const [k1, k2, k9] = ["0000000000000001", "ffffffff00000002", "0000000100000009"] as const;
  const repeats = { columns: ["a"], counts: [[k1, 1, 0], [k2, 3, 2]] as const };
  const probs = Float32Array.of(0.6, 0.2, 0.9);
  assert.equal(mixRepeats(repeats, hashesOf([k1, k2, k9]), probs), 2);
  assert.deepEqual(probs, Float32Array.of(0.6 / 2, (2 + 0.2) / 4, 0.9));
  assert.equal(countRepeats(repeats, hashesOf([k1, k9, k1, k2])), 3);
});

Deno.test("mixRepeats reads a model's counts in any order; a repeated key counts as its last entry", () => {
  const k1 = "0000000a00000001";
  const k2 = "0000000b00000000";
  const repeats = { columns: [], counts: [[k2, 3, 3], ["not a key", 1, 1], [k1, 1, 0], [k2, 1, 0]] as const };
  const probs = Float32Array.of(0.5, 0.5, 0.5);
  assert.equal(mixRepeats(repeats, hashesOf([k1, k2, "0000000000000000"]), probs), 2);
  assert.deepEqual(probs, Float32Array.of(0.25, 0.25, 0.5));
});
