/**
 * Launcher of shaders/bce_grad.wgsl (CPU twin: bceGrad).
 *
 * @module
 */

import bceCommon from "../../../shaders/bce_common.wgsl" with { type: "text" };
import source from "../../../shaders/bce_grad.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import { type KernelSpec, shaderOverride } from "../pipelines.ts";

/** The shader and its bindings: uniform, perm, labels, logits, grad, row_loss. */
export const BCE_GRAD = {
  name: "bce_grad",
  source: source + bceCommon,
  bindings: ["uniform", "read", "read", "read", "rw", "rw"],
  uniforms: { start: "u32", rows: "u32", ld: "u32", pos_weight: "f32", inv_wsum: "f32" },
} as const satisfies KernelSpec;

/** Invocations per workgroup (one row each): the shader's default. */
const WG = shaderOverride(source, "WG");

/** Buffers of the loss gradient; `labels` holds one u32 per training row. */
export interface BceGradBuffers {
  readonly perm: GPUBuffer;
  readonly labels: GPUBuffer;
  readonly logits: GPUBuffer;
  readonly grad: GPUBuffer;
  readonly rowLoss: GPUBuffer;
}

/** A loss-gradient op with `slots` dispatch slots. */
export async function bceGradOp(
  engine: GpuEngine,
  label: string,
  b: BceGradBuffers,
  slots = 1,
): Promise<Op> {
  const kernel = await engine.pipelines.get(BCE_GRAD, { WG });
  return new Op(engine, kernel, label, [b.perm, b.labels, b.logits, b.grad, b.rowLoss], slots);
}

/** Rows `perm[start .. start + rows)`; logits and grad have row stride ld. */
export function setBceGrad(
  op: Op,
  slot: number,
  s: { start: number; rows: number; ld: number; posWeight: number; invWeightSum: number },
): void {
  op.set<typeof BCE_GRAD.uniforms>(slot, Math.ceil(s.rows / WG), {
    start: s.start,
    rows: s.rows,
    ld: s.ld,
    pos_weight: s.posWeight,
    inv_wsum: s.invWeightSum,
  });
}
