import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { segmentsOf, TOP_VALUES, valueRatesOf } from "../../src/report/data.ts";
import { Random } from "../../src/random.ts";

// cells that trim to one value, blanks, a literal "(empty)", and more values than the report shows
const POOL = [
  "AS",
  " AS",
  "AS ",
  "ID",
  "",
  "  ",
  "(empty)",
  "it",
  "It",
  "é",
  ...Array.from({ length: 12 }, (_, i) => `v${i}`),
];

function cellsOf(rng: Random, n: number): (string | null)[] {
  return Array.from({ length: n }, () => (rng.next() < 0.1 ? null : POOL[rng.int(POOL.length)]!));
}

/** The most frequent values, counted row by row as the report describes them. */
function reference(cells: readonly (string | null)[], rows: readonly number[], empty: string | null) {
  const stats = new Map<string, [number, number]>();
  rows.forEach((r, i) => {
    const value = cells[r]?.trim() || empty;
    if (value === null) return;
    const s = stats.get(value) ?? [0, 0];
    s[0]++;
    s[1] += i % 3 === 0 ? 1 : 0;
    stats.set(value, s);
  });
  return [...stats].sort((a, b) => b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_VALUES);
}

Deno.test("valueRatesOf: the most frequent trimmed values, empty and blank cells as (empty), ties by value", () => {
  const rng = new Random(5);
  const cells = cellsOf(rng, 600);
  // some rows twice, some never, as the out-of-fold rows of known customers
  const rows = Array.from({ length: 700 }, () => rng.int(600));
  const labels = Uint8Array.from(rows, (_, i) => (i % 3 === 0 ? 1 : 0));
  const rates = valueRatesOf(cells, Uint32Array.from(rows), labels);
  assert.deepEqual(
    rates,
    reference(cells, rows, "(empty)").map(([value, [n, p]]) => ({ value, rows: n, positives: p })),
  );
});

Deno.test("segmentsOf: each prediction's segment by the most frequent trimmed values, -1 for any other", () => {
  const rng = new Random(6);
  const unit = cellsOf(rng, 500);
  const frame = pl.DataFrame({ business_unit: unit }, { schema: { business_unit: pl.Utf8 } });
  const rows = Array.from({ length: 520 }, () => rng.int(500));
  const [segment] = segmentsOf(frame, rows);
  const values = reference(unit, rows, null).map(([value]) => value);
  assert.equal(segment!.name, "business unit");
  assert.deepEqual(segment!.values, values);
  assert.deepEqual(segment!.codes, rows.map((r) => values.indexOf(unit[r]?.trim() || "\u0000")));
});

Deno.test("valueRatesOf: among many values of equal count, the first by text; counts above win", () => {
  const rng = new Random(9);
  // 40 values three times each, in a shuffled order, and two more frequent ones
  const cells = [
    ...Array.from({ length: 120 }, (_, i) => `k${(i * 17) % 40}`),
    "z",
    "z",
    "z",
    "z",
    "y",
    "y",
    "y",
    "y",
  ];
  const rows = Array.from(cells.keys());
  rng.shuffle(rows);
  const labels = Uint8Array.from(rows, (_, i) => (i % 3 === 0 ? 1 : 0));
  const rates = valueRatesOf(cells, Uint32Array.from(rows), labels);
  assert.deepEqual(
    rates,
    reference(cells, rows, "(empty)").map(([value, [n, p]]) => ({ value, rows: n, positives: p })),
  );
  assert.deepEqual(rates.slice(0, 3).map((r) => r.value), ["y", "z", "k0"]);
});
