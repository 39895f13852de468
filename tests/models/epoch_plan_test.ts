import assert from "node:assert/strict";
import { EpochPlanner } from "../../src/models/epoch_plan.ts";
import { Random } from "../../src/random.ts";

Deno.test("plans without segments shuffle and batch as plans with them, for every epoch", () => {
  const rng = new Random(8);
  const rows = 101;
  const c = 3;
  const labels = Uint8Array.from({ length: rows }, () => (rng.next() < 0.3 ? 1 : 0));
  const cat = Uint32Array.from({ length: rows * c }, () => rng.int(7));
  const full = new EpochPlanner(labels, cat, c, 16, 2.5);
  const lean = new EpochPlanner(labels, cat, c, 16, 2.5, false);
  const rngA = new Random(5);
  const rngB = new Random(5);
  for (let epoch = 0; epoch < 3; epoch++) {
    const a = full.plan(rngA);
    const b = lean.plan(rngB);
    assert.deepEqual(Array.from(b.perm), Array.from(a.perm), `perm of epoch ${epoch}`);
    assert.equal(b.batches.length, 7);
    b.batches.forEach((batch, i) => {
      const { start, rows, invWeightSum } = a.batches[i]!;
      assert.deepEqual({ start: batch.start, rows: batch.rows, invWeightSum: batch.invWeightSum }, {
        start,
        rows,
        invWeightSum,
      });
      assert.equal(batch.segCount, 0);
    });
    assert.ok(a.rowCount > 0);
    assert.equal(b.rowCount, 0);
    assert.equal(b.seg.seg.length, 0);
  }
});
