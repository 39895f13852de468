import assert from "node:assert/strict";
import {
  bestF1Cut,
  bestF1Threshold,
  cutBetween,
  F1_PLATEAU,
  plateauF1Cut,
  thresholdAfter,
} from "../../src/score/f1_threshold.ts";
import { scoresAt } from "../../src/metrics.ts";
import { Random } from "../../src/random.ts";

function close(actual: number, expected: number, tol = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tol * (1 + Math.abs(expected)), `${actual} != ${expected}`);
}

/** Best F1 over every distinct probability used as the threshold, highest threshold on ties. */
function bruteBest(y: Uint8Array, p: ArrayLike<number>, w?: ArrayLike<number>) {
  const ts = [...new Set(Array.from(p))].sort((a, b) => b - a);
  let best = { t: NaN, f1: -1 };
  for (const t of ts) {
    const f1 = scoresAt(y, p, t, w).f1;
    if (f1 > best.f1 + 1e-12) best = { t, f1 };
  }
  return best;
}

Deno.test("bestF1Threshold by hand", () => {
  const t = bestF1Threshold(new Uint8Array([1, 0, 1, 0, 0]), [0.9, 0.8, 0.7, 0.3, 0.1]);
  assert.deepEqual(t, { threshold: 0.5, f1: 0.8, precision: 2 / 3, recall: 1 });
  // every row positive: the threshold is the lowest score
  const all = bestF1Threshold(new Uint8Array([1, 1, 1]), [0.2, 0.4, 0.2]);
  assert.equal(all.threshold, 0.2);
  assert.equal(all.f1, 1);
  assert.equal(bestF1Threshold(new Uint8Array([1, 1]), [0.2, 0.2]).threshold, 0.2);
});

Deno.test("bestF1Threshold equals brute force over all cuts", () => {
  const rng = new Random(21);
  for (let rep = 0; rep < 40; rep++) {
    const n = 20 + rng.int(300);
    const levels = 2 + rng.int(60);
    const y = new Uint8Array(n), p = new Float64Array(n), w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = rng.next() < 0.25 ? 1 : 0;
      p[i] = Math.min(1, (rng.int(levels) + 2 * y[i]! * rng.next()) / levels);
      w[i] = rng.next() < 0.2 ? 0 : 0.3 + rng.next();
    }
    y[0] = 1;
    w[0] = 1;
    for (const weights of [undefined, w]) {
      const fast = bestF1Threshold(y, p, weights);
      const brute = bruteBest(y, p, weights);
      close(fast.f1, brute.f1, 1e-12);
      // applying the threshold reproduces the reported scores
      const s = scoresAt(y, p, fast.threshold, weights);
      close(s.f1, fast.f1, 1e-12);
      close(s.precision, fast.precision, 1e-12);
      close(s.recall, fast.recall, 1e-12);
    }
  }
});

Deno.test("ties in F1 pick the highest threshold, deterministically", () => {
  // cut after 0.9: tp 1, fp 0, fn 1 -> 2/3; cut after 0.5: tp 2, fp 2, fn 0 -> 2/3
  const y = new Uint8Array([1, 0, 0, 1]);
  const p = [0.9, 0.7, 0.6, 0.5];
  const t = bestF1Threshold(y, p);
  close(t.f1, 2 / 3);
  assert.equal(t.threshold, 0.8);
  assert.deepEqual(bestF1Threshold(y, p), t);
});

Deno.test("cutBetween separates adjacent doubles", () => {
  assert.equal(cutBetween(0.6, 0.4), 0.5);
  const b = 0.3;
  const a = b + Number.EPSILON * 0.25; // the next double above 0.3
  assert.ok(a > b);
  const t = cutBetween(a, b);
  assert.ok(a >= t && !(b >= t));
  assert.equal(cutBetween(1e308, -1e308), 0);
});

