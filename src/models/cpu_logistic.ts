/**
 * The CPU trainer of models without hidden layers (logistic regression): the
 * generic CPU reference (cpu_trainer.ts) fused into one pass per row, bit for bit.
 * The reference gathers a padded input matrix, writes 4-wide outputs and
 * gradients, and needs the plan's segments to sum embedding gradients; here each
 * row's logit, loss gradient, weight and bias gradient sums and embedding
 * gradient sums are made at once, in plain typed-array loops.
 *
 * Why it is the same arithmetic: every sum of the reference is a JS-number (f64)
 * sum in row order stored to f32 — the logit (linearForward, skipping zero
 * inputs), the weight and bias gradients (linearBackward) and each (column,
 * category) embedding gradient (embedScatter over a segment's ascending rows of
 * the f32 `dx = dz·w`) — so keeping one f64 accumulator per sum and adding rows
 * in batch order gives the same bits (the reference's `dx` is `0 + dz·w`, which
 * differs only in the sign of a zero, and a zero term leaves a sum that starts at
 * +0 as it is). The AdamW step is src/cpu/adamw.ts's expression with its
 * constants hoisted; the plan's shuffle and batches are the reference's.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import { bceLoss, sigmoid } from "../cpu/bce_grad.ts";
import { lossSum } from "../cpu/loss_sum.ts";
import type { MlpLayout } from "./layout.ts";
import { ADAM, type EpochPlan, type StepInfo } from "./epoch_plan.ts";
import type { TrainBackend, TrainSetup } from "./backend.ts";

/** Whether `layout` has no hidden layer, so {@link CpuLogisticTrainer} and {@link logisticLogits} apply. */
export function isLogistic(layout: MlpLayout): boolean {
  return layout.layers.length === 1;
}

/** The weights that read input i, `params[wOff + i·outPad]`, as one contiguous column. */
function weightColumn(layout: MlpLayout, params: Float32Array, out: Float64Array): Float64Array {
  const l = layout.layers[0]!;
  for (let i = 0; i < l.inDim; i++) out[i] = params[l.wOff + i * l.outPad]!;
  return out;
}

/**
 * Logits of every row of `design` for a layout without hidden layers: the same bits as
 * cpu_trainer.ts's `cpuLogits`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logisticLogits } from "./cpu_logistic.ts";
 * import { mlpLayout } from "./layout.ts";
 * // one numeric column and one categorical column of 2 categories
 * const layout = mlpLayout(1, [2], 1, []);
 * const params = new Float32Array(layout.total);
 * params[1] = 0.5; // category 1's coefficient
 * params[layout.layers[0]!.wOff] = 2; // the numeric weight
 * params[layout.layers[0]!.wOff + 4] = 1; // the weight that reads the embedding
 * params[layout.layers[0]!.bOff] = -1;
 * const design = {
 *   rows: 2,
 *   num: new Float32Array([1, 3]),
 *   numNames: ["x"],
 *   cat: new Uint32Array([0, 1]),
 *   catNames: ["c"],
 *   catSizes: [2],
 * };
 * assert.deepEqual(Array.from(logisticLogits(layout, params, design)), [1, 5.5]);
 * ```
 */
export function logisticLogits(layout: MlpLayout, params: Float32Array, design: Design): Float32Array {
  const l = layout.layers[0]!;
  const k = layout.numCols;
  const c = layout.catSizes.length;
  const e = layout.embedDim;
  const tableBase = Int32Array.from(layout.tableBase);
  const w = weightColumn(layout, params, new Float64Array(l.inDim));
  const bias = params[l.bOff]!;
  const { num, cat } = design;
  const out = new Float32Array(design.rows);
  for (let row = 0; row < design.rows; row++) {
    let acc = bias;
    const nb = row * k;
    for (let i = 0; i < k; i++) {
      const xv = num[nb + i]!;
      if (xv !== 0) acc += xv * w[i]!;
    }
    const cb = row * c;
    for (let j = 0; j < c; j++) {
      const base = tableBase[j]! + cat[cb + j]! * e;
      const wb = k + j * e;
      for (let t = 0; t < e; t++) {
        const xv = params[base + t]!;
        if (xv !== 0) acc += xv * w[wb + t]!;
      }
    }
    out[row] = acc;
  }
  return out;
}

