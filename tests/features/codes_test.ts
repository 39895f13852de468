import assert from "node:assert/strict";
import { codesOf, rememberCodes } from "../../src/features/codes.ts";
import { encodeVocabulary, fitVocabulary, MISSING_TOKEN } from "../../src/features/encoders.ts";
import { applyTargetStats, fitTargetStats, outOfFoldTargetEncoding } from "../../src/features/target.ts";
import { Random } from "../../src/random.ts";

// The string-keyed implementations the coded ones replaced: the reference they must equal bit for bit.
function vocabularyByString(cells: readonly (string | null)[], rows: ArrayLike<number>, minCount: number) {
  const counts = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const key = cells[rows[i]!] ?? MISSING_TOKEN;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([v]) => v);
}

function targetCountsByString(
  cells: readonly (string | null)[],
  labels: Uint8Array,
  rows: ArrayLike<number>,
) {
  const counts = new Map<string, [number, number]>();
  for (let i = 0; i < rows.length; i++) {
    const key = cells[rows[i]!];
    if (key === null || key === undefined) continue;
    const c = counts.get(key) ?? [0, 0];
    c[0]++;
    c[1] += labels[rows[i]!]!;
    counts.set(key, c);
  }
  return [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, [n, p]]) => [k, n, p]);
}

/** A random column over a small pool that holds the missing token and "\u0000" as real values. */
function column(random: Random, n: number): (string | null)[] {
  const pool = ["a", "b", "c", "d", MISSING_TOKEN, "\u0000", "Z", "é"];
  return Array.from({ length: n }, () => {
    const u = random.next();
    return u < 0.15 ? null : pool[Math.floor(u * u * pool.length)]!;
  });
}

Deno.test("codesOf gives each distinct cell one code and -1 for empty cells", () => {
  const cells = ["x", null, "y", "x", null];
  const { codes, values } = codesOf(cells);
  assert.deepEqual(Array.from(codes), [0, -1, 1, 0, -1]);
  assert.deepEqual(values, ["x", "y"]);
  assert.equal(codesOf(cells), codesOf(cells), "computed once per column");
  const other = ["q", "q"];
  rememberCodes(other, { codes: Int32Array.of(0, 0), values: ["q"] });
  assert.deepEqual(codesOf(other).values, ["q"]);
});

Deno.test("vocabularies and target encodings by code equal the string-keyed ones on random columns", () => {
  const random = new Random(11);
  for (let trial = 0; trial < 40; trial++) {
    const n = 1 + Math.floor(random.next() * 300);
    const cells = column(random, n);
    const labels = Uint8Array.from({ length: n }, () => (random.next() < 0.3 ? 1 : 0));
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter(() => random.next() < 0.7);
    const other = Uint32Array.from({ length: n }, (_, i) => i).filter((r) => !rows.includes(r));
    const minCount = 1 + Math.floor(random.next() * 5);
    const vocabulary = fitVocabulary("x", cells, minCount, rows);
    assert.deepEqual(vocabulary.values, vocabularyByString(cells, rows, minCount));
    const index = new Map(vocabulary.values.map((v, i) => [v, i + 1]));
    assert.deepEqual(
      Array.from(encodeVocabulary(vocabulary, cells, other)),
      Array.from(other, (r) => index.get(cells[r] ?? MISSING_TOKEN) ?? 0),
    );
    assert.deepEqual(
      Array.from(encodeVocabulary(vocabulary, cells)),
      Array.from(encodeVocabulary(vocabulary, [...cells])),
    );
    const stats = fitTargetStats("x", cells, labels, rows);
    assert.deepEqual(stats.counts, targetCountsByString(cells, labels, rows));
    // applying the stats: a cell's counts, or none; an empty cell looks up "\u0000"
    const byKey = new Map(stats.counts.map(([k, c, p]) => [k, [c, p]]));
    const applied = applyTargetStats(stats, cells, other);
    other.forEach((r, i) => {
      const [c, p] = byKey.get(cells[r] ?? "\u0000") ?? [0, 0];
      const expected = applyTargetStats({ ...stats, counts: [["k", c!, p!]] }, ["k"], [0]);
      assert.deepEqual([applied[2 * i], applied[2 * i + 1]], [expected[0], expected[1]]);
    });
    // out of fold: each training row encoded with the other inner folds' counts, string-keyed
    const fold = new Uint8Array(rows.length).map((_, i) => i % 5);
    new Random(trial).shuffle(fold);
    const oof = outOfFoldTargetEncoding(cells, labels, rows, trial);
    rows.forEach((r, i) => {
      const key = cells[r];
      let c = 0, p = 0;
      rows.forEach((q, j) => {
        if (key !== null && cells[q] === key && fold[j] !== fold[i]) (c++, p += labels[q]!);
      });
      const expected = applyTargetStats({ ...stats, counts: [["k", c, p]] }, ["k"], [0]);
      assert.deepEqual([oof[2 * i], oof[2 * i + 1]], [expected[0], expected[1]]);
    });
  }
});
