import assert from "node:assert/strict";
import { LOGISTIC_DEFAULTS, MLP_DEFAULTS } from "../../src/models/mlp.ts";
import { type FitJob, inlinePool, workerPool } from "../../src/train/fit_pool.ts";
import { gpuTest, ownEngine } from "../_gpu.ts";
import { synthetic } from "../models/_synthetic.ts";

const cpuEngine = await ownEngine("cpu");
const train = synthetic(3, 600, 5, [7, 3], 0.5);
const valid = synthetic(4, 200, 5, [7, 3], 0.5);
const jobs: FitJob[] = [
  { design: train.design, labels: train.labels, options: { ...LOGISTIC_DEFAULTS, epochs: 3, batchSize: 64 } },
  {
    design: train.design,
    labels: train.labels,
    options: { ...MLP_DEFAULTS, hidden: [8], epochs: 2, batchSize: 64, seed: 9 },
    score: valid.design,
  },
  {
    design: train.design,
    labels: train.labels,
    options: { ...LOGISTIC_DEFAULTS, epochs: 2, batchSize: 128 },
  },
];

/** Every job through workers gives the same params and probabilities, bit for bit, as in this thread. */
async function sameAsInline(kind: "cpu" | "gpu") {
  const engine = await ownEngine(kind);
  const inline = inlinePool(engine);
  const expected = await Promise.all(jobs.map((j) => inline.fit(j)));
  await inline.close();
  const pool = workerPool(kind, 2);
  try {
    const got = await Promise.all(jobs.map((j) => pool.fit(j)));
    got.forEach((r, i) => {
      assert.deepEqual(r.model, expected[i]!.model, `job ${i} model`);
      assert.deepEqual(r.probs, expected[i]!.probs, `job ${i} probabilities`);
      assert(r.seconds > 0);
    });
    assert.equal(got[0]!.probs, null);
    assert.equal(got[1]!.probs!.length, valid.design.rows);
  } finally {
    await pool.close();
  }
}

Deno.test({
  name: "worker pool: CPU fits match fits in this thread",
  sanitizeResources: false,
  fn: () => sameAsInline("cpu"),
});

gpuTest(
  "worker pool: GPU fits (one device per worker) match fits on this thread's device",
  () => sameAsInline("gpu"),
);

gpuTest(
  "a job on the CPU reference (onCpu) in a GPU pool gives the CPU engine's bits; the others the GPU's",
  async () => {
    const gpu = await ownEngine("gpu");
    const onCpu = jobs.map((j, i) => ({ ...j, onCpu: i !== 1 }));
    const onCpuEngine = await Promise.all(jobs.map((j) => inlinePool(cpuEngine).fit(j)));
    const onGpuEngine = await Promise.all(jobs.map((j) => inlinePool(gpu).fit(j)));
    // the GPU's logistic fit differs from the CPU's in the last bits: the test can tell them apart
    assert.notDeepEqual(onGpuEngine[0]!.model.params, onCpuEngine[0]!.model.params);
    const expected = [onCpuEngine[0]!, onGpuEngine[1]!, onCpuEngine[2]!];
    const pool = workerPool("gpu", 2);
    try {
      for (
        const got of [
          await Promise.all(onCpu.map((j) => inlinePool(gpu).fit(j))),
          await Promise.all(onCpu.map((j) => pool.fit(j))),
        ]
      ) {
        got.forEach((r, i) => {
          assert.deepEqual(r.model, expected[i]!.model, `job ${i} model`);
          assert.deepEqual(r.probs, expected[i]!.probs, `job ${i} probabilities`);
        });
      }
    } finally {
      await pool.close();
    }
  },
);

Deno.test({
  name: "worker pool: a failing job rejects with the worker's error, other jobs still finish",
  sanitizeResources: false,
  async fn() {
    const pool = workerPool("cpu", 2);
    try {
      const bad = pool.fit({ ...jobs[0]!, labels: new Uint8Array(3) });
      const good = pool.fit(jobs[2]!);
      await assert.rejects(
        bad,
        (e: Error) => e.name === "RangeError" && /3 labels for 600 rows/.test(e.message),
      );
      assert.equal(
        (await good).model.params.length,
        (await inlinePool(await ownEngine("cpu")).fit(jobs[2]!)).model.params.length,
      );
    } finally {
      await pool.close();
    }
    await assert.rejects(pool.fit(jobs[0]!), /fit pool closed/);
  },
});

Deno.test("worker pool: the number of workers must be a positive integer", () => {
  assert.throws(() => workerPool("cpu", 0), RangeError);
  assert.throws(() => workerPool("cpu", 1.5), RangeError);
});

Deno.test({
  name: "worker pool: buffers listed in transfer move to the worker and the fit is unchanged",
  sanitizeResources: false,
  async fn() {
    const own = synthetic(3, 600, 5, [7, 3], 0.5); // the same rows as `train`, in buffers of its own
    const expected = await inlinePool(await ownEngine("cpu")).fit(jobs[0]!);
    const pool = workerPool("cpu", 1);
    try {
      const transfer = [own.design.num.buffer as ArrayBuffer, own.design.cat.buffer as ArrayBuffer];
      const got = await pool.fit({ ...jobs[0]!, design: own.design, transfer });
      assert.equal(own.design.num.byteLength, 0);
      assert.equal(own.design.cat.byteLength, 0);
      assert.deepEqual(got.model.params, expected.model.params);
    } finally {
      await pool.close();
    }
  },
});

Deno.test({
  name: "worker pool: a free worker takes the costliest queued job, the first of equal ones",
  sanitizeResources: false,
  async fn() {
    const pool = workerPool("cpu", 1);
    try {
      const finished: string[] = [];
      const fit = (name: string, cost?: number) =>
        pool.fit({ ...jobs[2]!, ...(cost === undefined ? {} : { cost }) }).then(() => finished.push(name));
      // "first" starts at once; the other three wait for the one worker
      await Promise.all([
        fit("first", 0),
        fit("cheap", 1),
        fit("dear", 5),
        fit("dear too", 5),
        fit("no cost"),
      ]);
      assert.deepEqual(finished, ["first", "dear", "dear too", "cheap", "no cost"]);
    } finally {
      await pool.close();
    }
  },
});