/**
 * One AdamW step over `params[from, to)` with decay rate `decay`, reading the gradient as
 * `fround(g[i])` and zeroing it: src/cpu/adamw.ts's expression, term for term.
 */
function adamRange(
  s: { p: Float32Array; g: Float64Array; m: Float32Array; v: Float32Array },
  from: number,
  to: number,
  decay: number,
  lr: number,
  bc1: number,
  bc2: number,
): void {
  const { p: params, g: grad, m, v } = s;
  const b1 = ADAM.beta1;
  const b2 = ADAM.beta2;
  const c1 = 1 - b1;
  const c2 = 1 - b2;
  const eps = ADAM.eps;
  for (let i = from; i < to; i++) {
    const g = Math.fround(grad[i]!);
    const mi = b1 * m[i]! + c1 * g;
    const vi = b2 * v[i]! + c2 * g * g;
    m[i] = mi;
    v[i] = vi;
    const p = params[i]!;
    params[i] = p - lr * ((mi / bc1) / (Math.sqrt(vi / bc2) + eps) + decay * p);
    grad[i] = 0;
  }
}

/**
 * For each embedding input `j·e + t` (column j, entry t): its column, and where its parameter is for
 * category 0 (`tableBase[j] + t`); the parameter of a row's category v is at `base + v·e`.
 */
function embeddingInputs(layout: MlpLayout): { col: Int32Array; base: Int32Array } {
  const e = layout.embedDim;
  const n = layout.catSizes.length * e;
  const col = new Int32Array(n);
  const base = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    col[i] = Math.floor(i / e);
    base[i] = layout.tableBase[col[i]!]! + (i % e);
  }
  return { col, base };
}

/** The fused CPU trainer of a layout without hidden layers; bit-identical to `CpuTrainer`. */
export class CpuLogisticTrainer implements TrainBackend {
  /** Embedding gradients are summed per category in row order, without the plan's segments. */
  readonly usesSegments = false;
  readonly #s: TrainSetup;
  readonly #p: Float32Array;
  /** Gradient sums (f64, as the reference's accumulators), rounded to f32 when AdamW reads them. */
  readonly #g: Float64Array;
  readonly #m: Float32Array;
  readonly #v: Float32Array;
  /** The weight column of the current batch, by input. */
  readonly #w: Float64Array;
  /** Weight-gradient sums of the current batch, by input. */
  readonly #dw: Float64Array;
  readonly #inputs: { col: Int32Array; base: Int32Array };
  readonly #rowLoss: Float32Array;
  #best: Float32Array;
  #losses: number[] = [];

  constructor(s: TrainSetup) {
    if (!isLogistic(s.layout)) throw new RangeError("CpuLogisticTrainer: the layout has hidden layers");
    this.#s = s;
    const total = s.layout.total;
    const inputs = s.layout.layers[0]!.inDim;
    this.#p = s.init.slice();
    this.#best = this.#p.slice();
    this.#g = new Float64Array(total);
    this.#m = new Float32Array(total);
    this.#v = new Float32Array(total);
    this.#w = new Float64Array(inputs);
    this.#dw = new Float64Array(inputs);
    this.#inputs = embeddingInputs(s.layout);
    this.#rowLoss = new Float32Array(s.labels.length);
  }

