import assert from "node:assert/strict";
import {
  foldIndices,
  groupedStratifiedFolds,
  seenCustomerRows,
  stratifiedFolds,
} from "../../src/train/cv.ts";
import { Random } from "../../src/random.ts";

/** A skewed table: one huge all-positive customer plus many small ones with a low positive rate. */
function skewedCase(seed: number) {
  const rng = new Random(seed);
  const labels: number[] = [];
  const groups: (string | number)[] = [];
  for (let i = 0; i < 1200; i++) {
    labels.push(1);
    groups.push(25096);
  }
  let g = 0;
  while (labels.length < 25000) {
    const size = 1 + Math.floor(-Math.log(1 - rng.next()) * 4); // geometric-ish, mean about 4.5
    const rate = rng.next() < 0.2 ? 0.25 : 0.02;
    for (let j = 0; j < size; j++) {
      labels.push(rng.next() < rate ? 1 : 0);
      groups.push(`c${g}`);
    }
    g++;
  }
  // interleave so groups are not contiguous
  const order = rng.shuffle(Uint32Array.from({ length: labels.length }, (_, i) => i));
  return {
    labels: Uint8Array.from(order, (i) => labels[i]!),
    groups: Array.from(order, (i) => groups[i]!),
  };
}

function tally(labels: Uint8Array, folds: Int32Array, k: number) {
  const rows = new Array<number>(k).fill(0);
  const pos = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) {
    assert.ok(folds[i]! >= 0 && folds[i]! < k, `row ${i} has fold ${folds[i]}`);
    rows[folds[i]!]!++;
    pos[folds[i]!]! += labels[i]!;
  }
  return { rows, pos, neg: rows.map((r, f) => r - pos[f]!) };
}

Deno.test("stratifiedFolds balances rows and positives within one", () => {
  const rng = new Random(3);
  const labels = Uint8Array.from({ length: 1003 }, () => (rng.next() < 0.09 ? 1 : 0));
  for (const k of [2, 5, 7]) {
    const folds = stratifiedFolds(labels, k, 42);
    const t = tally(labels, folds, k);
    assert.ok(Math.max(...t.rows) - Math.min(...t.rows) <= 1, `rows ${t.rows}`);
    assert.ok(Math.max(...t.pos) - Math.min(...t.pos) <= 1, `positives ${t.pos}`);
    assert.deepEqual(stratifiedFolds(labels, k, 42), folds);
    assert.notDeepEqual(stratifiedFolds(labels, k, 43), folds);
  }
});

Deno.test("groupedStratifiedFolds keeps groups whole and balances a skewed table", () => {
  const { labels, groups } = skewedCase(1);
  const k = 5;
  const folds = groupedStratifiedFolds(labels, groups, k, 2024);
  const foldOf = new Map<string | number, number>();
  let maxSize = 0, maxPos = 0;
  const size = new Map<string | number, number>(), pos = new Map<string | number, number>();
  for (let i = 0; i < labels.length; i++) {
    const g = groups[i]!;
    const seen = foldOf.get(g);
    if (seen === undefined) foldOf.set(g, folds[i]!);
    else assert.equal(folds[i], seen, `group ${g} is split`);
    if (g !== 25096) {
      size.set(g, (size.get(g) ?? 0) + 1);
      pos.set(g, (pos.get(g) ?? 0) + labels[i]!);
      maxSize = Math.max(maxSize, size.get(g)!);
      maxPos = Math.max(maxPos, pos.get(g)!);
    }
  }
  const t = tally(labels, folds, k);
  const huge = foldOf.get(25096)!;
  const N = labels.length - t.pos.reduce((a, b) => a + b);
  // negatives are even across all folds, within one small group
  for (let f = 0; f < k; f++) assert.ok(Math.abs(t.neg[f]! - N / k) <= maxSize, `negatives ${t.neg}`);
  // the other positives are spread evenly over the folds without the huge customer
  const others = t.pos.filter((_, f) => f !== huge);
  assert.ok(Math.max(...others) - Math.min(...others) <= 2 * maxPos, `positives ${t.pos}`);
  assert.ok(t.pos[huge]! >= 1200 && t.pos[huge]! <= 1200 + maxPos, `positives ${t.pos}`);
  // and so are the rows of those folds
  const otherRows = t.rows.filter((_, f) => f !== huge);
  assert.ok(Math.max(...otherRows) - Math.min(...otherRows) <= 2 * maxSize, `rows ${t.rows}`);
  // same seed, same folds; another seed, other folds
  assert.deepEqual(groupedStratifiedFolds(labels, groups, k, 2024), folds);
  assert.notDeepEqual(groupedStratifiedFolds(labels, groups, k, 2025), folds);
});

