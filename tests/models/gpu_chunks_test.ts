import assert from "node:assert/strict";
import { gpuTest } from "../_gpu.ts";
import { synthetic } from "./_synthetic.ts";
import type { GpuEngine } from "../../src/gpu/device.ts";
import { GpuUnavailableError } from "../../src/errors.ts";
import { rowsPerChunk } from "../../src/models/gpu_chunks.ts";
import { TrainRows } from "../../src/models/gpu_rows.ts";
import {
  fitMlp,
  LOGISTIC_DEFAULTS,
  MLP_DEFAULTS,
  type MlpOptions,
  predictMlp,
} from "../../src/models/mlp.ts";

// 300 rows, 5 numeric (stride 8: 32 bytes a row) and 3 categorical columns: a batch of 32 rows has at most
// 4 + 13 + 6 = 23 segments (368 bytes, 11.5 a row), and nearly that many: the bound is tight here
const data = synthetic(11, 300, 5, [4, 13, 6], 0.3);
const validation = synthetic(12, 150, 5, [4, 13, 6], 0.3);
const LR: MlpOptions = { ...LOGISTIC_DEFAULTS, epochs: 3, batchSize: 32, posWeight: 2 };
const NET: MlpOptions = {
  ...MLP_DEFAULTS,
  hidden: [9, 5],
  embedDim: 3,
  epochs: 3,
  batchSize: 32,
  dropout: 0.2,
  activation: "gelu",
};

/** Runs `fn` with the engine's binding limit lowered to `bytes`, then restores it. */
async function limited<T>(gpu: GpuEngine, bytes: number | null, fn: () => Promise<T>): Promise<T> {
  gpu.setBindingLimit(bytes);
  try {
    return await fn();
  } finally {
    gpu.setBindingLimit(null);
  }
}

async function fitAndScore(gpu: GpuEngine, options: MlpOptions) {
  const losses: number[] = [];
  const model = await fitMlp(gpu, data.design, data.labels, options, {
    validation: { design: validation.design, labels: validation.labels },
    patience: 5,
    onEpoch: (_e, l) => losses.push(l),
  });
  return { model, losses, probs: await predictMlp(gpu, model, validation.design) };
}

const bits = (a: Float32Array) => new Uint32Array(a.buffer, a.byteOffset, a.length);

Deno.test("rowsPerChunk keeps every buffer within the limit, in whole batches", () => {
  assert.equal(rowsPerChunk(4800, [32, 12, 48], 32, "train"), 96); // 4800 / 48 = 100 rows → 3 batches
  assert.equal(rowsPerChunk(1 << 27, [4], 1, "score"), 1 << 25);
  assert.throws(() => rowsPerChunk(1000, [48], 32, "train"), GpuUnavailableError);
  assert.throws(
    () => rowsPerChunk(1000, [48], 32, "train"),
    /1536-byte buffer.*1000-byte storage binding limit/,
  );
});

for (const [name, options] of [["logistic regression", LR], ["MLP 9-5 gelu + dropout", NET]] as const) {
  // 32 bytes of numeric features a row: 4800 bytes hold 4 batches (3 chunks an epoch), 2400 bytes 2 (5 chunks)
  for (const limit of [4800, 2400]) {
    gpuTest(
      `${name}: training and scoring streamed in ${limit}-byte chunks give the same bits`,
      async (gpu) => {
        const whole = await fitAndScore(gpu, options);
        const streamed = await limited(gpu, limit, () => fitAndScore(gpu, options));
        assert.equal(streamed.losses.length, whole.losses.length);
        assert.deepEqual(streamed.losses, whole.losses);
        assert.deepEqual(bits(streamed.model.params), bits(whole.model.params));
        assert.deepEqual(bits(streamed.probs), bits(whole.probs));
      },
    );
  }
}

gpuTest("scoring more rows than one slice holds gives the same bits as one slice", async (gpu) => {
  const model = await fitMlp(gpu, data.design, data.labels, NET);
  const whole = await predictMlp(gpu, model, data.design);
  // 32 bytes a row of numeric features: 4 slices of 64 rows and one of 44
  const sliced = await limited(gpu, 64 * 32, () => predictMlp(gpu, model, data.design));
  assert.deepEqual(bits(sliced), bits(whole));
});

gpuTest("a limit too small for one batch is a one-line error naming the limit", async (gpu) => {
  await limited(gpu, 256, async () => {
    await assert.rejects(
      () => fitMlp(gpu, data.design, data.labels, LR),
      (e: Error) => e instanceof GpuUnavailableError && /maxStorageBufferBindingSize/.test(e.message),
    );
  });
});

gpuTest("the training rows stream exactly when one chunk cannot hold them", async (gpu) => {
  const resident = new TrainRows(gpu, data.design, data.labels, 32);
  const streamed = await limited(
    gpu,
    4800,
    () => Promise.resolve(new TrainRows(gpu, data.design, data.labels, 32)),
  );
  try {
    assert.deepEqual([resident.streamed, resident.chunkRows], [false, 300]);
    assert.deepEqual([streamed.streamed, streamed.chunkRows], [true, 128]);
    assert.ok(streamed.num.size <= 4800 && streamed.seg.size <= 4800);
    // segments sized by the bound: whole batches of 23, not 3 a row
    assert.equal(streamed.seg.size, (128 / 32) * 23 * 16);
    assert.equal(resident.seg.size, Math.ceil(300 / 32) * 23 * 16);
  } finally {
    resident.destroy();
    streamed.destroy();
  }
});
