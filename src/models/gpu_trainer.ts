/**
 * The GPU trainer: every buffer of a fit lives on the device, an epoch's
 * mini-batch steps are recorded into one command encoder and submitted once, and
 * only epoch losses (a few floats) and final parameters are read back.
 *
 * Per batch of an MLP: embed_gather → matmul (nn, bias+act) per layer → bce_grad → per layer
 * from the top: matmul (tn) weight and bias grad, matmul (nt, act grad) → embed_scatter → adamw.
 * Without hidden layers (logistic regression) the same math runs fused, as logistic_forward →
 * logistic_backward → adamw: on llvmpipe every dispatch costs about 0.1 ms, whatever its size.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import type { GpuEngine } from "../gpu/device.ts";
import { createBuffer, type Op, readFloats, uploadBuffer } from "../gpu/buffers.ts";
import { adamwOp, setAdamw } from "../gpu/kernels/adamw.ts";
import { lossSumOp, setLossSum } from "../gpu/kernels/loss_sum.ts";
import { gpuLogits, uploadTableBase } from "./gpu_forward.ts";
import { TrainRows } from "./gpu_rows.ts";
import { checkBinding } from "./gpu_chunks.ts";
import { adamStep, type EpochPlan, type StepInfo } from "./epoch_plan.ts";
import type { TrainBackend, TrainSetup } from "./backend.ts";
import { LogisticStep, MlpStep, type SharedBuffers, type StepProgram } from "./gpu_steps.ts";

/** The GPU trainer. */
export class GpuTrainer implements TrainBackend {
  readonly usesSegments = true;
  readonly #engine: GpuEngine;
  readonly #s: TrainSetup;
  readonly #bufs: Record<string, GPUBuffer>;
  readonly #rows: TrainRows;
  readonly #step: StepProgram;
  readonly #adam: Op;
  readonly #lossSum: Op;
  #epochsRun = 0;
  #epochsRead = 0;

  private constructor(
    engine: GpuEngine,
    s: TrainSetup,
    bufs: Record<string, GPUBuffer>,
    rows: TrainRows,
    ops: { step: StepProgram; adam: Op; lossSum: Op },
  ) {
    this.#engine = engine;
    this.#s = s;
    this.#bufs = bufs;
    this.#rows = rows;
    this.#step = ops.step;
    this.#adam = ops.adam;
    this.#lossSum = ops.lossSum;
  }

  /** Uploads the data (or sizes its chunks) and initial parameters and builds every op of a step. */
  static async create(engine: GpuEngine, s: TrainSetup): Promise<GpuTrainer> {
    const { layout, design } = s;
    const n = s.labels.length;
    const slots = Math.ceil(n / s.batchSize);
    const total = layout.total;
    checkBinding(engine.bindingLimit, 4 * total, `train ${total} parameters`);
    const f = (label: string, floats: number) => createBuffer(engine, `train ${label}`, floats * 4);
    const rows = new TrainRows(engine, design, s.labels, s.batchSize);
    const shared: SharedBuffers = {
      num: rows.num,
      cat: rows.cat,
      labels: rows.labels,
      tableBase: uploadTableBase(engine, layout),
      params: uploadBuffer(engine, "train params", s.init),
      grad: f("grad", total),
      perm: rows.perm,
      seg: rows.seg,
      rowList: rows.rowList,
      rowLoss: f("row losses", n),
    };
    const bufs: Record<string, GPUBuffer> = {
      tableBase: shared.tableBase,
      params: shared.params,
      grad: shared.grad,
      rowLoss: shared.rowLoss,
      best: uploadBuffer(engine, "train best params", s.init),
      m: f("adam m", total),
      v: f("adam v", total),
      epochLoss: f("epoch losses", s.epochs),
    };
    const step = layout.layers.length === 1
      ? await LogisticStep.create(engine, s, shared, slots)
      : await MlpStep.create(engine, s, shared, slots);
    const adam = await adamwOp(engine, "train adamw", {
      params: shared.params,
      grad: shared.grad,
      m: bufs.m!,
      v: bufs.v!,
    }, slots);
    const lossSum = await lossSumOp(engine, "train loss_sum", {
      rowLoss: shared.rowLoss,
      out: bufs.epochLoss!,
    }, s.epochs);
    return new GpuTrainer(engine, s, bufs, rows, { step, adam, lossSum });
  }

  runEpoch(epoch: number, plan: EpochPlan, steps: readonly StepInfo[]): void {
    const { layout } = this.#s;
    const chunks = this.#rows.chunks(plan);
    for (const chunk of chunks) {
      for (let b = chunk.batchFirst; b < chunk.batchEnd; b++) {
        const batch = plan.batches[b]!;
        this.#step.set(b, { ...batch, segStart: batch.segStart - chunk.segBase }, steps[b]!);
        setAdamw(this.#adam, b, layout.total, adamStep(steps[b]!, this.#s.weightDecay, layout.decayEnd));
      }
    }
    setLossSum(this.#lossSum, epoch, {
      count: this.#s.labels.length,
      outSlot: epoch,
      scale: this.#s.invTotalWeight,
    });
    chunks.forEach((chunk, i) => {
      this.#rows.load(plan, chunk);
      const enc = this.#engine.device.createCommandEncoder({ label: `train epoch ${epoch} encoder` });
      const pass = enc.beginComputePass({ label: `train epoch ${epoch} pass` });
      for (let b = chunk.batchFirst; b < chunk.batchEnd; b++) {
        this.#step.encode(pass, b);
        this.#adam.encode(pass, b);
      }
      if (i === chunks.length - 1) this.#lossSum.encode(pass, epoch);
      pass.end();
      this.#engine.device.queue.submit([enc.finish()]);
    });
    this.#epochsRun = epoch + 1;
  }
  async takeLosses(): Promise<number[]> {
    const from = this.#epochsRead;
    if (from >= this.#epochsRun) return [];
    const out = await readFloats(this.#engine, this.#bufs.epochLoss!, this.#epochsRun - from, from);
    this.#epochsRead = this.#epochsRun;
    return [...out];
  }

  logits(design: Design): Promise<Float32Array> {
    const s = this.#s;
    return gpuLogits(this.#engine, s.layout, this.#bufs.params!, design, s.activation, this.#bufs.tableBase!);
  }

  #copy(from: GPUBuffer, to: GPUBuffer): void {
    const enc = this.#engine.device.createCommandEncoder({ label: `copy ${from.label} to ${to.label}` });
    enc.copyBufferToBuffer(from, 0, to, 0, this.#s.layout.total * 4);
    this.#engine.device.queue.submit([enc.finish()]);
  }

  saveBest(): void {
    this.#copy(this.#bufs.params!, this.#bufs.best!);
  }

  restoreBest(): void {
    this.#copy(this.#bufs.best!, this.#bufs.params!);
  }

  params(): Promise<Float32Array> {
    return readFloats(this.#engine, this.#bufs.params!, this.#s.layout.total);
  }

  destroy(): void {
    this.#step.destroy();
    this.#adam.destroy();
    this.#lossSum.destroy();
    for (const b of Object.values(this.#bufs)) b.destroy();
    this.#rows.destroy();
  }
}
