/**
 * Launcher of shaders/loss_sum.wgsl (CPU twin: the epoch loss sum of the CPU trainer).
 *
 * @module
 */

import source from "../../../shaders/loss_sum.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import type { KernelSpec } from "../pipelines.ts";

/** The shader and its bindings: uniform, row_loss, out. */
export const LOSS_SUM: KernelSpec = { name: "loss_sum", source, bindings: ["uniform", "read", "rw"] };

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
export function setLossSum(op: Op, slot: number, s: { count: number; outSlot: number; scale: number }): void {
  op.set(slot, 1, [s.count, s.outSlot], [s.scale]);
}
