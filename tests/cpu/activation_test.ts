import assert from "node:assert/strict";
import { assertClose } from "../_assert_close.ts";
import { mat } from "../../src/cpu/mat.ts";
import {
  activate,
  activateGrad,
  activationBackward,
  activationForward,
  ACTIVATIONS,
} from "../../src/cpu/activation.ts";
import { dropoutKeep, hashU32 } from "../../src/cpu/dropout.ts";
import { Random } from "../../src/random.ts";

for (const kind of ACTIVATIONS) {
  Deno.test(`${kind} derivative matches finite differences`, () => {
    const rng = new Random(5);
    const zs = Array.from({ length: 50 }, () => 4 * rng.normal()).filter((z) => Math.abs(z) > 1e-3);
    const h = 1e-5;
    const fd = zs.map((z) => (activate(kind, z + h) - activate(kind, z - h)) / (2 * h));
    assertClose(zs.map((z) => activateGrad(kind, z)), fd, { atol: 1e-6, rtol: 1e-5, label: kind });
  });
}

Deno.test("gelu has known values", () => {
  assertClose([activate("gelu", 0), activate("gelu", 1), activate("gelu", -1)], [0, 0.841192, -0.158808], {
    atol: 1e-5,
  });
});

Deno.test("activationBackward applies the forward dropout mask and scale", () => {
  const rng = new Random(9);
  const [n, m, ld] = [40, 6, 8];
  const z = Float32Array.from({ length: n * ld }, () => rng.normal());
  const a = new Float32Array(n * ld);
  const drop = { p: 0.25, seed: hashU32(77) };
  activationForward({ kind: "relu", z: mat(z, 0, ld), a: mat(a, 0, ld), n, m, drop });
  const g = new Float32Array(n * ld).fill(1);
  activationBackward({ kind: "relu", z: mat(z, 0, ld), g: mat(g, 0, ld), n, m, drop });
  let kept = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < m; c++) {
      const i = r * ld + c;
      const keep = dropoutKeep(drop.seed, i, drop.p);
      kept += keep ? 1 : 0;
      const want = keep && z[i]! > 0 ? 1 / 0.75 : 0;
      assertClose([g[i]!, a[i]!], [want, keep ? Math.max(z[i]!, 0) / 0.75 : 0], { label: `unit ${i}` });
    }
  }
  const rate = kept / (n * m);
  assert(rate > 0.6 && rate < 0.9, `keep rate ${rate}`);
});
