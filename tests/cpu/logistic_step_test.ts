import { assertClose } from "../_assert_close.ts";
import { mat } from "../../src/cpu/mat.ts";
import { embedGather, embedScatter, segmentSlice } from "../../src/cpu/embed.ts";
import { linearBackward, linearForward } from "../../src/cpu/linear.ts";
import { bceGrad } from "../../src/cpu/loss.ts";
import { logisticBackward, logisticForward, type LogisticShape } from "../../src/cpu/logistic_step.ts";
import { mlpLayout } from "../../src/models/layout.ts";
import { planEpoch } from "../../src/models/epoch_plan.ts";
import { Random } from "../../src/random.ts";

for (const [k, sizes, e] of [[5, [4, 9], 1], [3, [6], 3], [4, [], 1]] as [number, number[], number][]) {
  Deno.test(`the fused logistic step gives the generic path's gradient (k=${k}, ${sizes.length} columns, e=${e})`, () => {
    const rng = new Random(k + e);
    const rows = 37;
    const c = sizes.length;
    const num = Float32Array.from({ length: rows * k }, () => rng.normal());
    const cat = Uint32Array.from({ length: rows * c }, (_, i) => rng.int(sizes[i % c]!));
    const labels = Uint8Array.from({ length: rows }, () => (rng.next() < 0.3 ? 1 : 0));
    const layout = mlpLayout(k, sizes, e, []);
    const l = layout.layers[0]!;
    const params = Float32Array.from({ length: layout.total }, () => 0.5 * rng.normal());
    const shape: LogisticShape = { k, c, e, tableBase: layout.tableBase, wOff: l.wOff, bOff: l.bOff };
    const plan = planEpoch(new Random(3), labels, cat, c, 16, 2);
    const batch = plan.batches[1]!;
    const src = plan.perm.subarray(batch.start, batch.start + batch.rows);
    const n = batch.rows;
    const loss = { posWeight: 2, invWeightSum: batch.invWeightSum };

    // generic: gather, linear, bce, linear backward, scatter
    const x = new Float32Array(n * layout.inputPad);
    embedGather(num, cat, src, n, shape, params, mat(x, 0, layout.inputPad));
    const z = new Float32Array(n * 4);
    linearForward(
      mat(x, 0, layout.inputPad),
      mat(params, l.wOff, 4),
      params,
      l.bOff,
      mat(z, 0, 4),
      n,
      l.inDim,
      1,
    );
    const dz = new Float32Array(n * 4);
    const lossA = new Float32Array(rows);
    bceGrad(
      mat(z, 0, 4),
      Array.from(src, (r) => labels[r]!),
      2,
      batch.invWeightSum,
      mat(dz, 0, 4),
      lossA,
      batch.start,
      n,
    );
    const gradA = new Float32Array(layout.total);
    const dx = new Float32Array(n * layout.inputPad);
    linearBackward(
      mat(x, 0, layout.inputPad),
      mat(params, l.wOff, 4),
      mat(dz, 0, 4),
      mat(gradA, l.wOff, 4),
      gradA,
      l.bOff,
      c > 0 ? mat(dx, 0, layout.inputPad) : null,
      n,
      l.inDim,
      1,
      k,
    );
    if (c > 0) {
      embedScatter(
        segmentSlice(plan.seg, batch.segStart, batch.segCount),
        mat(dx, 0, layout.inputPad),
        shape,
        gradA,
      );
    }

    // fused
    const dzB = new Float32Array(n);
    const lossB = new Float32Array(rows);
    logisticForward(num, cat, labels, src, n, shape, params, loss, dzB, lossB, batch.start);
    const gradB = new Float32Array(layout.total);
    logisticBackward(
      num,
      cat,
      src,
      n,
      shape,
      params,
      dzB,
      segmentSlice(plan.seg, batch.segStart, batch.segCount),
      gradB,
    );

    assertClose(dzB, Float32Array.from({ length: n }, (_, r) => dz[4 * r]!), {
      atol: 1e-7,
      rtol: 1e-5,
      label: "dz",
    });
    assertClose(lossB, lossA, { atol: 1e-6, rtol: 1e-5, label: "row losses" });
    assertClose(gradB, gradA, { atol: 1e-7, rtol: 1e-5, label: "gradient" });
  });
}