Deno.test("bestF1Cut and thresholdAfter", () => {
  assert.deepEqual(bestF1Cut([1, 1, 0], [0, 1, 2]), {
    k: 2,
    tp: 2,
    fp: 1,
    fn: 0,
    f1: 0.8,
    precision: 2 / 3,
    recall: 1,
  });
  assert.equal(thresholdAfter([0.9, 0.5, 0.1], [0.9, 0.5, 0.1], 2), 0.3);
  assert.equal(thresholdAfter([0.9, 0.5, 0.1], [0.9, 0.5, 0.1], 3), 0.1);
  assert.throws(() => thresholdAfter([0.9], [0.9], 2), RangeError);
  assert.throws(() => bestF1Cut([0, 0], [1, 1]), RangeError);
  assert.throws(() => bestF1Cut([], []), RangeError);
});

Deno.test("bestF1Threshold rejects bad arguments", () => {
  assert.throws(() => bestF1Threshold(new Uint8Array([0, 0]), [0.1, 0.2]), RangeError);
  assert.throws(() => bestF1Threshold(new Uint8Array([1, 0]), [0.1]), RangeError);
  assert.throws(() => bestF1Threshold(new Uint8Array(0), []), RangeError);
});

Deno.test("plateauF1Cut takes the cut nearest the middle of the near-best ones", () => {
  const scores = [0.9, 0.75, 0.6, 0.45, 0.3, 0.15];
  const pos = [0, 1, 0, 1, 0, 1];
  const neg = [1, 0, 1, 0, 1, 0];
  // F1 by cut: 0, 0.4, 0.33, 0.57, 0.5, 0.67; within 0.17 of the best: cuts 4, 5 and 6, whose thresholds
  // 0.375, 0.225 and 0.15 have log-odds -0.51, -1.24 and -1.73: the middle, -1.12, is nearest cut 5
  assert.equal(bestF1Cut(pos, neg).k, 6);
  const cut = plateauF1Cut(pos, neg, scores, scores, 0.17);
  assert.equal(cut.k, 5);
  close(cut.f1, 0.5);
  assert.deepEqual(plateauF1Cut(pos, neg, scores, scores, 0), bestF1Cut(pos, neg));
  assert.throws(() => plateauF1Cut(pos, neg, scores, scores, -0.1), RangeError);
  assert.throws(() => plateauF1Cut(pos, neg, scores, scores.slice(1), 0.1), RangeError);
});

Deno.test("plateauF1Cut equals a brute-force reading of the rule, and its threshold reproduces its scores", () => {
  const rng = new Random(5);
  const logit = (t: number) => Math.log(t / (1 - t));
  for (let rep = 0; rep < 40; rep++) {
    const n = 50 + rng.int(400);
    const y = new Uint8Array(n), p = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = rng.next() < 0.2 ? 1 : 0;
      p[i] = Math.min(0.999, Math.max(0.001, (rng.int(200) + 80 * y[i]! * rng.next()) / 300));
    }
    y[0] = 1;
    const choice = bestF1Threshold(y, p, undefined, F1_PLATEAU * 4);
    // brute force: every distinct score as the threshold
    const ts = [...new Set(Array.from(p))].sort((a, b) => b - a);
    const f1s = ts.map((t) => scoresAt(y, p, t).f1);
    const best = Math.max(...f1s);
    const near = ts.filter((_, i) => f1s[i]! >= best - F1_PLATEAU * 4);
    assert.ok(choice.f1 >= best - F1_PLATEAU * 4 - 1e-12);
    const s = scoresAt(y, p, choice.threshold);
    close(s.f1, choice.f1);
    close(s.precision, choice.precision);
    // the chosen cut is the plateau cut nearest the middle of the plateau's thresholds (cuts sit
    // between distinct scores, so compare the row sets: the same rows as the brute force's nearest score)
    const cuts = near.map((t) => {
      const below = ts[ts.indexOf(t) + 1];
      return below === undefined ? t : cutBetween(t, below);
    });
    const middle = (logit(cuts[0]!) + logit(cuts[cuts.length - 1]!)) / 2;
    let nearest = cuts[0]!;
    for (const c of cuts) if (Math.abs(logit(c) - middle) < Math.abs(logit(nearest) - middle)) nearest = c;
    assert.equal(choice.threshold, nearest);
  }
});
