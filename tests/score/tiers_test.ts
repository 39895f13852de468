import assert from "node:assert/strict";
import { assignTiers, leadScore, rateAt, rateCurve } from "../../src/score/tiers.ts";
import { summarizeOof } from "../../src/score/prior_shift.ts";

Deno.test("rateCurve pools violators so the rate never falls as the score rises", () => {
  // scores 0.1..0.9; the 0.5 group converts less than the 0.3 group below it
  const summary = {
    lo: [0.9, 0.7, 0.5, 0.3, 0.1],
    hi: [0.9, 0.7, 0.5, 0.3, 0.1],
    pos: [4, 3, 0, 2, 1],
    neg: [0, 1, 4, 2, 9],
  };
  const c = rateCurve(summary);
  assert.deepEqual(c.lo, [0.1, 0.3, 0.5, 0.7, 0.9]);
  assert.deepEqual(c.rate, [0.1, 0.25, 0.25, 0.75, 1]);
  assert.equal(rateAt(c, 0.05), 0.1);
  assert.equal(rateAt(c, 0.35), 0.25);
  assert.equal(rateAt(c, 0.95), 1);
});

Deno.test("assignTiers: A when predicted, then B/C/D by the expected rate against the base rate", () => {
  const labels = new Uint8Array(100);
  const probs = new Float32Array(100);
  // 13% base rate: scores below 0.45 never convert, 0.45-0.79 convert at 3 in 35, 0.8+ at one in two
  for (let i = 0; i < 100; i++) {
    probs[i] = i / 100;
    labels[i] = (i >= 80 && i % 2 === 0) || [45, 55, 65].includes(i) ? 1 : 0;
  }
  const rule = { curve: rateCurve(summarizeOof(labels, probs)), trainPrior: 0.13, testPrior: 0.13 };
  const tiers = assignTiers(rule, [0.95, 0.85, 0.5, 0.1], [true, false, false, false]);
  assert.deepEqual(tiers, ["A", "B", "C", "D"]);
  // at a test prior of one half the rates rise with it; the tiers compare with the new base rate
  assert.deepEqual(assignTiers({ ...rule, testPrior: 0.5 }, [0.85, 0.5, 0.1], [false, false, false]), [
    "B",
    "C",
    "D",
  ]);
});

Deno.test("leadScore is the percentage, rounded and clipped to 1-99", () => {
  assert.deepEqual([0, 0.004, 0.126, 0.5, 0.994, 1].map(leadScore), [1, 1, 13, 50, 99, 99]);
});
