import assert from "node:assert/strict";
import {
  confusionAt,
  distinctScores,
  f1Score,
  logLoss,
  prAuc,
  precision,
  recall,
  rocAuc,
  scoresAt,
} from "../src/metrics.ts";
import { Random } from "../src/random.ts";

function close(actual: number, expected: number, tol = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tol * (1 + Math.abs(expected)), `${actual} != ${expected}`);
}

/** Pairwise ROC-AUC, ties one half. */
function bruteAuc(y: Uint8Array, p: ArrayLike<number>, w?: ArrayLike<number>): number {
  let num = 0, P = 0, N = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    if (y[i] === 1) P += wi;
    else N += wi;
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      const wj = w ? w[j]! : 1;
      num += wi * wj * (p[i]! > p[j]! ? 1 : p[i] === p[j] ? 0.5 : 0);
    }
  }
  return num / (P * N);
}

/** Average precision from confusionAt at every distinct threshold, highest first. */
function bruteAp(y: Uint8Array, p: ArrayLike<number>, w?: ArrayLike<number>): number {
  const ts = [...new Set(Array.from(p))].sort((a, b) => b - a);
  let ap = 0, prevRecall = 0;
  for (const t of ts) {
    const s = scoresAt(y, p, t, w);
    ap += (s.recall - prevRecall) * s.precision;
    prevRecall = s.recall;
  }
  return ap;
}

function randomCase(rng: Random, n: number, levels: number) {
  const y = new Uint8Array(n);
  const p = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.next() < 0.3 ? 1 : 0;
    p[i] = (rng.int(levels) + y[i]! * rng.int(3)) / (levels + 3); // many ties, some signal
    w[i] = rng.int(4) === 0 ? 0 : 0.5 + rng.next();
  }
  y[0] = 1;
  y[1] = 0;
  w[0] = 1;
  w[1] = 1;
  return { y, p, w };
}

Deno.test("confusion and scores at a threshold, hand computed", () => {
  const y = new Uint8Array([1, 0, 1, 0, 1, 0]);
  const p = [0.9, 0.6, 0.4, 0.1, 0.5, 0.5];
  assert.deepEqual(confusionAt(y, p, 0.5), { tp: 2, fp: 2, fn: 1, tn: 1 });
  const s = scoresAt(y, p, 0.5);
  close(s.precision, 0.5);
  close(s.recall, 2 / 3);
  close(s.f1, 4 / 7);
  close(f1Score(y, p, 0.5), 4 / 7);
  close(precision(y, p), 0.5);
  close(recall(y, p), 2 / 3);
  // weights: row 1 (fp) counts 3 times, row 2 (fn) counts 0
  const w = [1, 3, 0, 1, 1, 1];
  assert.deepEqual(confusionAt(y, p, 0.5, w), { tp: 2, fp: 4, fn: 0, tn: 1 });
  close(f1Score(y, p, 0.5, w), 4 / 8);
});

Deno.test("zero denominators give zero scores", () => {
  const s = scoresAt(new Uint8Array([0, 0]), [0.2, 0.3], 0.5);
  assert.deepEqual(s, { tp: 0, fp: 0, fn: 0, tn: 2, precision: 0, recall: 0, f1: 0 });
  assert.equal(f1Score(new Uint8Array([1, 0]), [0.1, 0.9]), 0);
});

Deno.test("distinctScores groups ties highest first", () => {
  const g = distinctScores(new Uint8Array([1, 0, 1, 0]), [0.5, 0.5, 0.9, 0.1], [2, 1, 1, 1]);
  assert.deepEqual(Array.from(g.values), [0.9, 0.5, 0.1]);
  assert.deepEqual(Array.from(g.pos), [1, 2, 0]);
  assert.deepEqual(Array.from(g.neg), [0, 1, 1]);
});

Deno.test("rocAuc and prAuc on hand-computed cases", () => {
  const y = new Uint8Array([0, 0, 1, 1]);
  const p = [0.1, 0.4, 0.35, 0.8];
  close(rocAuc(y, p), 0.75); // scikit-learn's documented example
  close(prAuc(y, p), 5 / 6);
  // a tie between a positive and a negative counts one half
  const yt = new Uint8Array([1, 0, 1, 0]);
  const pt = [0.5, 0.5, 0.9, 0.1];
  close(rocAuc(yt, pt), 3.5 / 4);
  close(prAuc(yt, pt), 0.5 * 1 + 0.5 * (2 / 3));
  close(rocAuc(new Uint8Array([1, 0]), [0.3, 0.3]), 0.5);
  close(rocAuc(new Uint8Array([1, 0]), [0.2, 0.3]), 0);
  close(prAuc(new Uint8Array([1, 0, 0]), [0.9, 0.5, 0.1]), 1);
});

