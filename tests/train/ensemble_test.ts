import assert from "node:assert/strict";
import { blend } from "../../src/score/blend.ts";
import { learnBlendWeights } from "../../src/train/ensemble.ts";
import { Random } from "../../src/random.ts";

Deno.test("learnBlendWeights prefers the informative member and stays on the simplex", () => {
  const rng = new Random(3);
  const n = 2000;
  const labels = Uint8Array.from({ length: n }, () => (rng.next() < 0.2 ? 1 : 0));
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  const good = Float32Array.from(labels, (y) => sigmoid((y ? 1.5 : -1.5) + rng.normal()));
  const weak = Float32Array.from(labels, (y) => sigmoid((y ? 0.3 : -0.3) + rng.normal()));
  const noise = Float32Array.from(labels, () => rng.next());
  const weights = learnBlendWeights(labels, [weak, good, noise]);
  assert(Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert(weights.every((w) => w >= 0));
  assert(weights[1]! > 0.6, `weights ${weights}`);
  assert(weights[2]! < 0.1, `weights ${weights}`);
  assert.deepEqual(learnBlendWeights(labels, [good]), [1]);
  assert.deepEqual(Array.from(blend([Float32Array.of(0, 1), Float32Array.of(1, 1)], [0.25, 0.75])), [
    0.75,
    1,
  ]);
});
