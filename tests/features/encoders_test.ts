import assert from "node:assert/strict";
import {
  applyScaler,
  encodeVocabularies,
  encodeVocabulary,
  fitScaler,
  fitVocabulary,
  MISSING_TOKEN,
  missingFlags,
} from "../../src/features/encoders.ts";

Deno.test("fitVocabulary pools rare values and keeps frequent missing cells as a value", () => {
  const cells = ["b", "a", "b", null, "a", null, "c", "b"];
  const vocabulary = fitVocabulary("x", cells, 2);
  assert.deepEqual(vocabulary.values, ["b", MISSING_TOKEN, "a"]); // ties broken by value
  assert.deepEqual(Array.from(encodeVocabulary(vocabulary, ["a", "b", null, "c", "never seen"])), [
    3,
    1,
    2,
    0,
    0,
  ]);
});

Deno.test("fitVocabulary does not depend on row order", () => {
  const cells = ["x", "y", "y", "z", "x", "z", "w"];
  assert.deepEqual(fitVocabulary("v", cells, 1), fitVocabulary("v", [...cells].reverse(), 1));
});

Deno.test("fitScaler fills with the median and standardises", () => {
  const scaler = fitScaler("x", [1, null, 3, 2, 10], false);
  assert.equal(scaler.fill, 2.5);
  const out = applyScaler(scaler, [1, null, 3, 2, 10]);
  const mean = out.reduce((a, b) => a + b, 0) / out.length;
  const variance = out.reduce((a, b) => a + (b - mean) ** 2, 0) / out.length;
  assert(Math.abs(mean) < 1e-6, `mean ${mean}`);
  assert(Math.abs(variance - 1) < 1e-5, `variance ${variance}`);
  assert.deepEqual(Array.from(missingFlags([1, null, Number.NaN])), [0, 1, 1]);
});

Deno.test("fitScaler applies log1p and survives a constant or empty column", () => {
  const logged = fitScaler("n", [0, Math.E - 1], true);
  assert(Math.abs(logged.mean - 0.5) < 1e-12);
  const constant = fitScaler("c", [4, 4, 4], false);
  assert.equal(constant.std, 1);
  assert.deepEqual(Array.from(applyScaler(constant, [4, null])), [0, 0]);
  const empty = fitScaler("e", [null, null], false);
  assert.deepEqual(Array.from(applyScaler(empty, [null, 7])), [0, 7]);
});

Deno.test("encodeVocabulary: slices of rows, other columns and other vocabularies each encode as on their own", () => {
  const a = ["x", "y", null, "z", "x", "y", "y"];
  const b = ["z", "z", "x", null, "w", "x", "y"];
  const one = fitVocabulary("c", a, 1);
  const two = fitVocabulary("c", b, 2);
  // what encoding by name gives, with no lookup kept from an earlier call
  const direct = (v: { values: readonly string[] }, cells: readonly (string | null)[], rows: number[]) =>
    rows.map((r) => {
      const cell = cells[r] ?? MISSING_TOKEN;
      return v.values.indexOf(cell) + 1;
    });
  const all = [0, 1, 2, 3, 4, 5, 6];
  for (const [v, cells] of [[one, a], [two, a], [one, b], [two, b]] as const) {
    assert.deepEqual([...encodeVocabulary(v, cells)], direct(v, cells, all));
    assert.deepEqual([...encodeVocabulary(v, cells, [5, 6])], direct(v, cells, [5, 6]));
    assert.deepEqual([...encodeVocabulary(v, cells, [2, 0])], direct(v, cells, [2, 0]));
  }
});

Deno.test("encodeVocabularies writes each column's encodeVocabulary row-major, across tiles of rows", () => {
  const rows = 700; // more than two tiles of 256 rows
  const a = Array.from({ length: rows }, (_, i) => (i % 11 === 0 ? null : `a${i % 7}`));
  const b = Array.from({ length: rows }, (_, i) => `b${(i * 13) % 40}`);
  const va = fitVocabulary("a", a, 2);
  const vb = fitVocabulary("b", b, 18); // half the values kept, half pooled
  const columns = [{ vocabulary: va, cells: a }, { vocabulary: vb, cells: b }];
  for (const subset of [undefined, Uint32Array.from({ length: 300 }, (_, i) => (i * 7) % rows)]) {
    const both = encodeVocabularies(columns, subset);
    const ea = encodeVocabulary(va, a, subset);
    const eb = encodeVocabulary(vb, b, subset);
    assert.equal(both.length, 2 * ea.length);
    assert.deepEqual(Array.from(both), Array.from(ea).flatMap((x, i) => [x, eb[i]!]));
  }
  assert.equal(encodeVocabularies([], undefined).length, 0);
});

Deno.test("a fitted vocabulary encodes its own column as a stored copy of it does (missing token, pooled values)", () => {
  const rows = 300;
  const cells = Array.from(
    { length: rows },
    (_, i) => (i % 13 === 0 ? null : i % 29 === 0 ? MISSING_TOKEN : `v${(i * 7) % 41}`),
  );
  for (const minCount of [1, 5, 8, 30]) {
    const train = Uint32Array.from({ length: 200 }, (_, i) => i);
    const fitted = fitVocabulary("c", cells, minCount, train);
    const stored = JSON.parse(JSON.stringify(fitted)); // not the fitted object: looked up by text
    assert.deepEqual(
      encodeVocabulary(fitted, cells),
      encodeVocabulary(stored, cells),
      `minCount ${minCount}`,
    );
  }
});
