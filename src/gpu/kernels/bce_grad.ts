/**
 * Launcher of shaders/bce_grad.wgsl (CPU twin: bceGrad).
 *
 * @module
 */

import source from "../../../shaders/bce_grad.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import type { KernelSpec } from "../pipelines.ts";

/** The shader and its bindings: uniform, perm, labels, logits, grad, row_loss. */
export const BCE_GRAD: KernelSpec = {
  name: "bce_grad",
  source,
  bindings: ["uniform", "read", "read", "read", "rw", "rw"],
};

const WG = 64;

/** Buffers of the loss gradient; `labels` holds one u32 per training row. */
export interface BceGradBuffers {
  readonly perm: GPUBuffer;
  readonly labels: GPUBuffer;
  readonly logits: GPUBuffer;
  readonly grad: GPUBuffer;
  readonly rowLoss: GPUBuffer;
}

/** A loss-gradient op with `slots` dispatch slots. */
export async function bceGradOp(engine: GpuEngine, label: string, b: BceGradBuffers, slots = 1): Promise<Op> {
  const kernel = await engine.pipelines.get(BCE_GRAD, { WG });
  return new Op(engine, kernel, label, [b.perm, b.labels, b.logits, b.grad, b.rowLoss], slots);
}

/** Rows `perm[start .. start + rows)`; logits and grad have row stride ld. */
export function setBceGrad(
  op: Op,
  slot: number,
  s: { start: number; rows: number; ld: number; posWeight: number; invWeightSum: number },
): void {
  op.set(slot, Math.ceil(s.rows / WG), [s.start, s.rows, s.ld], [s.posWeight, s.invWeightSum]);
}
