/**
 * The step programs of the GPU trainer (`GpuTrainer`, gpu_trainer.ts): the dispatches of
 * one mini-batch step before the optimizer, for an MLP (gather, fused matmuls, loss gradient,
 * matmul backward, embedding scatter) and, fused, for a model without hidden layers.
 *
 * @module
 */

import type { GpuEngine } from "../gpu/device.ts";
import { createBuffer, type Op } from "../gpu/buffers.ts";
import { matmulOp, setMatmul } from "../gpu/kernels/matmul.ts";
import { bceGradOp, setBceGrad } from "../gpu/kernels/bce_grad.ts";
import { embedScatterOp, setEmbedScatter } from "../gpu/kernels/embed_scatter.ts";
import { layerSeed } from "../cpu/dropout.ts";
import {
  inputVec4s,
  type LogisticStepBuffers,
  logisticStepOps,
  setLogisticStep,
} from "../gpu/kernels/logistic_step.ts";
import { ForwardChain } from "./gpu_forward.ts";
import type { Batch, StepInfo } from "./epoch_plan.ts";
import type { TrainSetup } from "./backend.ts";

/** The dispatches of one mini-batch step before the optimizer: forward, loss gradient, backward. */
export interface StepProgram {
  /** Sets slot `b` to batch `batch` with step state `step`. */
  set(b: number, batch: Batch, step: StepInfo): void;
  encode(pass: GPUComputePassEncoder, b: number): void;
  destroy(): void;
}

/** Buffers every step program reads or writes (those of the fused logistic step, less its own). */
export type SharedBuffers = Omit<LogisticStepBuffers, "dz" | "xs">;

interface LayerOps {
  /** Weight and bias gradient. */
  readonly wgrad: Op;
  /** Gradient with respect to the layer's input (absent for layer 0 without categorical columns). */
  readonly dgrad: Op | null;
}

/** The generic step: gather, fused matmuls, loss gradient, matmul backward, embedding scatter. */
export class MlpStep implements StepProgram {
  readonly #s: TrainSetup;
  readonly #chain: ForwardChain;
  readonly #layers: LayerOps[];
  readonly #bce: Op;
  readonly #scatter: Op | null;
  readonly #own: GPUBuffer[];

  private constructor(
    s: TrainSetup,
    chain: ForwardChain,
    ops: { layers: LayerOps[]; bce: Op; scatter: Op | null },
    own: GPUBuffer[],
  ) {
    this.#s = s;
    this.#chain = chain;
    this.#layers = ops.layers;
    this.#bce = ops.bce;
    this.#scatter = ops.scatter;
    this.#own = own;
  }

  static async create(
    engine: GpuEngine,
    s: TrainSetup,
    bufs: SharedBuffers,
    slots: number,
  ): Promise<MlpStep> {
    const { layout } = s;
    const B = s.batchSize;
    const catCols = layout.catSizes.length;
    const f = (label: string, floats: number) => createBuffer(engine, `train ${label}`, floats * 4);
    const dummy = f("unused", 4);
    const dx0 = f("dx0", B * layout.inputPad);
    const dz = layout.layers.map((l, i) => f(`dz${i}`, B * l.outPad));
    const logits = f("logits", B * 4);
    const last = layout.layers.length - 1;
    const chain = await ForwardChain.create(engine, {
      layout,
      act: s.activation,
      bufs: { perm: bufs.perm, num: bufs.num, cat: bufs.cat, tableBase: bufs.tableBase, params: bufs.params },
      logits,
      maxRows: B,
      slots,
      label: "train",
    });
    const layers: LayerOps[] = [];
    for (let i = 0; i < layout.layers.length; i++) {
      const input = i === 0 ? chain.x0 : chain.a[i - 1]!;
      const l = layout.layers[i]!;
      const wgrad = await matmulOp(
        engine,
        `train layer ${i} weight and bias grad`,
        { mode: "tn", epilogue: "bias_grad", narrow: l.outPad <= 4 },
        { a: input, b: dz[i]!, bias: bufs.params, z: dummy, c: bufs.grad },
        slots,
      );
      let dgrad: Op | null = null;
      if (i > 0 || catCols > 0) {
        dgrad = await matmulOp(
          engine,
          `train layer ${i} input grad`,
          { mode: "nt", epilogue: i > 0 ? "act_grad" : "none" },
          {
            a: dz[i]!,
            b: bufs.params,
            bias: bufs.params,
            z: i > 0 ? chain.z[i - 1]! : dummy,
            c: i > 0 ? dz[i - 1]! : dx0,
          },
          slots,
        );
      }
      layers.push({ wgrad, dgrad });
    }
    const bce = await bceGradOp(engine, "train bce_grad", {
      perm: bufs.perm,
      labels: bufs.labels,
      logits,
      grad: dz[last]!,
      rowLoss: bufs.rowLoss,
    }, slots);
    const scatter = catCols === 0 ? null : await embedScatterOp(engine, "train embed_scatter", {
      seg: bufs.seg,
      rowList: bufs.rowList,
      tableBase: bufs.tableBase,
      dx: dx0,
      grad: bufs.grad,
    }, slots);
    return new MlpStep(s, chain, { layers, bce, scatter }, [dummy, dx0, logits, ...dz]);
  }

