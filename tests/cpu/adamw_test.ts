import { assertClose } from "../_assert_close.ts";
import { adamw } from "../../src/cpu/adamw.ts";

Deno.test("adamw takes a hand-computed first step and zeroes the gradient", () => {
  const params = new Float32Array([1, -2, 0.5, 3]);
  const grad = new Float32Array([0.1, -0.2, 0, 4]);
  const m = new Float32Array(4);
  const v = new Float32Array(4);
  const s = {
    lr: 0.1,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    weightDecay: 0.01,
    bc1: 0.1,
    bc2: 0.001,
    decayEnd: 2,
  };
  adamw({ params, grad, m, v, step: s });
  // first step: m̂ = g, v̂ = g², so the update is lr·(sign(g) + wd·p) for decayed entries
  assertClose(params, [1 - 0.1 * (1 + 0.01), -2 - 0.1 * (-1 - 0.02), 0.5, 3 - 0.1], { atol: 1e-6 });
  assertClose(m, [0.01, -0.02, 0, 0.4], { atol: 1e-7 });
  assertClose(v, [1e-5, 4e-5, 0, 0.016], { atol: 1e-9 });
  assertClose(grad, [0, 0, 0, 0]);
});