Deno.test("rocAuc and prAuc match brute force, with and without weights", () => {
  const rng = new Random(11);
  for (let rep = 0; rep < 20; rep++) {
    const { y, p, w } = randomCase(rng, 30 + rng.int(150), 2 + rng.int(40));
    close(rocAuc(y, p), bruteAuc(y, p), 1e-12);
    close(prAuc(y, p), bruteAp(y, p), 1e-12);
    close(rocAuc(y, p, w), bruteAuc(y, p, w), 1e-12);
    close(prAuc(y, p, w), bruteAp(y, p, w), 1e-12);
  }
});

Deno.test("integer weights equal repeated rows", () => {
  const y = new Uint8Array([1, 0, 1, 0, 0, 1]);
  const p = [0.7, 0.7, 0.2, 0.4, 0.1, 0.9];
  const w = [2, 1, 3, 1, 2, 1];
  const ry: number[] = [], rp: number[] = [];
  for (let i = 0; i < y.length; i++) {
    for (let c = 0; c < w[i]!; c++) {
      ry.push(y[i]!);
      rp.push(p[i]!);
    }
  }
  const yy = new Uint8Array(ry);
  close(rocAuc(y, p, w), rocAuc(yy, rp));
  close(prAuc(y, p, w), prAuc(yy, rp));
  close(logLoss(y, p, w), logLoss(yy, rp));
  close(f1Score(y, p, 0.5, w), f1Score(yy, rp, 0.5));
});

Deno.test("logLoss by hand, clipped", () => {
  close(logLoss(new Uint8Array([1, 0]), [0.5, 0.5]), Math.LN2);
  close(
    logLoss(new Uint8Array([1, 0, 1]), [0.8, 0.3, 0.6]),
    -(Math.log(0.8) + Math.log(0.7) + Math.log(0.6)) / 3,
  );
  close(logLoss(new Uint8Array([1, 0]), [0.8, 0.3], [3, 1]), -(3 * Math.log(0.8) + Math.log(0.7)) / 4);
  close(logLoss(new Uint8Array([1]), [0]), -Math.log(1e-15), 1e-9);
  assert.ok(Number.isFinite(logLoss(new Uint8Array([0]), [1])));
  close(logLoss(new Uint8Array([1]), [0], undefined, 1e-3), -Math.log(1e-3), 1e-9);
});

Deno.test("bad arguments throw", () => {
  const y = new Uint8Array([1, 0]);
  assert.throws(() => rocAuc(y, [0.1]), RangeError);
  assert.throws(() => prAuc(new Uint8Array(0), []), RangeError);
  assert.throws(() => f1Score(new Uint8Array([2, 0]), [0.1, 0.2]), RangeError);
  assert.throws(() => logLoss(y, [NaN, 0.2]), RangeError);
  assert.throws(() => logLoss(y, [1.5, 0.2]), RangeError);
  assert.throws(() => scoresAt(y, [0.1, 0.2], 0.5, [1, -1]), RangeError);
  assert.throws(() => scoresAt(y, [0.1, 0.2], 0.5, [0, 0]), RangeError);
  assert.throws(() => scoresAt(y, [0.1, 0.2], 0.5, [1]), RangeError);
  assert.throws(() => rocAuc(new Uint8Array([1, 1]), [0.1, 0.2]), RangeError);
  assert.throws(() => prAuc(new Uint8Array([0, 0]), [0.1, 0.2]), RangeError);
  assert.throws(() => rocAuc([1, 0] as unknown as Uint8Array, [0.1, 0.2]), TypeError);
});

Deno.test("metrics are deterministic and ignore row order", () => {
  const rng = new Random(5);
  const { y, p, w } = randomCase(rng, 200, 10);
  const perm = rng.shuffle(Uint32Array.from({ length: 200 }, (_, i) => i));
  const y2 = new Uint8Array(200), p2 = new Float64Array(200), w2 = new Float64Array(200);
  for (let i = 0; i < 200; i++) {
    y2[i] = y[perm[i]!]!;
    p2[i] = p[perm[i]!]!;
    w2[i] = w[perm[i]!]!;
  }
  assert.equal(rocAuc(y, p, w), rocAuc(y, p, w));
  close(rocAuc(y, p, w), rocAuc(y2, p2, w2));
  close(prAuc(y, p, w), prAuc(y2, p2, w2));
});
