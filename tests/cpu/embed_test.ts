import { assertClose } from "../_assert_close.ts";
import { mat } from "../../src/cpu/mat.ts";
import { embedGather, type InputShape } from "../../src/cpu/embed_gather.ts";
import { embedScatter } from "../../src/cpu/embed_scatter.ts";
import { planEpoch } from "../../src/models/epoch_plan.ts";
import { Random } from "../../src/random.ts";

Deno.test("embedGather concatenates numeric features and embedding rows", () => {
  // 2 rows, k = 1, c = 2 (vocab 2 and 3), e = 2; tables start at 0 and 4
  const params = new Float32Array([0, 1, 2, 3, 10, 11, 12, 13, 14, 15]);
  const shape: InputShape = { k: 1, c: 2, e: 2, tableBase: [0, 4] };
  const x = new Float32Array(2 * 8).fill(7);
  embedGather({
    num: new Float32Array([5, 6]),
    cat: new Uint32Array([1, 2, 0, 0]),
    rows: [1, 0],
    n: 2,
    shape,
    params,
    x: mat(x, 0, 8),
  });
  assertClose(x, [6, 0, 1, 10, 11, 0, 0, 0, 5, 2, 3, 14, 15, 0, 0, 0]);
});

Deno.test("embedScatter is the gradient of embedGather (finite differences)", () => {
  const rng = new Random(11);
  const rows = 23;
  const sizes = [4, 9];
  const e = 3;
  const shape: InputShape = { k: 2, c: 2, e, tableBase: [0, 12] };
  const cat = new Uint32Array(rows * 2).map((_, i) => rng.int(sizes[i % 2]!));
  const num = new Float32Array(rows * 2).map(() => rng.normal());
  const params = new Float32Array(12 + 27).map(() => rng.normal());
  const ld = 12;
  const g = new Float32Array(rows * ld).map(() => rng.normal());
  const plan = planEpoch(new Random(1), new Uint8Array(rows), cat, 2, rows, 1);
  const x = new Float32Array(rows * ld);
  const loss = () => {
    embedGather({ num, cat, rows: plan.perm, n: rows, shape, params, x: mat(x, 0, ld) });
    return x.reduce((s, v, i) => s + v * g[i]!, 0);
  };
  const grad = new Float32Array(params.length);
  embedScatter({ segs: plan.seg, dx: mat(g, 0, ld), shape, grad });
  const fd = Array.from(params, (_, i) => {
    const keep = params[i]!;
    params[i] = keep + 1e-2;
    const up = loss();
    params[i] = keep - 1e-2;
    const down = loss();
    params[i] = keep;
    return (up - down) / 2e-2;
  });
  assertClose(grad, fd, { atol: 2e-3, rtol: 1e-3, label: "embedding grad" });
});
