import assert from "node:assert/strict";
import { assertClose } from "../_assert_close.ts";
import { gpuTest, randomFloats, submitPass, withValidation } from "../_gpu.ts";
import { createBuffer, readBuffer, readFloats, uploadBuffer, writeBuffer } from "../../src/gpu/buffers.ts";
import { embedGatherOp, padNumeric, setEmbedGather } from "../../src/gpu/kernels/embed_gather.ts";
import { embedScatterOp, setEmbedScatter } from "../../src/gpu/kernels/embed_scatter.ts";
import { bceGradOp, setBceGrad } from "../../src/gpu/kernels/bce_grad.ts";
import { adamwOp, setAdamw } from "../../src/gpu/kernels/adamw.ts";
import { lossSumOp, setLossSum } from "../../src/gpu/kernels/loss_sum.ts";
import { mat } from "../../src/cpu/mat.ts";
import { embedGather, type InputShape } from "../../src/cpu/embed_gather.ts";
import { embedScatter, segmentSlice } from "../../src/cpu/embed_scatter.ts";
import { bceGrad } from "../../src/cpu/bce_grad.ts";
import { lossSum } from "../../src/cpu/loss_sum.ts";
import { adamw } from "../../src/cpu/adamw.ts";
import { planEpoch } from "../../src/models/epoch_plan.ts";
import { Random } from "../../src/random.ts";
import { measureMatmulGflops, measurePeakGflops } from "../../src/gpu/measure.ts";
import { FMA_PEAK_SHAPES, fmaPeakOp, setFmaPeak } from "../../src/gpu/kernels/fma_peak.ts";
import { inputVec4s, logisticStepOps, setLogisticStep } from "../../src/gpu/kernels/logistic_step.ts";
import { logisticBackward, logisticForward, type LogisticShape } from "../../src/cpu/logistic_step.ts";
import { mlpLayout } from "../../src/models/layout.ts";

/** A small design: rows × k numeric, c categorical columns with the given vocabularies. */
function data(rng: Random, rows: number, k: number, sizes: number[]) {
  const num = randomFloats(rng, rows * k);
  const cat = new Uint32Array(rows * sizes.length).map((_, i) => rng.int(sizes[i % sizes.length]!));
  return { num, cat };
}

for (
  const [rows, k, sizes, e] of [[5, 3, [2, 7], 1], [77, 6, [3, 50, 9], 3], [19, 8, [5, 11], 4], [
    70,
    4,
    [3],
    1,
  ]] as [
    number,
    number,
    number[],
    number,
  ][]
) {
  const c = sizes.length;
  const tableBase = sizes.reduce((acc, s, j) => [...acc, acc[j]! + s * e], [4]).slice(0, c);
  const total = tableBase[c - 1]! + sizes[c - 1]! * e;
  const shape: InputShape = { k, c, e, tableBase };
  const ld = Math.ceil((k + c * e) / 4) * 4 + 4;

  gpuTest(`embed_gather matches embedGather, ${rows} rows, e=${e}`, async (engine) => {
    const rng = new Random(rows);
    const { num, cat } = data(rng, rows, k, sizes);
    const params = randomFloats(rng, total);
    const perm = new Random(2).shuffle(Uint32Array.from({ length: rows + 3 }, (_, i) => i % rows));
    const start = 2;
    const n = rows - 1;
    const want = new Float32Array(n * ld);
    embedGather({ num, cat, rows: perm.subarray(start), n, shape, params, x: mat(want, 0, ld) });
    const got = await withValidation(engine, async () => {
      const x = createBuffer(engine, "test x", n * ld * 4);
      const op = await embedGatherOp(engine, "test gather", { k, c, e }, {
        perm: uploadBuffer(engine, "perm", perm),
        num: uploadBuffer(engine, "num", padNumeric(num, rows, k)),
        cat: uploadBuffer(engine, "cat", cat),
        tableBase: uploadBuffer(engine, "table base", Uint32Array.from(tableBase)),
        params: uploadBuffer(engine, "params", params),
        x,
      });
      setEmbedGather(op, 0, { start, rows: n, ld });
      submitPass(engine, (pass) => op.encode(pass, 0));
      return await readFloats(engine, x, n * ld);
    });
    assertClose(got, want, { atol: 0, rtol: 0, label: "x0" });
  });

  gpuTest(
    `embed_scatter matches embedScatter, ${rows} rows, e=${e}`,
    async (engine) => {
      const rng = new Random(rows + 1);
      const { cat } = data(rng, rows, k, sizes);
      const batch = Math.ceil(rows / 2);
      const plan = planEpoch(new Random(3), new Uint8Array(rows), cat, c, batch, 1);
      const b = plan.batches[1]!;
      const dx = randomFloats(rng, b.rows * ld);
      const seg = segmentSlice(plan.seg, b.segStart, b.segCount);
      const want = new Float32Array(total).fill(0.5);
      embedScatter({ segs: seg, dx: mat(dx, 0, ld), shape, grad: want });
      const got = await withValidation(engine, async () => {
        const grad = uploadBuffer(engine, "grad", new Float32Array(total).fill(0.5));
        const op = await embedScatterOp(engine, "test scatter", {
          seg: uploadBuffer(engine, "segments", plan.seg.seg),
          rowList: uploadBuffer(engine, "row list", plan.seg.rowList),
          tableBase: uploadBuffer(engine, "table base", Uint32Array.from(tableBase)),
          dx: uploadBuffer(engine, "dx", dx),
          grad,
        });
        setEmbedScatter(op, 0, { segStart: b.segStart, segCount: b.segCount, k, e, ld });
        submitPass(engine, (pass) => op.encode(pass, 0));
        return await readFloats(engine, grad, total);
      });
      assertClose(got, want, { atol: 1e-6, rtol: 1e-6, label: "embedding grad" });
    },
  );
}

