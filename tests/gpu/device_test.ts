import assert from "node:assert/strict";
import { gpuTest, ownEngine } from "../_gpu.ts";
import type { GpuEngine } from "../../src/gpu/device.ts";
import { createBuffer, readFloats } from "../../src/gpu/buffers.ts";

gpuTest("a shader that does not compile is reported with its file name and line", async (engine) => {
  const spec = {
    name: "broken",
    source: "@compute @workgroup_size(1)\nfn main() { let x: u32 = 1.5; }",
    bindings: [],
    uniforms: {},
  };
  await assert.rejects(engine.pipelines.get(spec), /Cannot compile shaders\/broken\.wgsl:2:/);
});

gpuTest("an uncaptured GPU error surfaces at the next read-back instead of hanging", async () => {
  // a separate engine: errors are sticky, the shared one must stay usable
  const engine = await ownEngine("gpu") as GpuEngine;
  try {
    const gone = createBuffer(engine, "destroyed buffer", 16);
    gone.destroy();
    engine.device.queue.writeBuffer(gone, 0, new Float32Array(4));
    await assert.rejects(readFloats(engine, createBuffer(engine, "probe", 16), 4), /GPU error/);
  } finally {
    engine.destroy();
  }
});

gpuTest("the engine describes its adapter", (engine) => {
  assert.equal(engine.kind, "gpu");
  assert.match(engine.description, /^gpu: \S/);
  return Promise.resolve();
});
