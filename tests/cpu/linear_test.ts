import { assertClose } from "../_assert_close.ts";
import { mat } from "../../src/cpu/mat.ts";
import { linearBackward, linearForward } from "../../src/cpu/linear.ts";
import { Random } from "../../src/random.ts";

function rand(rng: Random, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal());
}

Deno.test("linearForward computes x·w + b on a hand example", () => {
  // x[2, 3], w[3, 2] stored with row stride 4, b[2]
  const x = new Float32Array([1, 2, 3, 4, 5, 6]);
  const w = new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0]);
  const y = new Float32Array(4);
  const b = new Float32Array([10, 20]);
  linearForward({ x: mat(x, 0, 3), w: mat(w, 0, 4), b, bOff: 0, y: mat(y, 0, 2), n: 2, k: 3, m: 2 });
  assertClose(y, [14, 25, 20, 31]);
});

Deno.test("linearBackward matches finite differences of Σ g·y", () => {
  const rng = new Random(3);
  const [n, k, m] = [5, 7, 3];
  const x = rand(rng, n * k);
  const w = rand(rng, k * m);
  const b = rand(rng, m);
  const g = rand(rng, n * m);
  const y = new Float32Array(n * m);
  const loss = () => {
    linearForward({ x: mat(x, 0, k), w: mat(w, 0, m), b, bOff: 0, y: mat(y, 0, m), n, k, m });
    return y.reduce((s, v, i) => s + v * g[i]!, 0);
  };
  const dw = new Float32Array(k * m);
  const db = new Float32Array(m);
  const dx = new Float32Array(n * k);
  linearBackward({
    x: mat(x, 0, k),
    w: mat(w, 0, m),
    dy: mat(g, 0, m),
    dw: mat(dw, 0, m),
    db,
    dbOff: 0,
    dx: mat(dx, 0, k),
    n,
    k,
    m,
  });
  const fd = (arr: Float32Array) =>
    Array.from(arr, (_, i) => {
      const keep = arr[i]!;
      const h = 1e-2;
      arr[i] = keep + h;
      const up = loss();
      arr[i] = keep - h;
      const down = loss();
      arr[i] = keep;
      return (up - down) / (2 * h);
    });
  assertClose(dw, fd(w), { atol: 2e-3, rtol: 1e-3, label: "dw" });
  assertClose(db, fd(b), { atol: 2e-3, rtol: 1e-3, label: "db" });
  assertClose(dx, fd(x), { atol: 2e-3, rtol: 1e-3, label: "dx" });
});