// One row; fewer rows than a workgroup; several workgroups and a partial one; grad row strides 4 and 8.
for (const [n, ld, start] of [[1, 4, 0], [67, 4, 5], [300, 8, 3]] as const) {
  gpuTest(`bce_grad matches bceGrad on ${n} rows, ld ${ld}`, async (engine) => {
    const rng = new Random(8 + n);
    const logits = new Float32Array(n * ld).map(() => 6 * rng.normal());
    const labels = Uint32Array.from({ length: n + start }, () => rng.int(2));
    const perm = new Random(1).shuffle(Uint32Array.from({ length: n + start }, (_, i) => i));
    const rowLabels = Array.from({ length: n }, (_, r) => labels[perm[start + r]!]!);
    const want = new Float32Array(n * ld);
    const wantLoss = new Float32Array(n + start);
    bceGrad({
      logits: mat(logits, 0, ld),
      labels: rowLabels,
      posWeight: 3,
      invWeightSum: 1 / 50,
      grad: mat(want, 0, ld),
      rowLoss: wantLoss,
      rowLossOff: start,
      n,
    });
    const [grad, loss] = await withValidation(engine, async () => {
      const grad = uploadBuffer(engine, "grad", new Float32Array(n * ld).fill(7));
      const rowLoss = createBuffer(engine, "row loss", (n + start) * 4);
      const op = await bceGradOp(engine, "test bce", {
        perm: uploadBuffer(engine, "perm", perm),
        labels: uploadBuffer(engine, "labels", labels),
        logits: uploadBuffer(engine, "logits", logits),
        grad,
        rowLoss,
      });
      setBceGrad(op, 0, { start, rows: n, ld, posWeight: 3, invWeightSum: 1 / 50 });
      submitPass(engine, (pass) => op.encode(pass, 0));
      return [await readFloats(engine, grad, n * ld), await readFloats(engine, rowLoss, n + start)];
    });
    assertClose(grad, want, { atol: 1e-6, rtol: 1e-5, label: "grad" });
    assertClose(loss.subarray(start), wantLoss.subarray(start), {
      atol: 1e-5,
      rtol: 1e-5,
      label: "row loss",
    });
  });
}

