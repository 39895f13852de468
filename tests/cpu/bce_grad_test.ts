import { assertClose } from "../_assert_close.ts";
import { mat } from "../../src/cpu/mat.ts";
import { bceGrad, bceLoss } from "../../src/cpu/bce_grad.ts";

Deno.test("bceLoss is stable and matches -log(sigmoid)", () => {
  assertClose([bceLoss(0, 1, 1), bceLoss(2, 0, 1), bceLoss(-50, 1, 3), bceLoss(50, 0, 1)], [
    Math.log(2),
    2 + Math.log1p(Math.exp(-2)),
    150,
    50,
  ], { rtol: 1e-9 });
});

Deno.test("bceGrad matches finite differences of the weighted mean loss", () => {
  const z = new Float32Array([0.3, -1.2, 2.5, -0.1, 0.8]);
  const y = [1, 0, 1, 1, 0];
  const posWeight = 2.5;
  const wsum = y.reduce((s, v) => s + (v ? posWeight : 1), 0);
  const loss = (zz: Float64Array) => zz.reduce((s, v, i) => s + bceLoss(v, y[i]!, posWeight), 0) / wsum;
  const ld = 4;
  const logits = new Float32Array(z.length * ld);
  z.forEach((v, i) => logits[i * ld] = v);
  const grad = new Float32Array(z.length * ld).fill(9);
  const rowLoss = new Float32Array(z.length + 2);
  bceGrad({
    logits: mat(logits, 0, ld),
    labels: y,
    posWeight,
    invWeightSum: 1 / wsum,
    grad: mat(grad, 0, ld),
    rowLoss,
    rowLossOff: 2,
    n: z.length,
  });
  const fd = Array.from(z, (_, i) => {
    const up = Float64Array.from(z);
    const down = Float64Array.from(z);
    up[i] = up[i]! + 1e-6;
    down[i] = down[i]! - 1e-6;
    return (loss(up) - loss(down)) / 2e-6;
  });
  assertClose(Array.from(z, (_, i) => grad[i * ld]!), fd, { atol: 1e-6, rtol: 1e-4, label: "dL/dz" });
  assertClose(Array.from(z, (_, i) => grad[i * ld + 1]!), [0, 0, 0, 0, 0], { label: "padding" });
  assertClose(rowLoss.subarray(2), Array.from(z, (v, i) => bceLoss(v, y[i]!, posWeight)), {
    label: "row loss",
  });
});
