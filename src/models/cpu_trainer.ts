/**
 * The CPU reference trainer: the same steps as the GPU trainer, one pass
 * function at a time (src/cpu/*), in plain loops over logical widths. `fitMlp`
 * fits layouts without hidden layers with cpu_logistic.ts instead: the same bits
 * in one fused pass per row.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import { mat } from "../cpu/mat.ts";
import { linearBackward, linearForward } from "../cpu/linear.ts";
import { type Activation, activationBackward, activationForward } from "../cpu/activation.ts";
import { bceGrad } from "../cpu/bce_grad.ts";
import { lossSum } from "../cpu/loss_sum.ts";
import { adamw } from "../cpu/adamw.ts";
import { embedGather, type InputShape } from "../cpu/embed_gather.ts";
import { embedScatter, segmentSlice } from "../cpu/embed_scatter.ts";
import { layerSeed } from "../cpu/dropout.ts";
import type { MlpLayout } from "./layout.ts";
import { adamStep, type EpochPlan, type StepInfo } from "./epoch_plan.ts";
import type { TrainBackend, TrainSetup } from "./backend.ts";

/** The input-layer shape of `layout`. */
export function inputShape(layout: MlpLayout): InputShape {
  return { k: layout.numCols, c: layout.catSizes.length, e: layout.embedDim, tableBase: layout.tableBase };
}

/** Activations of one forward pass over at most `rows` rows. */
class Activations {
  readonly x0: Float32Array;
  readonly z: Float32Array[];
  readonly a: Float32Array[];

  constructor(layout: MlpLayout, rows: number) {
    this.x0 = new Float32Array(rows * layout.inputPad);
    this.z = layout.layers.map((l) => new Float32Array(rows * l.outPad));
    this.a = layout.layers.map((l) => new Float32Array(l.hidden ? rows * l.outPad : 0));
  }

  /** Forward pass of `rows` rows (`src[r]` = design row); logits end up in `z[last]` column 0. */
  forward(
    layout: MlpLayout,
    design: Design,
    src: ArrayLike<number>,
    rows: number,
    params: Float32Array,
    act: Activation,
    drop: { p: number; seed: number },
  ): void {
    embedGather({
      num: design.num,
      cat: design.cat,
      rows: src,
      n: rows,
      shape: inputShape(layout),
      params,
      x: mat(this.x0, 0, layout.inputPad),
    });
    let input = mat(this.x0, 0, layout.inputPad);
    layout.layers.forEach((l, i) => {
      const z = mat(this.z[i]!, 0, l.outPad);
      linearForward({
        x: input,
        w: mat(params, l.wOff, l.outPad),
        b: params,
        bOff: l.bOff,
        y: z,
        n: rows,
        k: l.inDim,
        m: l.outDim,
      });
      if (!l.hidden) return;
      const a = mat(this.a[i]!, 0, l.outPad);
      const mask = { p: drop.p, seed: layerSeed(drop.seed, i) };
      activationForward({ kind: act, z, a, n: rows, m: l.outDim, drop: mask });
      input = a;
    });
  }
}

/** Logits of every row of `design` (CPU reference, no dropout). */
export function cpuLogits(
  layout: MlpLayout,
  params: Float32Array,
  design: Design,
  act: Activation,
): Float32Array {
  const chunk = 1024;
  const acts = new Activations(layout, Math.min(chunk, Math.max(design.rows, 1)));
  const out = new Float32Array(design.rows);
  const src = new Uint32Array(chunk);
  const last = acts.z[acts.z.length - 1]!;
  for (let s = 0; s < design.rows; s += chunk) {
    const rows = Math.min(chunk, design.rows - s);
    for (let r = 0; r < rows; r++) src[r] = s + r;
    acts.forward(layout, design, src, rows, params, act, { p: 0, seed: 0 });
    for (let r = 0; r < rows; r++) out[s + r] = last[r * 4]!;
  }
  return out;
}

/** The CPU reference trainer. */
export class CpuTrainer implements TrainBackend {
  readonly usesSegments = true;
  readonly #s: TrainSetup;
  readonly #p: Float32Array;
  readonly #grad: Float32Array;
  readonly #m: Float32Array;
  readonly #v: Float32Array;
  readonly #acts: Activations;
  readonly #dz: Float32Array[];
  readonly #dx0: Float32Array;
  readonly #rowLoss: Float32Array;
  readonly #labels: Uint8Array;
  #best: Float32Array;
  #losses: number[] = [];