// One vec4; one workgroup and a bit; several workgroups; decayEnd 0, inside and at the end.
for (const [count, decayEnd] of [[4, 0], [4 * 83, 200], [4 * 700, 4 * 700]] as const) {
  gpuTest(
    `adamw matches the CPU step over 3 steps and zeroes the gradient, ${count} params`,
    async (engine) => {
      const rng = new Random(6 + count);
      const p = randomFloats(rng, count);
      const want = { p: p.slice(), m: new Float32Array(count), v: new Float32Array(count) };
      const got = await withValidation(engine, async () => {
        const b = {
          params: uploadBuffer(engine, "params", p),
          grad: createBuffer(engine, "grad", count * 4),
          m: createBuffer(engine, "m", count * 4),
          v: createBuffer(engine, "v", count * 4),
        };
        const op = await adamwOp(engine, "test adamw", b, 3);
        for (let t = 1; t <= 3; t++) {
          const g = randomFloats(rng, count);
          const step = {
            lr: 0.01 * t,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weightDecay: 0.1,
            bc1: 1 - 0.9 ** t,
            bc2: 1 - 0.999 ** t,
            decayEnd,
          };
          adamw({ params: want.p, grad: g.slice(), m: want.m, v: want.v, step });
          writeBuffer(engine, b.grad, g);
          setAdamw(op, t - 1, count, step);
          submitPass(engine, (pass) => op.encode(pass, t - 1));
        }
        return {
          p: await readFloats(engine, b.params, count),
          m: await readFloats(engine, b.m, count),
          v: await readFloats(engine, b.v, count),
          g: await readFloats(engine, b.grad, count),
        };
      });
      assertClose(got.p, want.p, { atol: 1e-6, rtol: 1e-5, label: "params" });
      assertClose(got.m, want.m, { atol: 1e-7, rtol: 1e-5, label: "m" });
      assertClose(got.v, want.v, { atol: 1e-8, rtol: 1e-5, label: "v" });
      assert.ok(got.g.every((x) => x === 0), "gradient zeroed");
    },
  );
}

// No rows; one row; many rows, summed into a later slot of the output.
for (const [count, outSlot] of [[0, 0], [1, 1], [1001, 2]] as const) {
  gpuTest(`loss_sum matches lossSum over ${count} row losses`, async (engine) => {
    const rng = new Random(2 + count);
    const rowLoss = randomFloats(rng, Math.max(count, 1) + 3).map(Math.abs);
    const scale = 1 / Math.max(count, 1);
    const want = new Float32Array(4).fill(-1);
    want[outSlot] = lossSum({ rowLoss, count, scale });
    const got = await withValidation(engine, async () => {
      const out = uploadBuffer(engine, "epoch losses", new Float32Array(4).fill(-1));
      const op = await lossSumOp(engine, "test loss sum", {
        rowLoss: uploadBuffer(engine, "rows", rowLoss),
        out,
      }, 3);
      setLossSum(op, outSlot, { count, outSlot, scale });
      submitPass(engine, (pass) => op.encode(pass, outSlot));
      return new Float32Array(await readBuffer(engine, out, 16));
    });
    assertClose(got, want, { atol: 1e-6, rtol: 1e-5 });
  });
}

for (const shape of FMA_PEAK_SHAPES) {
  gpuTest(`fma_peak (${shape.chains} chains) writes every invocation's closed form`, async (engine) => {
    // a ← a·mul + add from a = 0, 1, ... converges to add / (1 − mul) = 4; the output sums the chains
    const count = shape.wg + 3;
    const got = await withValidation(engine, async () => {
      const out = uploadBuffer(engine, "fma out", new Float32Array(4 * (count + 1)).fill(-1));
      const op = await fmaPeakOp(engine, out, shape);
      setFmaPeak(op, { count, iters: 64, mul: 0.25, add: 3 });
      submitPass(engine, (pass) => op.encode(pass, 0));
      return await readFloats(engine, out, 4 * (count + 1));
    });
    const want = new Float32Array(4 * (count + 1)).fill(4 * shape.chains);
    want.fill(-1, 4 * count);
    assertClose(got, want, { atol: 1e-5, label: "sums of the chains" });
  });
}

