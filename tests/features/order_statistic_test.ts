import assert from "node:assert/strict";
import { kthSmallest } from "../../src/features/order_statistic.ts";
import { Random } from "../../src/random.ts";

Deno.test("kthSmallest is the sorted array's k-th value, zero signs and ties included", () => {
  const random = new Random(9);
  const pools = [[-2, -0, 0, 0.5, 3], [1, 1, 1], [-0, 0], [7]];
  for (let trial = 0; trial < 300; trial++) {
    const n = 1 + Math.floor(random.next() * 40);
    const pool = pools[trial % pools.length]!;
    const values = Float64Array.from(
      { length: n },
      () => trial % 5 === 4 ? random.normal() : pool[Math.floor(random.next() * pool.length)]!,
    );
    const sorted = values.slice().sort();
    for (let k = 0; k < n; k++) {
      const got = kthSmallest(values.slice(), k);
      assert.ok(Object.is(got, sorted[k]), `k ${k} of [${Array.from(values)}]: ${got} vs ${sorted[k]}`);
    }
  }
  assert.throws(() => kthSmallest(Float64Array.of(1), 1), RangeError);
});
