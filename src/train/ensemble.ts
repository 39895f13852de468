/**
 * Blending the ensemble: non-negative weights summing to one, chosen to
 * minimise the log-loss of the blended out-of-fold probabilities.
 *
 * @module
 */

/**
 * Blend weights on the simplex that minimise the log-loss of the blend, by
 * coordinate moves of shrinking size (deterministic, a few hundred passes over
 * the rows at most).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { learnBlendWeights } from "./ensemble.ts";
 * const labels = Uint8Array.of(0, 1, 0, 1);
 * const good = Float32Array.of(0.1, 0.9, 0.2, 0.8);
 * const noise = Float32Array.of(0.6, 0.4, 0.5, 0.5);
 * const [wGood, wNoise] = learnBlendWeights(labels, [good, noise]);
 * assert.ok(wGood! > 0.99 && wNoise! < 0.01);
 * ```
 */
export function learnBlendWeights(labels: Uint8Array, probs: readonly Float32Array[]): number[] {
  const m = probs.length;
  if (m === 0) throw new RangeError("Cannot blend: no members");
  for (const p of probs) {
    if (p.length !== labels.length) {
      throw new RangeError(`Cannot blend: ${p.length} probabilities for ${labels.length} rows`);
    }
  }
  let weights = Array.from({ length: m }, () => 1 / m);
  if (m === 1) return weights;
  let best = blendLoss(labels, probs, weights);
  for (let step = 0.25; step >= 1 / 512; step /= 2) {
    let improved = true;
    while (improved) {
      improved = false;
      for (let from = 0; from < m; from++) {
        for (let to = 0; to < m; to++) {
          if (from === to || weights[from]! <= 0) continue;
          const move = Math.min(step, weights[from]!);
          const trial = weights.slice();
          trial[from]! -= move;
          trial[to]! += move;
          const loss = blendLoss(labels, probs, trial);
          if (loss < best - 1e-12) {
            best = loss;
            weights = trial;
            improved = true;
          }
        }
      }
    }
  }
  return weights;
}

function blendLoss(labels: Uint8Array, probs: readonly Float32Array[], weights: readonly number[]): number {
  let loss = 0;
  for (let i = 0; i < labels.length; i++) {
    let p = 0;
    for (let j = 0; j < probs.length; j++) p += weights[j]! * probs[j]![i]!;
    p = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
    loss -= labels[i] ? Math.log(p) : Math.log(1 - p);
  }
  return loss / labels.length;
}
