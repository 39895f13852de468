import { assertClose } from "../_assert_close.ts";
import { mat } from "../../src/cpu/mat.ts";
import { embedGather } from "../../src/cpu/embed_gather.ts";
import { embedScatter, segmentSlice } from "../../src/cpu/embed_scatter.ts";
import { linearBackward, linearForward } from "../../src/cpu/linear.ts";
import { bceGrad } from "../../src/cpu/bce_grad.ts";
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
    embedGather({ num, cat, rows: src, n, shape, params, x: mat(x, 0, layout.inputPad) });
    const z = new Float32Array(n * 4);
    linearForward({
      x: mat(x, 0, layout.inputPad),
      w: mat(params, l.wOff, 4),
      b: params,
      bOff: l.bOff,
      y: mat(z, 0, 4),
      n,
      k: l.inDim,
      m: 1,
    });
    const dz = new Float32Array(n * 4);
    const lossA = new Float32Array(rows);
    bceGrad({
      logits: mat(z, 0, 4),
      labels: Array.from(src, (r) => labels[r]!),
      posWeight: 2,
      invWeightSum: batch.invWeightSum,
      grad: mat(dz, 0, 4),
      rowLoss: lossA,
      rowLossOff: batch.start,
      n,
    });
    const gradA = new Float32Array(layout.total);
    const dx = new Float32Array(n * layout.inputPad);
    linearBackward({
      x: mat(x, 0, layout.inputPad),
      w: mat(params, l.wOff, 4),
      dy: mat(dz, 0, 4),
      dw: mat(gradA, l.wOff, 4),
      db: gradA,
      dbOff: l.bOff,
      dx: c > 0 ? mat(dx, 0, layout.inputPad) : null,
      n,
      k: l.inDim,
      m: 1,
      dxFrom: k,
    });
    if (c > 0) {
      embedScatter({
        segs: segmentSlice(plan.seg, batch.segStart, batch.segCount),
        dx: mat(dx, 0, layout.inputPad),
        shape,
        grad: gradA,
      });
    }

    // fused
    const dzB = new Float32Array(n);
    const lossB = new Float32Array(rows);
    const batchArgs = { num, cat, src, rows: n, shape, params };
    logisticForward({ ...batchArgs, labels, loss, dz: dzB, rowLoss: lossB, lossOff: batch.start });
    const gradB = new Float32Array(layout.total);
    logisticBackward({
      ...batchArgs,
      dz: dzB,
      segs: segmentSlice(plan.seg, batch.segStart, batch.segCount),
      grad: gradB,
    });

    assertClose(dzB, Float32Array.from({ length: n }, (_, r) => dz[4 * r]!), {
      atol: 1e-7,
      rtol: 1e-5,
      label: "dz",
    });
    assertClose(lossB, lossA, { atol: 1e-6, rtol: 1e-5, label: "row losses" });
    assertClose(gradB, gradA, { atol: 1e-7, rtol: 1e-5, label: "gradient" });
  });
}
