import assert from "node:assert/strict";
import { assertClose } from "../_assert_close.ts";
import { gpuTest, ownEngine } from "../_gpu.ts";
import { synthetic } from "./_synthetic.ts";
import { rocAuc } from "../../src/metrics.ts";
import { openEngine } from "../../src/gpu/device.ts";
import {
  fitMlp,
  LOGISTIC_DEFAULTS,
  MLP_DEFAULTS,
  type MlpOptions,
  predictMlp,
} from "../../src/models/mlp.ts";
import { mlpFromJson, mlpToJson } from "../../src/artifact_mlp.ts";

const cpu = await openEngine("cpu");
const small = synthetic(7, 300, 5, [4, 13, 6], 0.3);
const LR: MlpOptions = { ...LOGISTIC_DEFAULTS, epochs: 3, batchSize: 64, posWeight: 2 };
const NET: MlpOptions = {
  ...MLP_DEFAULTS,
  hidden: [9, 5],
  embedDim: 3,
  epochs: 3,
  batchSize: 64,
  dropout: 0.2,
  activation: "gelu",
  schedule: "cosine",
};

async function fit(engine: Parameters<typeof fitMlp>[0], options: MlpOptions) {
  const losses: number[] = [];
  const model = await fitMlp(engine, small.design, small.labels, options, {
    onEpoch: (_e, l) => losses.push(l),
  });
  return { model, losses, probs: await predictMlp(engine, model, small.design) };
}

for (
  const [name, options] of [
    ["logistic regression", LR],
    ["logistic regression, 2-wide embeddings", {
      ...LR,
      embedDim: 2,
      schedule: "constant",
    }],
    ["MLP 9-5 gelu + dropout", NET],
    [
      "MLP 8 relu",
      { ...NET, hidden: [8], activation: "relu", dropout: 0, schedule: "constant" },
    ],
  ] as [string, MlpOptions][]
) {
  gpuTest(`${name}: GPU training matches the CPU reference step for step`, async (gpu) => {
    const a = await fit(cpu, options);
    const b = await fit(gpu, options);
    assert.equal(a.losses.length, options.epochs);
    assertClose(b.losses, a.losses, { atol: 1e-5, rtol: 1e-4, label: "epoch losses" });
    assertClose(b.model.params, a.model.params, { atol: 1e-4, rtol: 1e-3, label: "params" });
    assertClose(b.probs, a.probs, { atol: 1e-4, rtol: 1e-3, label: "probabilities" });
  });

  gpuTest(`${name}: two GPU runs with one seed give bit-identical params`, async (gpu) => {
    const a = await fitMlp(gpu, small.design, small.labels, options);
    const b = await fitMlp(gpu, small.design, small.labels, options);
    assert.deepEqual(new Uint32Array(b.params.buffer), new Uint32Array(a.params.buffer));
  });
}

Deno.test("CPU training is deterministic and the seed matters", async () => {
  const a = await fitMlp(cpu, small.design, small.labels, NET);
  const b = await fitMlp(cpu, small.design, small.labels, NET);
  const c = await fitMlp(cpu, small.design, small.labels, { ...NET, seed: 43 });
  assert.deepEqual(new Uint32Array(b.params.buffer), new Uint32Array(a.params.buffer));
  assert.notDeepEqual(new Uint32Array(c.params.buffer), new Uint32Array(a.params.buffer));
});

Deno.test("logistic regression learns a separable problem (CPU)", async () => {
  const { design, labels } = synthetic(3, 2000, 6, [5, 30]);
  const model = await fitMlp(cpu, design, labels, { ...LOGISTIC_DEFAULTS, epochs: 15, learningRate: 0.05 });
  const a = rocAuc(labels, await predictMlp(cpu, model, design));
  assert.ok(a > 0.98, `AUC ${a}`);
});

gpuTest("logistic regression learns a separable problem (GPU) and predicts held-out rows", async (gpu) => {
  const { design, labels } = synthetic(3, 2500, 6, [5, 30]);
  const cut = 2000;
  const part = (from: number, to: number) => ({
    design: {
      ...design,
      rows: to - from,
      num: design.num.slice(from * 6, to * 6),
      cat: design.cat.slice(from * 2, to * 2),
    },
    labels: labels.slice(from, to),
  });
  const train = part(0, cut);
  const test = part(cut, 2500);
  const epochs: number[] = [];
  const model = await fitMlp(gpu, train.design, train.labels, {
    ...LOGISTIC_DEFAULTS,
    epochs: 15,
    learningRate: 0.05,
  }, {
    validation: test,
    patience: 3,
    onEpoch: (e) => epochs.push(e),
  });
  assert.deepEqual(epochs, epochs.map((_, i) => i));
  const a = rocAuc(test.labels, await predictMlp(gpu, model, test.design));
  assert.ok(a > 0.97, `held-out AUC ${a}`);
});

Deno.test("mlpToJson / mlpFromJson round-trip and reject bad shapes", async () => {
  const model = await fitMlp(cpu, small.design, small.labels, { ...NET, epochs: 1 });
  const back = mlpFromJson(JSON.parse(JSON.stringify(mlpToJson(model))));
  assert.deepEqual(back.params, model.params);
  assert.deepEqual(back.options, model.options);
  assertClose(await predictMlp(cpu, back, small.design), await predictMlp(cpu, model, small.design), {
    atol: 0,
  });
  const json = mlpToJson(model) as Record<string, unknown>;
  assert.throws(() => mlpFromJson({ ...json, catSizes: [4, 13] }), TypeError);
  assert.throws(() => mlpFromJson({ ...json, params: "AAAA" }), TypeError);
  assert.throws(() => mlpFromJson({ ...json, format: "other" }), TypeError);
  assert.throws(() => mlpFromJson({ ...json, options: { ...NET, batchSize: 0 } }), /batchSize/);
});

Deno.test("fitMlp validates options and data when it starts", async () => {
  const bad: [Partial<MlpOptions>, RegExp][] = [
    [{ batchSize: 0 }, /batchSize/],
    [{ dropout: 1 }, /dropout/],
    [{ hidden: [0] }, /hidden/],
    [{ learningRate: -1 }, /learningRate/],
    [{ activation: "tanh" as "relu" }, /activation/],
    [{ schedule: "step" as "cosine" }, /schedule/],
    [{ epochs: 1.5 }, /epochs/],
  ];
  for (const [patch, re] of bad) {
    await assert.rejects(fitMlp(cpu, small.design, small.labels, { ...NET, ...patch }), RangeError);
    await assert.rejects(fitMlp(cpu, small.design, small.labels, { ...NET, ...patch }), re);
  }
  await assert.rejects(fitMlp(cpu, small.design, small.labels.subarray(1), NET), /labels/);
  const cat = small.design.cat.slice();
  cat[4] = 99;
  await assert.rejects(
    fitMlp(cpu, { ...small.design, cat }, small.labels, NET),
    /row 1 column "c1" has index 99/,
  );
});

Deno.test("openEngine('cpu') is the reference engine", async () => {
  const e = await openEngine("cpu");
  assert.equal(e.kind, "cpu");
  assert.match(e.description, /^cpu/);
});

gpuTest("openEngine('auto') prefers the GPU and says so", async () => {
  const e = await ownEngine("auto");
  assert.equal(e.kind, "gpu");
  assert.match(e.description, /^gpu: /);
  e.destroy();
});