gpuTest("measurePeakGflops reports a finite, positive rate", async (engine) => {
  const gflops = await withValidation(engine, () => measurePeakGflops(engine, 256, 16, 5));
  assert.ok(Number.isFinite(gflops) && gflops > 0, `GFLOP/s ${gflops}`);
});

gpuTest("measureMatmulGflops runs the training matmul on a bench shape", async (engine) => {
  const gflops = await withValidation(engine, () => measureMatmulGflops(engine, { m: 100, n: 8, k: 12 }, 5));
  assert.ok(Number.isFinite(gflops) && gflops > 0, `GFLOP/s ${gflops}`);
});

for (const [k, sizes, e] of [[5, [3, 40, 9], 1], [8, [6, 2], 3]] as [number, number[], number][]) {
  gpuTest(`logistic_forward and logistic_backward match their CPU twins (k=${k}, e=${e})`, async (engine) => {
    const rng = new Random(11 * k + e);
    const rows = 150;
    const c = sizes.length;
    const { num, cat } = data(rng, rows, k, sizes);
    const labels = Uint8Array.from({ length: rows }, () => (rng.next() < 0.3 ? 1 : 0));
    const layout = mlpLayout(k, sizes, e, []);
    const l = layout.layers[0]!;
    const params = randomFloats(rng, layout.total);
    const shape: LogisticShape = { k, c, e, tableBase: layout.tableBase, wOff: l.wOff, bOff: l.bOff };
    const plan = planEpoch(new Random(4), labels, cat, c, 77, 2);
    const batch = plan.batches[1]!; // 73 rows, not a multiple of the workgroup size
    const src = plan.perm.subarray(batch.start, batch.start + batch.rows);
    const segs = segmentSlice(plan.seg, batch.segStart, batch.segCount);
    const dzWant = new Float32Array(batch.rows);
    const lossWant = new Float32Array(rows);
    const loss = { posWeight: 2, invWeightSum: batch.invWeightSum };
    const batchArgs = { num, cat, src, rows: batch.rows, shape, params };
    logisticForward({ ...batchArgs, labels, loss, dz: dzWant, rowLoss: lossWant, lossOff: batch.start });
    const gradWant = new Float32Array(layout.total);
    logisticBackward({ ...batchArgs, dz: dzWant, segs, grad: gradWant });

    const [dz, rowLoss, grad] = await withValidation(engine, async () => {
      const b = {
        perm: uploadBuffer(engine, "perm", plan.perm),
        labels: uploadBuffer(engine, "labels", Uint32Array.from(labels)),
        num: uploadBuffer(engine, "num", padNumeric(num, rows, k)),
        cat: uploadBuffer(engine, "cat", cat),
        tableBase: uploadBuffer(engine, "table base", Uint32Array.from([...layout.tableBase, 0])),
        params: uploadBuffer(engine, "params", params),
        dz: createBuffer(engine, "dz", batch.rows * 4),
        xs: createBuffer(engine, "xs", batch.rows * inputVec4s({ k, c, e }) * 16),
        rowLoss: createBuffer(engine, "row loss", rows * 4),
        seg: uploadBuffer(engine, "seg", plan.seg.seg),
        rowList: uploadBuffer(engine, "row list", plan.seg.rowList),
        grad: createBuffer(engine, "grad", layout.total * 4),
      };
      const ops = await logisticStepOps(engine, "test logistic", { k, c, e }, b);
      setLogisticStep(ops, 0, { ...batch, wOff: l.wOff, bOff: l.bOff, ...loss });
      submitPass(engine, (pass) => {
        ops.forward.encode(pass, 0);
        ops.backward.encode(pass, 0);
      });
      return [
        await readFloats(engine, b.dz, batch.rows),
        await readFloats(engine, b.rowLoss, rows),
        await readFloats(engine, b.grad, layout.total),
      ];
    });
    assertClose(dz, dzWant, { atol: 1e-7, rtol: 1e-5, label: "dz" });
    assertClose(rowLoss, lossWant, { atol: 1e-6, rtol: 1e-5, label: "row losses" });
    assertClose(grad, gradWant, { atol: 1e-6, rtol: 1e-5, label: "gradient" });
  });
}