  constructor(s: TrainSetup) {
    this.#s = s;
    const total = s.layout.total;
    this.#p = s.init.slice();
    this.#best = this.#p.slice();
    this.#grad = new Float32Array(total);
    this.#m = new Float32Array(total);
    this.#v = new Float32Array(total);
    this.#acts = new Activations(s.layout, s.batchSize);
    this.#dz = s.layout.layers.map((l) => new Float32Array(s.batchSize * l.outPad));
    this.#dx0 = new Float32Array(s.batchSize * s.layout.inputPad);
    this.#rowLoss = new Float32Array(s.labels.length);
    this.#labels = new Uint8Array(s.batchSize);
  }

  runEpoch(_epoch: number, plan: EpochPlan, steps: readonly StepInfo[]): void {
    const { layout, design } = this.#s;
    const layers = layout.layers;
    const L = layers.length - 1;
    plan.batches.forEach((batch, b) => {
      const step = steps[b]!;
      const rows = batch.rows;
      const src = plan.perm.subarray(batch.start, batch.start + rows);
      this.#acts.forward(layout, design, src, rows, this.#p, this.#s.activation, {
        p: this.#s.dropout,
        seed: step.seed,
      });
      for (let r = 0; r < rows; r++) this.#labels[r] = this.#s.labels[src[r]!]!;
      const lastLd = layers[L]!.outPad;
      bceGrad({
        logits: mat(this.#acts.z[L]!, 0, lastLd),
        labels: this.#labels,
        posWeight: this.#s.posWeight,
        invWeightSum: batch.invWeightSum,
        grad: mat(this.#dz[L]!, 0, lastLd),
        rowLoss: this.#rowLoss,
        rowLossOff: batch.start,
        n: rows,
      });
      for (let l = L; l >= 0; l--) {
        const ly = layers[l]!;
        const input = l === 0
          ? mat(this.#acts.x0, 0, layout.inputPad)
          : mat(this.#acts.a[l - 1]!, 0, ly.inPad);
        const dx = l > 0
          ? mat(this.#dz[l - 1]!, 0, ly.inPad)
          : layout.catSizes.length > 0
          ? mat(this.#dx0, 0, layout.inputPad)
          : null;
        const w = mat(this.#p, ly.wOff, ly.outPad);
        const dw = mat(this.#grad, ly.wOff, ly.outPad);
        const dy = mat(this.#dz[l]!, 0, ly.outPad);
        linearBackward({
          x: input,
          w,
          dy,
          dw,
          db: this.#grad,
          dbOff: ly.bOff,
          dx,
          n: rows,
          k: ly.inDim,
          m: ly.outDim,
          dxFrom: l > 0 ? 0 : layout.numCols,
        });
        if (l > 0) {
          const z = mat(this.#acts.z[l - 1]!, 0, ly.inPad);
          const drop = { p: this.#s.dropout, seed: layerSeed(step.seed, l - 1) };
          activationBackward({ kind: this.#s.activation, z, g: dx!, n: rows, m: ly.inDim, drop });
        }
      }
      if (layout.catSizes.length > 0) {
        const seg = segmentSlice(plan.seg, batch.segStart, batch.segCount);
        embedScatter({
          segs: seg,
          dx: mat(this.#dx0, 0, layout.inputPad),
          shape: inputShape(layout),
          grad: this.#grad,
        });
      }
      const adam = adamStep(step, this.#s.weightDecay, layout.decayEnd);
      adamw({ params: this.#p, grad: this.#grad, m: this.#m, v: this.#v, step: adam });
    });
    const count = this.#rowLoss.length;
    this.#losses.push(lossSum({ rowLoss: this.#rowLoss, count, scale: this.#s.invTotalWeight }));
  }

  takeLosses(): Promise<number[]> {
    const out = this.#losses;
    this.#losses = [];
    return Promise.resolve(out);
  }

  logits(design: Design): Promise<Float32Array> {
    return Promise.resolve(cpuLogits(this.#s.layout, this.#p, design, this.#s.activation));
  }

  saveBest(): void {
    this.#best = this.#p.slice();
  }

  restoreBest(): void {
    this.#p.set(this.#best);
  }

  params(): Promise<Float32Array> {
    return Promise.resolve(this.#p.slice());
  }

  destroy(): void {}
}
