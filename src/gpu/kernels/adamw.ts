/**
 * Launcher of shaders/adamw.wgsl (CPU twin: adamw).
 *
 * @module
 */

import source from "../../../shaders/adamw.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import { type KernelSpec, shaderOverride } from "../pipelines.ts";
import type { AdamStep } from "../../cpu/adamw.ts";

/** The shader and its bindings: uniform, params, grad, m, v. */
export const ADAMW = {
  name: "adamw",
  source,
  bindings: ["uniform", "rw", "rw", "rw", "rw"],
  uniforms: {
    count4: "u32",
    decay_end4: "u32",
    lr: "f32",
    beta1: "f32",
    beta2: "f32",
    eps: "f32",
    wd: "f32",
    bc1: "f32",
    bc2: "f32",
  },
} as const satisfies KernelSpec;

/** Invocations per workgroup (one vec4 each): the shader's default. */
const WG = shaderOverride(source, "WG");

/** An AdamW op with `slots` dispatch slots. */
export async function adamwOp(
  engine: GpuEngine,
  label: string,
  b: { params: GPUBuffer; grad: GPUBuffer; m: GPUBuffer; v: GPUBuffer },
  slots = 1,
): Promise<Op> {
  const kernel = await engine.pipelines.get(ADAMW, { WG });
  return new Op(engine, kernel, label, [b.params, b.grad, b.m, b.v], slots);
}

/** One step over `count` parameters (a multiple of 4). */
export function setAdamw(op: Op, slot: number, count: number, s: AdamStep): void {
  if (count % 4 !== 0 || s.decayEnd % 4 !== 0) {
    throw new RangeError("adamw: count and decayEnd must be multiples of 4");
  }
  op.set<typeof ADAMW.uniforms>(slot, Math.ceil(count / 4 / WG), {
    count4: count / 4,
    decay_end4: s.decayEnd / 4,
    lr: s.lr,
    beta1: s.beta1,
    beta2: s.beta2,
    eps: s.eps,
    wd: s.weightDecay,
    bc1: s.bc1,
    bc2: s.bc2,
  });
}