  runEpoch(_epoch: number, plan: EpochPlan, steps: readonly StepInfo[]): void {
    const { layout, weightDecay } = this.#s;
    const state = { p: this.#p, g: this.#g, m: this.#m, v: this.#v };
    plan.batches.forEach((batch, b) => {
      const step = steps[b]!;
      this.#gradient(plan.perm, batch.start, batch.rows, batch.invWeightSum);
      adamRange(state, 0, layout.decayEnd, weightDecay, step.lr, step.bc1, step.bc2);
      adamRange(state, layout.decayEnd, layout.total, 0, step.lr, step.bc1, step.bc2);
    });
    const rowLoss = this.#rowLoss;
    this.#losses.push(lossSum({ rowLoss, count: rowLoss.length, scale: this.#s.invTotalWeight }));
  }

  /**
   * The batch `perm[start, start + rows)`: row losses, and the gradient sums in `#g`. A numeric input of 0
   * adds ±0 to a sum that is never −0 (sums start at +0 or at the bias, and a sum of nonzero terms is
   * never −0), which changes nothing: so the numeric loops skip the reference's `x === 0` test whenever
   * the other factor is finite (a weight or `dz`; a zero times Inf or NaN would not be ±0).
   */
  #gradient(perm: Uint32Array, start: number, rows: number, inv: number): void {
    const { layout, design, labels, posWeight } = this.#s;
    const l = layout.layers[0]!;
    const k = layout.numCols;
    const c = layout.catSizes.length;
    const e = layout.embedDim;
    const ce = c * e;
    const { num, cat } = design;
    const { col, base } = this.#inputs;
    const params = this.#p;
    const g = this.#g;
    const w = weightColumn(layout, params, this.#w);
    const dw = this.#dw.fill(0);
    const rowLoss = this.#rowLoss;
    const bias = params[l.bOff]!;
    let plainSum = !Object.is(bias, -0);
    for (let i = 0; i < k; i++) if (!Number.isFinite(w[i]!)) plainSum = false;
    let db = 0;
    for (let r = 0; r < rows; r++) {
      const row = perm[start + r]!;
      // forward: the logit, summed in linearForward's order
      let acc = bias;
      const nb = row * k;
      if (plainSum) {
        for (let i = 0; i < k; i++) acc += num[nb + i]! * w[i]!;
      } else {
        for (let i = 0; i < k; i++) {
          const xv = num[nb + i]!;
          if (xv !== 0) acc += xv * w[i]!;
        }
      }
      const cb = row * c;
      for (let j = 0; j < ce; j++) {
        const xv = params[base[j]! + cat[cb + col[j]!]! * e]!;
        if (xv !== 0) acc += xv * w[k + j]!;
      }
      const z = Math.fround(acc);
      // loss gradient (bceGrad)
      const y = labels[row]! ? 1 : 0;
      const dz = Math.fround((y ? posWeight : 1) * (sigmoid(z) - y) * inv);
      rowLoss[start + r] = bceLoss(z, y, posWeight);
      // backward: linearBackward's weight and bias sums; embedScatter's per-category sums of dx = dz·w
      db += dz;
      if (Number.isFinite(dz)) {
        for (let i = 0; i < k; i++) dw[i]! += num[nb + i]! * dz;
      } else {
        for (let i = 0; i < k; i++) {
          const xv = num[nb + i]!;
          if (xv !== 0) dw[i]! += xv * dz;
        }
      }
      for (let j = 0; j < ce; j++) {
        const idx = base[j]! + cat[cb + col[j]!]! * e;
        const xv = params[idx]!;
        if (xv !== 0) dw[k + j]! += xv * dz;
        g[idx]! += Math.fround(dz * w[k + j]!);
      }
    }
    for (let i = 0; i < l.inDim; i++) g[l.wOff + i * l.outPad] = Math.fround(dw[i]!);
    g[l.bOff] = Math.fround(db);
  }

  takeLosses(): Promise<number[]> {
    const out = this.#losses;
    this.#losses = [];
    return Promise.resolve(out);
  }

  logits(design: Design): Promise<Float32Array> {
    return Promise.resolve(logisticLogits(this.#s.layout, this.#p, design));
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
