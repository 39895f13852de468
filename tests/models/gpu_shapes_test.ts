import assert from "node:assert/strict";
import { gpuTest } from "../_gpu.ts";
import { synthetic } from "./_synthetic.ts";
import { openEngine } from "../../src/gpu/device.ts";
import { fitMlp, LOGISTIC_DEFAULTS, MLP_DEFAULTS, predictMlp } from "../../src/models/mlp.ts";
import { assertClose } from "../_assert_close.ts";

// A table of numbers alone (or of categories alone) leaves one block of the design empty: Deno's WebGPU
// panicked on the empty upload, so such a table could not be trained on a GPU at all.
for (const [what, k, sizes] of [["numbers alone", 3, []], ["categories alone", 0, [5, 3]]] as const) {
  for (const [name, options] of [["logistic", LOGISTIC_DEFAULTS], ["MLP", MLP_DEFAULTS]] as const) {
    gpuTest(`a ${name} trains on a design of ${what}, as on the CPU`, async (gpu) => {
      const data = synthetic(3, 400, k, [...sizes]);
      const o = { ...options, epochs: 2, batchSize: 64, dropout: 0 };
      const onGpu = await predictMlp(gpu, await fitMlp(gpu, data.design, data.labels, o), data.design);
      const cpu = await openEngine("cpu");
      const onCpu = await predictMlp(cpu, await fitMlp(cpu, data.design, data.labels, o), data.design);
      assert.equal(onGpu.length, 400);
      assertClose(onGpu, onCpu, { atol: 1e-4, label: "probabilities" });
    });
  }
}
