import assert from "node:assert/strict";
import { synthetic } from "./_synthetic.ts";
import type { Design } from "../../src/features/design.ts";
import { openEngine } from "../../src/gpu/device.ts";
import { Random } from "../../src/random.ts";
import { initParams, mlpLayout } from "../../src/models/layout.ts";
import { EpochPlanner, stepInfo } from "../../src/models/epoch_plan.ts";
import type { TrainBackend, TrainSetup } from "../../src/models/backend.ts";
import { cpuLogits, CpuTrainer } from "../../src/models/cpu_trainer.ts";
import { CpuLogisticTrainer, logisticLogits } from "../../src/models/cpu_logistic.ts";
import { fitMlp, LOGISTIC_DEFAULTS, type MlpOptions } from "../../src/models/mlp.ts";

/** Asserts SameValue element by element (bit for bit up to NaN payloads; +0 and −0 differ). */
function assertSame(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      assert.fail(`${label}[${i}]: ${actual[i]} instead of ${expected[i]}`);
    }
  }
}

/** A synthetic design with some numeric zeros (the reference skips them), one of them −0. */
function designWithZeros(seed: number, rows: number, k: number, sizes: number[]) {
  const { design, labels } = synthetic(seed, rows, k, sizes, 0.5);
  const rng = new Random(seed + 100);
  for (let i = 0; i < design.num.length; i++) if (rng.next() < 0.2) design.num[i] = 0;
  if (design.num.length > 0) design.num[0] = -0;
  return { design, labels };
}

/** The setup fitMlp makes for `options`. */
function setupOf(design: Design, labels: Uint8Array, o: MlpOptions, init?: Float32Array): TrainSetup {
  const layout = mlpLayout(design.numNames.length, design.catSizes, o.embedDim, o.hidden);
  let total = 0;
  for (const y of labels) total += y ? o.posWeight : 1;
  return {
    layout,
    design,
    labels,
    init: init ?? initParams(layout, o.seed),
    activation: o.activation,
    batchSize: Math.min(o.batchSize, design.rows),
    posWeight: o.posWeight,
    weightDecay: o.weightDecay,
    dropout: o.dropout,
    epochs: o.epochs,
    invTotalWeight: 1 / total,
  };
}

/** Runs `backend` as fitMlp does (no validation) and records the parameters and losses after each epoch. */
async function drive(backend: TrainBackend, s: TrainSetup, o: MlpOptions) {
  const rng = new Random(o.seed).fork(2);
  const nb = Math.ceil(s.design.rows / s.batchSize);
  const planner = new EpochPlanner(
    s.labels,
    s.design.cat,
    s.design.catSizes.length,
    s.batchSize,
    o.posWeight,
    backend.usesSegments,
  );
  const params: Float32Array[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const plan = planner.plan(rng);
    const steps = plan.batches.map((_, b) =>
      stepInfo(epoch * nb + b + 1, o.epochs * nb, o.learningRate, o.schedule, o.seed)
    );
    backend.runEpoch(epoch, plan, steps);
    params.push(await backend.params());
  }
  return { params, losses: await backend.takeLosses() };
}

const CASES: [string, number, number, number[], Partial<MlpOptions>][] = [
  ["3 categorical columns, batch 64 of 203 rows", 203, 5, [4, 13, 6], { batchSize: 64 }],
  ["odd batch of 7, posWeight 2.5, constant rate", 61, 3, [9, 2], {
    batchSize: 7,
    posWeight: 2.5,
    schedule: "constant",
  }],
  ["2-wide embeddings, batch 50", 150, 4, [5, 3, 8], { embedDim: 2, batchSize: 50 }],
  ["numeric columns only", 90, 6, [], { batchSize: 32 }],
  ["categorical columns only, one batch", 40, 0, [7, 3], { batchSize: 64 }],
];

for (const [name, rows, k, sizes, over] of CASES) {
  Deno.test(`fused CPU logistic trainer = generic CPU reference bit for bit: ${name}`, async () => {
    const { design, labels } = designWithZeros(rows + k, rows, k, sizes);
    const o: MlpOptions = { ...LOGISTIC_DEFAULTS, epochs: 4, learningRate: 0.05, ...over };
    const s = setupOf(design, labels, o);
    const generic = await drive(new CpuTrainer(s), s, o);
    const fusedTrainer = new CpuLogisticTrainer(s);
    const fused = await drive(fusedTrainer, s, o);
    generic.params.forEach((p, e) => assertSame(fused.params[e]!, p, `params after epoch ${e}`));
    assertSame(fused.losses, generic.losses, "epoch losses");
    const scored = designWithZeros(7, 33, k, sizes).design;
    const last = generic.params[generic.params.length - 1]!;
    const reference = cpuLogits(s.layout, last, scored, o.activation);
    assertSame(await fusedTrainer.logits(scored), reference, "logits");
    assertSame(logisticLogits(s.layout, last, scored), reference, "logisticLogits");
  });
}

Deno.test("fused CPU logistic trainer skips zero inputs as the reference does, with infinite weights or a NaN input", async () => {
  const { design, labels } = designWithZeros(5, 80, 4, [6, 3]);
  // one step, before NaN has spread to every parameter
  const o: MlpOptions = { ...LOGISTIC_DEFAULTS, epochs: 1, batchSize: 80 };
  design.num[4 + 1] = NaN; // row 1's logit and loss gradient are NaN: its zero inputs must add nothing
  design.num[4 + 2] = 0;
  const layout = mlpLayout(4, [6, 3], 1, []);
  const init = initParams(layout, 1);
  init[layout.layers[0]!.bOff] = -0;
  init[layout.layers[0]!.wOff] = Infinity; // 0 · Inf is NaN: only the inputs that are not 0 may read it
  init[layout.layers[0]!.wOff + 4 * 4] = -Infinity; // the weight of the first embedding input
  const s = setupOf(design, labels, o, init);
  const generic = await drive(new CpuTrainer(s), s, o);
  const fused = await drive(new CpuLogisticTrainer(s), s, o);
  assertSame(fused.params[0]!, generic.params[0]!, "params");
  assertSame(fused.losses, generic.losses, "epoch losses");
});

Deno.test("fitMlp on the CPU fits logistic regression with the fused trainer, as the reference would", async () => {
  const { design, labels } = designWithZeros(11, 120, 3, [5, 4]);
  const o: MlpOptions = { ...LOGISTIC_DEFAULTS, epochs: 3, batchSize: 25, seed: 9 };
  const losses: number[] = [];
  const model = await fitMlp(await openEngine("cpu"), design, labels, o, {
    onEpoch: (_e, l) => losses.push(l),
  });
  const s = setupOf(design, labels, o);
  const generic = await drive(new CpuTrainer(s), s, o);
  assertSame(model.params, generic.params[o.epochs - 1]!, "params");
  assertSame(losses, generic.losses, "epoch losses");
});

Deno.test("CpuLogisticTrainer refuses a layout with hidden layers", () => {
  const { design, labels } = synthetic(1, 10, 2, [3]);
  const s = setupOf(design, labels, { ...LOGISTIC_DEFAULTS, hidden: [4], embedDim: 2 });
  assert.throws(() => new CpuLogisticTrainer(s), /hidden layers/);
});
