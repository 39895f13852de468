import assert from "node:assert/strict";
import { EpochPlanner } from "../../src/models/epoch_plan.ts";
import { Random } from "../../src/random.ts";
import { segmentsPerBatch } from "../../src/models/gpu_chunks.ts";

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

Deno.test("no batch has more segments than segmentsPerBatch allows (the GPU sizes its buffers by it)", () => {
  const rng = new Random(3);
  const rows = 250;
  // a column of 2 values, one of 9, and an id-like one with more values than a batch has rows
  const sizes = [2, 9, 400];
  const labels = Uint8Array.from({ length: rows }, () => (rng.next() < 0.3 ? 1 : 0));
  const cat = Uint32Array.from({ length: rows * sizes.length }, (_, i) => rng.int(sizes[i % sizes.length]!));
  const planner = new EpochPlanner(labels, cat, sizes.length, 32, 1);
  const bound = segmentsPerBatch(sizes, 32);
  assert.equal(bound, 2 + 9 + 32);
  let most = 0;
  for (let epoch = 0; epoch < 5; epoch++) {
    const plan = planner.plan(rng);
    for (const batch of plan.batches) {
      assert.ok(batch.segCount <= segmentsPerBatch(sizes, batch.rows), `a batch of ${batch.rows} rows`);
      most = Math.max(most, batch.segCount);
    }
    const total = plan.batches.reduce((n, b) => n + b.segCount, 0);
    assert.ok(total <= Math.ceil(rows / 32) * bound);
  }
  assert.ok(most >= bound - 3, `the bound is nearly reached here (${most} of ${bound})`);
});
