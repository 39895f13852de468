/**
 * Tiers for sales: A for leads predicted converted; B, C and D for the rest, by the conversion rate that
 * leads scored like them had out of fold. The rate of a score is read from the out-of-fold summary made
 * monotone (pooled adjacent violators, so a higher score never means a lower rate) and moved to the test
 * prior; B: at least the base rate (the test prior), C: at least a third of it, D: below a third.
 *
 * @module
 */
import { adjustToPrior, type OofSummary } from "./prior_shift.ts";

/** A lead's tier. */
export type Tier = "A" | "B" | "C" | "D";

/** C's lower bound, as a share of the base rate. */
export const TIER_C_SHARE = 1 / 3;

/** Out-of-fold conversion rate by score: group `j` covers scores from `lo[j]` up, with rate `rate[j]`. */
export interface RateCurve {
  /** Lowest score of each group, ascending. */
  readonly lo: readonly number[];
  /** Non-decreasing conversion rate of each group (at the training prior). */
  readonly rate: readonly number[];
}

/**
 * The monotone conversion rate of out-of-fold scores (isotonic regression by pooled adjacent violators
 * over the summary's groups).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rateCurve } from "./tiers.ts";
 * const c = rateCurve({ lo: [0.9, 0.5, 0.1], hi: [0.9, 0.5, 0.1], pos: [1, 0, 1], neg: [0, 1, 3] });
 * assert.deepEqual(c.rate, [0.2, 0.2, 1]); // 0.1 and 0.5 pooled, since 0.5's rate (0) was below 0.1's
 * ```
 */
export function rateCurve(summary: OofSummary): RateCurve {
  // the summary runs highest first; pool from the lowest score up
  const blocks: { lo: number; pos: number; n: number; groups: number }[] = [];
  for (let j = summary.lo.length - 1; j >= 0; j--) {
    blocks.push({
      lo: summary.lo[j]!,
      pos: summary.pos[j]!,
      n: summary.pos[j]! + summary.neg[j]!,
      groups: 1,
    });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1]!;
      const a = blocks[blocks.length - 2]!;
      if (a.pos / a.n <= b.pos / b.n) break;
      blocks.pop();
      a.pos += b.pos;
      a.n += b.n;
      a.groups += b.groups;
    }
  }
  const lo: number[] = [];
  const rate: number[] = [];
  let j = summary.lo.length - 1;
  for (const b of blocks) {
    for (let g = 0; g < b.groups; g++, j--) {
      lo.push(summary.lo[j]!);
      rate.push(b.pos / b.n);
    }
  }
  return { lo, rate };
}

/** The curve's rate for a score (that of the highest group starting at or below it). */
export function rateAt(curve: RateCurve, score: number): number {
  let a = 0, b = curve.lo.length - 1;
  if (!(score >= curve.lo[0]!)) return curve.rate[0]!;
  while (a < b) {
    const m = (a + b + 1) >> 1;
    if (curve.lo[m]! <= score) a = m;
    else b = m - 1;
  }
  return curve.rate[a]!;
}

/** What tiers are decided from. */
export interface TierRule {
  readonly curve: RateCurve;
  readonly trainPrior: number;
  /** The base rate the tiers compare with: the expected share of converted leads in the scored file. */
  readonly testPrior: number;
}

/**
 * Tiers of leads: A when `predicted[i]`, else by the expected rate of `rawProbs[i]` (the model's own
 * scale, before any prior shift) against the base rate.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assignTiers, rateCurve } from "./tiers.ts";
 * // out of fold, scores from 0.9 converted 90% of the time, from 0.5 40%, from 0.2 20%, below none
 * const summary = { lo: [0.9, 0.5, 0.2, 0], hi: [1, 0.8, 0.4, 0.1], pos: [9, 4, 2, 0], neg: [1, 6, 8, 10] };
 * const curve = rateCurve(summary);
 * const rule = { curve, trainPrior: 0.3, testPrior: 0.3 };
 * const tiers = assignTiers(rule, [0.95, 0.6, 0.2, 0.05], [true, false, false, false]);
 * assert.deepEqual(tiers, ["A", "B", "C", "D"]); // C: at least a third of the base rate
 * ```
 */
export function assignTiers(
  rule: TierRule,
  rawProbs: ArrayLike<number>,
  predicted: ArrayLike<boolean>,
): Tier[] {
  const { curve, trainPrior, testPrior } = rule;
  return Array.from({ length: rawProbs.length }, (_, i) => {
    if (predicted[i]) return "A";
    const rate = adjustToPrior(rateAt(curve, rawProbs[i]!), trainPrior, testPrior);
    return rate >= testPrior ? "B" : rate >= TIER_C_SHARE * testPrior ? "C" : "D";
  });
}

/** Score 1-99: the probability at the test prior in percent, rounded and clipped. */
export function leadScore(probability: number): number {
  return Math.min(99, Math.max(1, Math.round(100 * probability)));
}
