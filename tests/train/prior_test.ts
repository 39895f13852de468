import assert from "node:assert/strict";
import {
  adjustProbsToPrior,
  adjustToPrior,
  summarizeOof,
  thresholdForPriorFromSummary,
  topShareThreshold,
} from "../../src/score/prior_shift.ts";
import { priorWeights, thresholdForPrior } from "../../src/train/prior.ts";
import { bestF1Threshold } from "../../src/score/f1_threshold.ts";
import { scoresAt } from "../../src/metrics.ts";
import { Random } from "../../src/random.ts";

function close(actual: number, expected: number, tol = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tol * (1 + Math.abs(expected)), `${actual} != ${expected}`);
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Rows drawn at `prior` from score ~ N(+1, 1) for positives and N(-1, 1) for negatives, with the
 * probability a model calibrated at `calibrated` would give: sigmoid(2 s + logit(calibrated)).
 */
function draw(rng: Random, n: number, prior: number, calibrated: number) {
  const labels = new Uint8Array(n);
  const probs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = rng.next() < prior ? 1 : 0;
    const s = rng.normal() + (labels[i] === 1 ? 1 : -1);
    probs[i] = sigmoid(2 * s + logit(calibrated));
  }
  return { labels, probs };
}

Deno.test("adjustToPrior is Bayes' rule on the odds", () => {
  close(adjustToPrior(0.5, 0.1, 0.5), 0.9);
  close(adjustToPrior(0.3, 0.2, 0.2), 0.3);
  assert.equal(adjustToPrior(0, 0.1, 0.5), 0);
  assert.equal(adjustToPrior(1, 0.1, 0.5), 1);
  // odds scale by (0.33 / 0.67) / (0.09 / 0.91)
  const p = 0.2;
  const odds = (p / (1 - p)) * (0.33 / 0.67) / (0.09 / 0.91);
  close(adjustToPrior(p, 0.09, 0.33), odds / (1 + odds));
  close(adjustToPrior(adjustToPrior(p, 0.09, 0.33), 0.33, 0.09), p);
  assert.deepEqual(Array.from(adjustProbsToPrior([0.5, 0], 0.1, 0.5)), [adjustToPrior(0.5, 0.1, 0.5), 0]);
  assert.throws(() => adjustToPrior(0.5, 0, 0.5), RangeError);
  assert.throws(() => adjustToPrior(0.5, 0.1, 1), RangeError);
  assert.throws(() => adjustToPrior(1.2, 0.1, 0.5), RangeError);
});

Deno.test("priorWeights give positives the test prior's share", () => {
  const labels = new Uint8Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
  const w = priorWeights(labels, 0.33);
  let pos = 0, all = 0;
  for (let i = 0; i < labels.length; i++) {
    all += w[i]!;
    if (labels[i] === 1) pos += w[i]!;
  }
  close(pos / all, 0.33);
  close(all, labels.length);
  close(w[0]!, 0.33 / 0.2);
  close(w[1]!, 0.67 / 0.8);
  assert.throws(() => priorWeights(new Uint8Array([0, 0]), 0.5), RangeError);
  assert.throws(() => priorWeights(new Uint8Array([1, 0]), 0), RangeError);
});

Deno.test("thresholdForPrior is the F1 search over adjusted, reweighted rows", () => {
  const { labels, probs } = draw(new Random(1), 3000, 0.1, 0.1);
  for (const target of [0.05, 0.1, 0.33, 0.6]) {
    const t = thresholdForPrior(labels, probs, 0.1, target);
    const literal = bestF1Threshold(
      labels,
      adjustProbsToPrior(probs, 0.1, target),
      priorWeights(labels, target),
    );
    close(t.f1, literal.f1, 1e-12);
    close(t.precision, literal.precision, 1e-12);
    close(t.recall, literal.recall, 1e-12);
    close(t.threshold, literal.threshold, 1e-12);
    // both scales make the same split
    const onRaw = scoresAt(labels, probs, t.rawThreshold, priorWeights(labels, target));
    close(onRaw.f1, t.f1, 1e-12);
  }
  // the summary of a small table is exact, so the two agree to the bit
  const small = draw(new Random(2), 500, 0.2, 0.2);
  assert.deepEqual(
    thresholdForPriorFromSummary(summarizeOof(small.labels, small.probs), 0.2, 0.4),
    thresholdForPrior(small.labels, small.probs, 0.2, 0.4),
  );
});

Deno.test("a higher test prior lowers the threshold on the model's scale", () => {
  const { labels, probs } = draw(new Random(3), 20000, 0.1, 0.1);
  let previous = Infinity;
  for (const target of [0.03, 0.1, 0.2, 0.33, 0.5, 0.7]) {
    const t = thresholdForPrior(labels, probs, 0.1, target);
    assert.ok(t.rawThreshold < previous, `prior ${target}: ${t.rawThreshold} >= ${previous}`);
    previous = t.rawThreshold;
  }
});

