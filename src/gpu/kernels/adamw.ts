/**
 * Launcher of shaders/adamw.wgsl (CPU twin: adamw).
 *
 * @module
 */

import source from "../../../shaders/adamw.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import type { KernelSpec } from "../pipelines.ts";
import type { AdamStep } from "../../cpu/adamw.ts";

/** The shader and its bindings: uniform, params, grad, m, v. */
export const ADAMW: KernelSpec = { name: "adamw", source, bindings: ["uniform", "rw", "rw", "rw", "rw"] };

const WG = 256;

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
  op.set(slot, Math.ceil(count / 4 / WG), [count / 4, s.decayEnd / 4], [
    s.lr,
    s.beta1,
    s.beta2,
    s.eps,
    s.weightDecay,
    s.bc1,
    s.bc2,
  ]);
}
