import assert from "node:assert/strict";
import { sortedRows } from "../src/score_sort.ts";
import { Random } from "../src/random.ts";

/** The comparator sort that `sortedRows` stands in for. */
function byComparator(values: ArrayLike<number>, direction: "ascending" | "descending"): number[] {
  const rows = Array.from({ length: values.length }, (_, i) => i);
  return direction === "descending"
    ? rows.sort((a, b) => (values[b]! - values[a]!) || a - b)
    : rows.sort((a, b) => (values[a]! - values[b]!) || a - b);
}

const rng = new Random(7);
const KINDS: Record<string, (n: number) => Float64Array> = {
  // model scores: float32 values widened, as the metrics get them
  float32: (n) => Float64Array.from(Float32Array.from({ length: n }, () => rng.next())),
  // heavy ties
  ties: (n) => Float64Array.from({ length: n }, () => rng.int(7) / 7),
  // both zeros, infinities, subnormals, negatives of every size
  edges: (n) =>
    Float64Array.from(
      { length: n },
      () =>
        [0, -0, Infinity, -Infinity, -rng.next() * 1e10, rng.next() * 1e-300, 5e-324, -5e-324][rng.int(8)]!,
    ),
  signed: (n) => Float64Array.from({ length: n }, () => (rng.next() - 0.5) * 100),
};

for (const [kind, make] of Object.entries(KINDS)) {
  Deno.test(`sortedRows: ${kind} values in the comparator's order, both directions, small and large`, () => {
    for (const n of [0, 1, 2, 63, 64, 65, 1000, 20000]) {
      const values = make(n);
      for (const direction of ["ascending", "descending"] as const) {
        assert.deepEqual(
          [...sortedRows(values, direction)],
          byComparator(values, direction),
          `${n} ${direction}`,
        );
      }
    }
  });
}

Deno.test("sortedRows: with a NaN, the order the metrics' comparator sort of a Uint32Array gave", () => {
  const values = Float64Array.from({ length: 500 }, (_, i) => (i % 50 === 0 ? NaN : rng.next()));
  const before = Uint32Array.from(values.keys()).sort((a, b) => (values[b]! - values[a]!) || a - b);
  assert.deepEqual([...sortedRows(values, "descending")], [...before]);
});

Deno.test("sortedRows: reads plain arrays as well as typed ones", () => {
  const values = Array.from({ length: 300 }, () => rng.int(10));
  assert.deepEqual([...sortedRows(values, "ascending")], byComparator(values, "ascending"));
});
