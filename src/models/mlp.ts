/**
 * The one neural engine: an MLP over numeric features and per-column category
 * embeddings, trained with AdamW on mini-batches, on the GPU (WebGPU kernels in
 * shaders/) or the CPU reference. Logistic regression is the MLP with no hidden
 * layer and embedding width 1 (one coefficient per category).
 *
 * Deterministic: the same data, options and seed give bit-identical parameters
 * on the same engine (seeded shuffles and initialisation, no float atomics,
 * fixed reduction orders).
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import { type Engine, isGpuEngine } from "../gpu/device.ts";
import { uploadBuffer } from "../gpu/buffers.ts";
import { Random } from "../random.ts";
import { bceLoss, sigmoid } from "../cpu/bce_grad.ts";
import type { Activation } from "../cpu/activation.ts";
import { initParams, type MlpLayout, mlpLayout } from "./layout.ts";
import { EpochPlanner, stepInfo } from "./epoch_plan.ts";
import type { TrainBackend, TrainSetup } from "./backend.ts";
import { cpuLogits, CpuTrainer } from "./cpu_trainer.ts";
import { CpuLogisticTrainer, isLogistic, logisticLogits } from "./cpu_logistic.ts";
import { GpuTrainer } from "./gpu_trainer.ts";
import { gpuLogits, uploadTableBase } from "./gpu_forward.ts";
import { validateDesign, validateOptions } from "./mlp_checks.ts";

/** Options of {@link fitMlp}. */
export interface MlpOptions {
  /** Widths of the hidden layers; `[]` = logistic regression. */
  readonly hidden: readonly number[];
  /** Embedding width per categorical column (logistic regression: 1 = one weight per category). */
  readonly embedDim: number;
  readonly activation: Activation;
  readonly epochs: number;
  readonly batchSize: number;
  /** AdamW learning rate and decoupled weight decay. */
  readonly learningRate: number;
  readonly weightDecay: number;
  readonly schedule: "constant" | "cosine";
  /** Weight of positive rows in the binary cross-entropy. */
  readonly posWeight: number;
  /** Dropout rate after each hidden activation; 0 = off. */
  readonly dropout: number;
  readonly seed: number;
}

/**
 * Logistic regression: no hidden layer, one weight per category. 6 epochs: on the three test-like
 * holdouts (`deno task holdout --seed 5/6/7`), 6 epochs of both members scored as 10 did (PR-AUC 0.729
 * against 0.729, grouped-CV PR-AUC 0.642 against 0.635) in 40% fewer passes (docs/speed.md).
 */
export const LOGISTIC_DEFAULTS: MlpOptions = Object.freeze({
  hidden: Object.freeze([]) as readonly number[],
  embedDim: 1,
  activation: "relu",
  epochs: 6,
  batchSize: 512,
  learningRate: 0.01,
  weightDecay: 1e-4,
  schedule: "cosine",
  posWeight: 1,
  dropout: 0,
  seed: 42,
});

/**
 * A 48-24 GELU MLP with 4-wide embeddings and light dropout. 6 epochs: as good as 10 on the holdouts and
 * grouped CV (see LOGISTIC_DEFAULTS; 20 overfit: PR-AUC 0.60 against 0.62) in 40% less time. 48-24
 * scored as 64-32 did (holdout PR-AUC within 0.002, grouped CV within 0.001) on 15% less CPU a fit;
 * 32-16 lost about 0.007 of holdout PR-AUC (docs/speed.md).
 */
export const MLP_DEFAULTS: MlpOptions = Object.freeze({
  hidden: Object.freeze([48, 24]) as readonly number[],
  embedDim: 4,
  activation: "gelu",
  epochs: 6,
  batchSize: 1024,
  learningRate: 3e-3,
  weightDecay: 1e-4,
  schedule: "cosine",
  posWeight: 1,
  dropout: 0.1,
  seed: 42,
});

/** A fitted model. `params` follows `layout` (see src/models/layout.ts). */
export interface FittedMlp {
  readonly options: MlpOptions;
  readonly numCols: number;
  readonly catSizes: readonly number[];
  readonly params: Float32Array;
  readonly layout: MlpLayout;
}

/** Optional callbacks and early stopping of {@link fitMlp}. */
export interface FitHooks {
  /** Called with each epoch's mean weighted training loss, in order (on the GPU in groups of a few epochs). */
  onEpoch?: (epoch: number, loss: number) => void;
  /** Rows scored after every epoch; the parameters with the lowest loss on them are kept. */
  validation?: { design: Design; labels: Uint8Array };
  /** Stop after this many epochs without a better validation loss. */
  patience?: number;
}

const LOSS_READ_EVERY = 5;

/** Mean weighted BCE of logits. */
function meanLoss(logits: Float32Array, labels: Uint8Array, posWeight: number): number {
  let sum = 0;
  let w = 0;
  for (let i = 0; i < logits.length; i++) {
    sum += bceLoss(logits[i]!, labels[i]! ? 1 : 0, posWeight);
    w += labels[i]! ? posWeight : 1;
  }
  return w > 0 ? sum / w : 0;
}

