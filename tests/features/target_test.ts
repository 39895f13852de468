import assert from "node:assert/strict";
import { applyTargetStats, fitTargetStats, SMOOTHING } from "../../src/features/target.ts";

const logit = (p: number) => Math.log(p / (1 - p));
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-5, `${a} != ${b}`);

Deno.test("a target encoding is the lightly smoothed rate's logit and log1p of the rows, and records its smoothing", () => {
  // owner a: 3 of 4 converted; b: 0 of 4; prior 3 / 8
  const cells = ["a", "a", "a", "a", "b", "b", "b", "b"];
  const labels = Uint8Array.of(1, 1, 1, 0, 0, 0, 0, 0);
  const stats = fitTargetStats("owner", cells, labels, Uint32Array.from(cells.keys()));
  assert.equal(stats.smoothing, SMOOTHING);
  const out = applyTargetStats(stats, ["a", "b", "new"], [0, 1, 2]);
  const prior = 3 / 8;
  close(out[0]!, logit((3 + SMOOTHING * prior) / (4 + SMOOTHING)));
  close(out[1]!, Math.log1p(4));
  close(out[2]!, logit((0 + SMOOTHING * prior) / (4 + SMOOTHING)));
  // a value never seen in training gets the prior and a count of 0
  close(out[4]!, logit(prior));
  assert.equal(out[5], 0);
  // light smoothing keeps a small history's rate far from the prior
  assert.ok(out[0]! > logit(0.7) && out[2]! < logit(0.05));
});

Deno.test("plans that do not record their smoothing are applied with the 10 they were fitted with", () => {
  // a: 2 of 2 converted, b: 0 of 1; prior 2 / 3
  const stats = fitTargetStats("owner", ["a", "a", "b"], Uint8Array.of(1, 1, 0), [0, 1, 2]);
  const { smoothing: _, ...legacy } = stats;
  const expected = logit((2 + 10 * (2 / 3)) / (2 + 10));
  close(applyTargetStats(legacy, ["a"], [0])[0]!, expected);
  assert.ok(applyTargetStats(stats, ["a"], [0])[0]! > expected + 1);
});

Deno.test("applyTargetStats: slices of rows and other columns encode as on their own", () => {
  const a = ["a", "b", null, "a", "c"];
  const b = ["c", "c", "a", null, "b"];
  const stats = fitTargetStats("t", a, Uint8Array.of(1, 0, 1, 1, 0), [0, 1, 2, 3, 4]);
  const other = fitTargetStats("t", b, Uint8Array.of(0, 1, 1, 0, 1), [0, 1, 2, 3, 4]);
  for (const [s, cells] of [[stats, a], [stats, b], [other, a], [other, b]] as const) {
    const all = applyTargetStats(s, cells, [0, 1, 2, 3, 4]);
    // a fresh copy of the column: nothing remembered for it
    const fresh = applyTargetStats(s, [...cells], [0, 1, 2, 3, 4]);
    assert.deepEqual(all, fresh);
    assert.deepEqual(applyTargetStats(s, cells, [3, 4]), all.slice(6, 10));
    assert.deepEqual(
      applyTargetStats(s, cells, [2, 0]),
      Float32Array.of(...all.slice(4, 6), ...all.slice(0, 2)),
    );
  }
});

Deno.test("target stats: counts sorted by text; the fitted column encodes as a stored copy of its stats does", () => {
  const rows = 400;
  // "\u0000" is a category here, which an empty cell also looks up; values with no training row count 0
  const cells = Array.from(
    { length: rows },
    (_, i) => (i % 17 === 0 ? null : i % 23 === 0 ? "\u0000" : `v${(i * 7) % 31}`),
  );
  const labels = Uint8Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const train = Uint32Array.from({ length: 250 }, (_, i) => i);
  const fitted = fitTargetStats("c", cells, labels, train);
  const texts = fitted.counts.map(([v]) => v);
  assert.deepEqual(texts, [...texts].sort((a, b) => (a < b ? -1 : 1)));
  assert.ok(texts.includes("\u0000"));
  const stored = JSON.parse(JSON.stringify(fitted)); // no longer the fitted object: looked up by text
  const all = Uint32Array.from({ length: rows }, (_, i) => i);
  assert.deepEqual(applyTargetStats(fitted, cells, all), applyTargetStats(stored, cells, all));
  // and on another column with the same texts (a copy of the cells: looked up by text too)
  assert.deepEqual(applyTargetStats(fitted, [...cells], all), applyTargetStats(fitted, cells, all));
});

Deno.test("stored target stats read against few values or against many give the same encodings", () => {
  const counts = [
    ...Array.from({ length: 50 }, (_, i) => [`c${i}`, i + 1, i % 4] as const),
    ["\u0000", 7, 5] as const,
    ["c3", 9, 9] as const, // a repeated key counts as its last entry
  ];
  const stats = { name: "c", prior: 0.2, counts, smoothing: SMOOTHING };
  const few = ["c3", null, "c7", "unseen", "c3", "c49"]; // 5 values against 52 counts
  const many = [...few, ...Array.from({ length: 80 }, (_, i) => `other${i}`)]; // 85 values
  const rows = Uint32Array.from(few.keys());
  assert.deepEqual(applyTargetStats(stats, few, rows), applyTargetStats(stats, many, rows));
});
