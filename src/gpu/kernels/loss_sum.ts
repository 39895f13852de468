/**
 * Launcher of shaders/loss_sum.wgsl (CPU twin: lossSum).
 *
 * @module
 */

import source from "../../../shaders/loss_sum.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import type { KernelSpec } from "../pipelines.ts";

/** The shader and its bindings: uniform, row_loss, out. */
export const LOSS_SUM = {
  name: "loss_sum",
  source,
  bindings: ["uniform", "read", "rw"],
  uniforms: { count: "u32", slot: "u32", scale: "f32" },
} as const satisfies KernelSpec;

/** A loss-sum op with `slots` dispatch slots. */
export async function lossSumOp(
  engine: GpuEngine,
  label: string,
  b: { rowLoss: GPUBuffer; out: GPUBuffer },
  slots = 1,
): Promise<Op> {
  const kernel = await engine.pipelines.get(LOSS_SUM);
  return new Op(engine, kernel, label, [b.rowLoss, b.out], slots);
}

/** `out[outSlot] = scale · Σ rowLoss[0 .. count)`. */
export function setLossSum(
  op: Op,
  slot: number,
  s: { count: number; outSlot: number; scale: number },
): void {
  // one workgroup of one invocation: the sum runs in row order
  op.set<typeof LOSS_SUM.uniforms>(slot, 1, { count: s.count, slot: s.outSlot, scale: s.scale });
}