/**
 * Trains a model on `design` (rows) and `labels` (0/1 per row).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitMlp, LOGISTIC_DEFAULTS, predictMlp } from "./mlp.ts";
 * import { openEngine } from "../gpu/device.ts";
 * const engine = await openEngine("cpu");
 * const design = {
 *   rows: 2,
 *   num: new Float32Array([-1, 1]),
 *   numNames: ["x"],
 *   cat: new Uint32Array(0),
 *   catNames: [],
 *   catSizes: [],
 * };
 * const model = await fitMlp(engine, design, new Uint8Array([0, 1]), { ...LOGISTIC_DEFAULTS, epochs: 50 });
 * const p = await predictMlp(engine, model, design);
 * assert.ok(p[1]! > 0.5 && p[0]! < 0.5); // it learned that x > 0 converts
 * ```
 */
export async function fitMlp(
  engine: Engine,
  design: Design,
  labels: Uint8Array,
  options: MlpOptions,
  hooks: FitHooks = {},
): Promise<FittedMlp> {
  validateOptions(options);
  validateDesign(design, "training");
  if (labels.length !== design.rows) {
    throw new RangeError(`Cannot fit: ${labels.length} labels for ${design.rows} rows`);
  }
  if (design.rows === 0) throw new RangeError("Cannot fit: no training rows");
  if (hooks.patience !== undefined && !(Number.isInteger(hooks.patience) && hooks.patience >= 1)) {
    throw new RangeError(`Cannot fit: patience must be a positive integer, got ${hooks.patience}`);
  }
  const val = hooks.validation;
  if (val !== undefined) {
    validateDesign(val.design, "validation", design);
    if (val.labels.length !== val.design.rows) {
      throw new RangeError(`Cannot fit: ${val.labels.length} validation labels for ${val.design.rows} rows`);
    }
  }
  const numCols = design.numNames.length;
  const layout = mlpLayout(numCols, design.catSizes, options.embedDim, options.hidden);
  let totalWeight = 0;
  for (const y of labels) totalWeight += y ? options.posWeight : 1;
  const setup: TrainSetup = {
    layout,
    design,
    labels,
    init: initParams(layout, options.seed),
    activation: options.activation,
    batchSize: Math.min(options.batchSize, design.rows),
    posWeight: options.posWeight,
    weightDecay: options.weightDecay,
    dropout: options.dropout,
    epochs: options.epochs,
    invTotalWeight: 1 / totalWeight,
  };
  const backend: TrainBackend = isGpuEngine(engine)
    ? await GpuTrainer.create(engine, setup)
    : isLogistic(layout)
    ? new CpuLogisticTrainer(setup)
    : new CpuTrainer(setup);
  try {
    const rng = new Random(options.seed).fork(2);
    const nb = Math.ceil(design.rows / setup.batchSize);
    const totalSteps = options.epochs * nb;
    let reported = 0;
    const report = async () => {
      for (const loss of await backend.takeLosses()) hooks.onEpoch?.(reported++, loss);
    };
    const planner = new EpochPlanner(
      labels,
      design.cat,
      design.catSizes.length,
      setup.batchSize,
      options.posWeight,
      backend.usesSegments,
    );
    let best = Infinity;
    let bestEpoch = -1;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const plan = planner.plan(rng);
      const steps = plan.batches.map((_, b) =>
        stepInfo(epoch * nb + b + 1, totalSteps, options.learningRate, options.schedule, options.seed)
      );
      backend.runEpoch(epoch, plan, steps);
      if (val !== undefined) {
        const loss = meanLoss(await backend.logits(val.design), val.labels, options.posWeight);
        await report();
        if (loss < best) {
          best = loss;
          bestEpoch = epoch;
          backend.saveBest();
        } else if (hooks.patience !== undefined && epoch - bestEpoch >= hooks.patience) {
          break;
        }
      } else if ((epoch + 1) % LOSS_READ_EVERY === 0) {
        await report();
      }
    }
    await report();
    if (val !== undefined) backend.restoreBest();
    return fittedMlp(options, numCols, design.catSizes, await backend.params());
  } finally {
    backend.destroy();
  }
}

/**
 * A frozen fitted model from its options, input shape and parameters (which must follow the layout
 * those imply; checked by the callers that read untrusted input).
 */
export function fittedMlp(
  options: MlpOptions,
  numCols: number,
  catSizes: readonly number[],
  params: Float32Array,
): FittedMlp {
  return Object.freeze({
    options: Object.freeze({ ...options, hidden: Object.freeze([...options.hidden]) }),
    numCols,
    catSizes: Object.freeze([...catSizes]),
    params,
    layout: mlpLayout(numCols, catSizes, options.embedDim, options.hidden),
  });
}

/**
 * Probabilities of the positive class for every row of `design` (GPU engines
 * score all rows in large chunks with one read-back).
 */
export async function predictMlp(engine: Engine, model: FittedMlp, design: Design): Promise<Float32Array> {
  validateDesign(design, "prediction", { numNames: { length: model.numCols }, catSizes: model.catSizes });
  const act = model.options.activation;
  let logits: Float32Array;
  if (isGpuEngine(engine)) {
    const params = uploadBuffer(engine, "predict params", model.params);
    const tableBase = uploadTableBase(engine, model.layout);
    try {
      logits = await gpuLogits(engine, model.layout, params, design, act, tableBase);
    } finally {
      params.destroy();
      tableBase.destroy();
    }
  } else {
    logits = isLogistic(model.layout)
      ? logisticLogits(model.layout, model.params, design)
      : cpuLogits(model.layout, model.params, design, act);
  }
  return logits.map(sigmoid);
}
