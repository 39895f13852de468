import assert from "node:assert/strict";
import { gpuTest } from "../_gpu.ts";
import { checkContract, type KernelSpec, shaderOverride } from "../../src/gpu/pipelines.ts";
import { createBuffer, Op } from "../../src/gpu/buffers.ts";
import { ADAMW } from "../../src/gpu/kernels/adamw.ts";
import { BCE_GRAD } from "../../src/gpu/kernels/bce_grad.ts";
import { EMBED_GATHER } from "../../src/gpu/kernels/embed_gather.ts";
import { EMBED_SCATTER } from "../../src/gpu/kernels/embed_scatter.ts";
import { FMA_PEAK } from "../../src/gpu/kernels/fma_peak.ts";
import { BACKWARD_WG, LOGISTIC_BACKWARD, LOGISTIC_FORWARD } from "../../src/gpu/kernels/logistic_step.ts";
import { LOSS_SUM } from "../../src/gpu/kernels/loss_sum.ts";
import { MATMUL, MATMUL_TILED } from "../../src/gpu/kernels/matmul.ts";
import { ROW_SUM_LANES } from "../../src/cpu/logistic_step.ts";

const SPECS: readonly KernelSpec[] = [
  ADAMW,
  BCE_GRAD,
  EMBED_GATHER,
  EMBED_SCATTER,
  FMA_PEAK,
  LOGISTIC_FORWARD,
  LOGISTIC_BACKWARD,
  LOSS_SUM,
  MATMUL,
  MATMUL_TILED,
];

Deno.test("every kernel's declared uniforms and codes match its shader", () => {
  for (const spec of SPECS) checkContract(spec);
});

const TOY = `override WG: u32 = 4u;
const MODE_A: u32 = 0u;
const MODE_B: u32 = 1u;
struct Params {
  rows: u32, // a comment, with a comma
  scale: f32,
}`;

Deno.test("a launcher whose uniforms differ from struct Params by name, order, type or count fails", () => {
  const spec = (uniforms: KernelSpec["uniforms"]): KernelSpec => ({
    name: "toy",
    source: TOY,
    bindings: ["uniform"],
    uniforms,
  });
  checkContract(spec({ rows: "u32", scale: "f32" }));
  for (
    const bad of [
      { scale: "f32", rows: "u32" },
      { rows: "u32", scale: "u32" },
      { rows: "u32" },
      { rows: "u32", scale: "f32", extra: "u32" },
      { row: "u32", scale: "f32" },
    ] as const
  ) {
    assert.throws(
      () => checkContract(spec(bad)),
      /shaders\/toy\.wgsl: struct Params is \{rows:u32, scale:f32\}/,
    );
  }
});

Deno.test("a launcher's enum codes must equal the shader's constants", () => {
  const spec = (codes: Record<string, number>): KernelSpec => ({
    name: "toy",
    source: TOY,
    bindings: ["uniform"],
    uniforms: { rows: "u32", scale: "f32" },
    codes,
  });
  checkContract(spec({ MODE_A: 0, MODE_B: 1 }));
  assert.throws(() => checkContract(spec({ MODE_B: 2 })), /MODE_B is 1 but its launcher uses 2/);
  assert.throws(() => checkContract(spec({ MODE_C: 2 })), /MODE_C not found/);
});

Deno.test("the CPU twin of logistic_backward splits its row sums over the shader's workgroup", () => {
  assert.equal(ROW_SUM_LANES, BACKWARD_WG);
  assert.equal(shaderOverride(TOY, "WG"), 4);
});

gpuTest("Op.set packs uniforms by name and rejects missing, unknown or non-u32 values", async (engine) => {
  const kernel = await engine.pipelines.get(LOSS_SUM);
  const out = createBuffer(engine, "contract out", 16);
  const op = new Op(engine, kernel, "contract", [out, out], 1);
  try {
    op.set(0, 1, { count: 3, slot: 1, scale: 0.5 });
    assert.throws(() => op.set(0, 1, { count: 3, slot: 1 }), /expected uniforms \{count, slot, scale\}/);
    assert.throws(() => op.set(0, 1, { count: 3, slot: 1, scal: 0.5 }), /uniform scale missing/);
    assert.throws(() => op.set(0, 1, { count: -1, slot: 1, scale: 0.5 }), /uniform count must be a u32/);
    assert.throws(() => op.set(0, 1, { count: 1.5, slot: 1, scale: 0.5 }), /uniform count must be a u32/);
    const max = engine.device.limits.maxComputeWorkgroupsPerDimension;
    op.set(0, max, { count: 3, slot: 1, scale: 0.5 });
    assert.throws(() => op.set(0, max + 1, { count: 3, slot: 1, scale: 0.5 }), /too large/);
  } finally {
    op.destroy();
    out.destroy();
  }
});