  set(b: number, batch: Batch, step: StepInfo): void {
    const { layout } = this.#s;
    const last = layout.layers.length - 1;
    const rows = batch.rows;
    this.#chain.set(b, batch.start, rows, { p: this.#s.dropout, seed: step.seed }, 0);
    setBceGrad(this.#bce, b, {
      start: batch.start,
      rows,
      ld: layout.layers[last]!.outPad,
      posWeight: this.#s.posWeight,
      invWeightSum: batch.invWeightSum,
    });
    layout.layers.forEach((l, i) => {
      const ops = this.#layers[i]!;
      setMatmul(ops.wgrad, b, {
        m: l.inPad,
        n: l.outPad,
        k: rows,
        lda: l.inPad,
        ldb: l.outPad,
        ldc: l.outPad,
        cOff: l.wOff,
        biasOff: l.bOff,
      });
      if (ops.dgrad !== null) {
        // layer 0 only needs the gradient of the embedding columns (from the vec4 holding column k)
        const from = i > 0 ? 0 : Math.floor(layout.numCols / 4) * 4;
        setMatmul(ops.dgrad, b, {
          m: rows,
          n: l.inPad - from,
          k: l.outPad,
          lda: l.outPad,
          ldb: l.outPad,
          ldc: l.inPad,
          bOff: l.wOff + from * l.outPad,
          cOff: from,
          act: i > 0 ? this.#s.activation : "none",
          seed: i > 0 ? layerSeed(step.seed, i - 1) : 0,
          dropP: i > 0 ? this.#s.dropout : 0,
        });
      }
    });
    if (this.#scatter !== null) {
      setEmbedScatter(this.#scatter, b, {
        segStart: batch.segStart,
        segCount: batch.segCount,
        k: layout.numCols,
        e: layout.embedDim,
        ld: layout.inputPad,
      });
    }
  }

  encode(pass: GPUComputePassEncoder, b: number): void {
    this.#chain.encode(pass, b);
    this.#bce.encode(pass, b);
    for (let i = this.#layers.length - 1; i >= 0; i--) {
      const ops = this.#layers[i]!;
      ops.wgrad.encode(pass, b);
      ops.dgrad?.encode(pass, b);
    }
    this.#scatter?.encode(pass, b);
  }

  destroy(): void {
    this.#chain.destroy();
    for (const l of this.#layers) for (const op of [l.wgrad, l.dgrad]) op?.destroy();
    this.#bce.destroy();
    this.#scatter?.destroy();
    for (const buf of this.#own) buf.destroy();
  }
}

/** The fused step of a model without hidden layers (two dispatches). */
export class LogisticStep implements StepProgram {
  readonly #s: TrainSetup;
  readonly #ops: { forward: Op; backward: Op };
  readonly #own: GPUBuffer[];

  private constructor(s: TrainSetup, ops: { forward: Op; backward: Op }, own: GPUBuffer[]) {
    this.#s = s;
    this.#ops = ops;
    this.#own = own;
  }

  static async create(
    engine: GpuEngine,
    s: TrainSetup,
    bufs: SharedBuffers,
    slots: number,
  ): Promise<LogisticStep> {
    const { layout } = s;
    const shape = { k: layout.numCols, c: layout.catSizes.length, e: layout.embedDim };
    const dz = createBuffer(engine, "train dz", s.batchSize * 4);
    const xs = createBuffer(engine, "train inputs", s.batchSize * inputVec4s(shape) * 16);
    const ops = await logisticStepOps(engine, "train logistic step", shape, { ...bufs, dz, xs }, slots);
    return new LogisticStep(s, ops, [dz, xs]);
  }

  set(b: number, batch: Batch): void {
    const l = this.#s.layout.layers[0]!;
    setLogisticStep(this.#ops, b, {
      start: batch.start,
      rows: batch.rows,
      segStart: batch.segStart,
      segCount: batch.segCount,
      wOff: l.wOff,
      bOff: l.bOff,
      posWeight: this.#s.posWeight,
      invWeightSum: batch.invWeightSum,
    });
  }

  encode(pass: GPUComputePassEncoder, b: number): void {
    this.#ops.forward.encode(pass, b);
    this.#ops.backward.encode(pass, b);
  }

  destroy(): void {
    this.#ops.forward.destroy();
    this.#ops.backward.destroy();
    for (const buf of this.#own) buf.destroy();
  }
}