Deno.test("the expected F1 at a prior matches the F1 realised on a sample drawn at it", () => {
  const oof = draw(new Random(4), 40000, 0.09, 0.09);
  const rng = new Random(5);
  for (const target of [0.09, 0.33, 0.5]) {
    const t = thresholdForPrior(oof.labels, oof.probs, 0.09, target);
    // the model keeps its training calibration; the test rows come at the new prior
    const test = draw(rng, 100000, target, 0.09);
    const realised = scoresAt(test.labels, test.probs, t.rawThreshold);
    assert.ok(
      Math.abs(realised.f1 - t.f1) < 0.015,
      `prior ${target}: expected ${t.f1}, realised ${realised.f1}`,
    );
    assert.ok(Math.abs(realised.precision - t.precision) < 0.03, `prior ${target}: precision`);
    assert.ok(Math.abs(realised.recall - t.recall) < 0.03, `prior ${target}: recall`);
    // and the adjusted scale gives the same decisions on adjusted test probabilities
    const adjusted = adjustProbsToPrior(test.probs, 0.09, target);
    const realisedAdj = scoresAt(test.labels, adjusted, t.threshold);
    assert.ok(Math.abs(realisedAdj.f1 - realised.f1) < 1e-3);
  }
});

Deno.test("the binned summary chooses nearly the exact threshold", () => {
  const { labels, probs } = draw(new Random(6), 50000, 0.09, 0.09);
  const summary = summarizeOof(labels, probs, 2048);
  assert.ok(summary.lo.length <= 2048);
  assert.equal(summary.pos.reduce((a, b) => a + b), labels.reduce((a, b) => a + b, 0));
  for (let j = 0; j < summary.lo.length; j++) {
    assert.ok(summary.hi[j]! >= summary.lo[j]!);
    if (j > 0) assert.ok(summary.lo[j - 1]! > summary.hi[j]!);
  }
  // it survives a trip through JSON
  const restored = JSON.parse(JSON.stringify(summary));
  for (const target of [0.09, 0.33, 0.5]) {
    const exact = thresholdForPrior(labels, probs, 0.09, target);
    const approx = thresholdForPriorFromSummary(restored, 0.09, target);
    assert.ok(Math.abs(approx.f1 - exact.f1) < 1e-3, `prior ${target}: ${approx.f1} vs ${exact.f1}`);
    assert.ok(approx.f1 <= exact.f1 + 1e-12);
    assert.ok(Math.abs(logit(approx.rawThreshold) - logit(exact.rawThreshold)) < 0.3);
    // its reported scores are those of the reweighted rows at its threshold
    const s = scoresAt(labels, probs, approx.rawThreshold, priorWeights(labels, target));
    close(s.f1, approx.f1, 1e-9);
  }
});

Deno.test("topShareThreshold labels the top share, ties resolved deterministically", () => {
  const probs = [0.1, 0.9, 0.5, 0.3];
  assert.equal(topShareThreshold(probs, 0.5), 0.4);
  assert.equal(topShareThreshold(probs, 0), Infinity);
  assert.equal(topShareThreshold(probs, 1), 0.1);
  assert.equal(topShareThreshold(probs, 0.25), 0.7);
  // ties: reachable counts 1 and 4; target 2 is nearer to 1
  const tied = [0.9, 0.5, 0.5, 0.5];
  assert.equal(topShareThreshold(tied, 0.5), 0.7);
  // reachable counts 1 and 3; target 2 is equally far, the smaller wins
  assert.equal(topShareThreshold([0.9, 0.5, 0.5, 0.1], 0.5), 0.7);
  const rng = new Random(8);
  const many = Array.from({ length: 1000 }, () => rng.next());
  const t = topShareThreshold(many, 0.33);
  assert.equal(many.filter((p) => p >= t).length, 330);
  assert.throws(() => topShareThreshold([], 0.5), RangeError);
  assert.throws(() => topShareThreshold([0.1], 1.5), RangeError);
  assert.throws(() => topShareThreshold([NaN], 0.5), RangeError);
});

Deno.test("summaries and prior thresholds reject bad arguments", () => {
  assert.throws(() => summarizeOof(new Uint8Array([1, 0]), [0.2, 0.3], 0), RangeError);
  assert.throws(() => summarizeOof(new Uint8Array([1, 0]), [0.2, 1.3]), RangeError);
  assert.throws(
    () => thresholdForPriorFromSummary({ lo: [], hi: [], pos: [], neg: [] }, 0.1, 0.3),
    RangeError,
  );
  assert.throws(
    () => thresholdForPriorFromSummary({ lo: [0.5], hi: [0.5], pos: [1], neg: [] }, 0.1, 0.3),
    RangeError,
  );
  assert.throws(() => thresholdForPrior(new Uint8Array([1, 1]), [0.2, 0.3], 0.1, 0.3), RangeError);
});