Deno.test("groupedStratifiedFolds uses every fold and accepts numeric groups", () => {
  const labels = new Uint8Array([1, 0, 0, 1, 0, 0, 1, 0]);
  const groups = [7, 7, 8, 9, 9, 10, 11, 12];
  const folds = groupedStratifiedFolds(labels, groups, 3, 1);
  const t = tally(labels, folds, 3);
  assert.ok(t.rows.every((r) => r > 0), `rows ${t.rows}`);
  assert.equal(folds[0], folds[1]);
  assert.equal(folds[3], folds[4]);
  // one group per row reduces to a stratified split
  const rng = new Random(9);
  const y = Uint8Array.from({ length: 500 }, () => (rng.next() < 0.2 ? 1 : 0));
  const f2 = groupedStratifiedFolds(y, Array.from(y, (_, i) => i), 4, 5);
  const t2 = tally(y, f2, 4);
  assert.ok(Math.max(...t2.pos) - Math.min(...t2.pos) <= 1, `positives ${t2.pos}`);
  assert.ok(Math.max(...t2.rows) - Math.min(...t2.rows) <= 2, `rows ${t2.rows}`);
});

Deno.test("foldIndices partitions the rows", () => {
  const folds = new Int32Array([0, 1, 2, 1, 0, 2, 2]);
  const { train, valid } = foldIndices(folds, 2);
  assert.deepEqual(Array.from(valid), [2, 5, 6]);
  assert.deepEqual(Array.from(train), [0, 1, 3, 4]);
  assert.throws(() => foldIndices(folds, 3), RangeError);
  assert.throws(() => foldIndices(folds, -1), RangeError);
});

Deno.test("fold makers reject bad arguments", () => {
  const y = new Uint8Array([1, 0, 1, 0]);
  assert.throws(() => stratifiedFolds(y, 1, 0), RangeError);
  assert.throws(() => stratifiedFolds(y, 5, 0), RangeError);
  assert.throws(() => stratifiedFolds(new Uint8Array([3, 0]), 2, 0), RangeError);
  assert.throws(() => groupedStratifiedFolds(y, ["a", "a", "b", "b"], 3, 0), RangeError);
  assert.throws(() => groupedStratifiedFolds(y, ["a", "b"], 2, 0), RangeError);
  assert.throws(() => groupedStratifiedFolds([1, 0] as unknown as Uint8Array, ["a", "b"], 2, 0), TypeError);
});

Deno.test("seenCustomerRows picks one row each of known multi-lead customers, up to the share", () => {
  const rng = new Random(3);
  const groups = Array.from({ length: 2000 }, () => `c${rng.int(300)}`);
  const labels = Uint8Array.from(groups, () => (rng.next() < 0.2 ? 1 : 0));
  const folds = groupedStratifiedFolds(labels, groups, 4, 9);
  for (let f = 0; f < 4; f++) {
    const picked = seenCustomerRows(folds, groups, f, 0.23, 5);
    const valid = foldIndices(folds, f).valid.length;
    assert(Math.abs(picked.length / (picked.length + valid) - 0.23) < 0.01, `${picked.length} of ${valid}`);
    const customers = picked.map((i) => Number(groups[i]!.slice(1)));
    assert.equal(new Set(customers).size, picked.length, "one row per customer");
    for (const i of picked) {
      assert.notEqual(folds[i], f, "a picked row comes from the training side");
      const others = groups.filter((g, j) => g === groups[i] && folds[j] !== f).length;
      assert(others >= 2, "its customer keeps a row in training");
    }
    assert.deepEqual(picked, seenCustomerRows(folds, groups, f, 0.23, 5), "same seed, same rows");
  }
  assert.notDeepEqual(
    seenCustomerRows(folds, groups, 0, 0.23, 5),
    seenCustomerRows(folds, groups, 0, 0.23, 6),
  );
  // without multi-lead customers there is nothing to pick
  assert.equal(seenCustomerRows(new Int32Array([0, 1, 1]), ["a", "b", "c"], 0, 0.5, 1).length, 0);
  assert.throws(() => seenCustomerRows(folds, groups, 0, 1, 1), RangeError);
});
