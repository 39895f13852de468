/**
 * Launchers of shaders/logistic_forward.wgsl and shaders/logistic_backward.wgsl
 * (CPU twins: logisticForward, logisticBackward): the fused training step of a
 * model without hidden layers.
 *
 * @module
 */

import forwardSource from "../../../shaders/logistic_forward.wgsl" with { type: "text" };
import backwardSource from "../../../shaders/logistic_backward.wgsl" with { type: "text" };
import embedCommon from "../../../shaders/embed_common.wgsl" with { type: "text" };
import bceCommon from "../../../shaders/bce_common.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import { type KernelSpec, shaderOverride } from "../pipelines.ts";
import { type GatherShape, numStride } from "./embed_gather.ts";
import { ROW_SUM_LANES } from "../../cpu/logistic_step.ts";

/** Bindings: uniform, perm, labels, num, cat, table_base, params, dz, row_loss, xs. */
export const LOGISTIC_FORWARD = {
  name: "logistic_forward",
  source: forwardSource + embedCommon + bceCommon,
  bindings: ["uniform", "read", "read", "read", "read", "read", "read", "rw", "rw", "rw"],
  uniforms: {
    start: "u32",
    rows: "u32",
    ldn: "u32",
    w_off: "u32",
    b_off: "u32",
    pos_weight: "f32",
    inv_wsum: "f32",
  },
} as const satisfies KernelSpec;

/** Bindings: uniform, xs, params, dz, seg, row_list, table_base, grad. */
export const LOGISTIC_BACKWARD = {
  name: "logistic_backward",
  source: backwardSource + embedCommon,
  bindings: ["uniform", "read", "read", "read", "read", "read", "read", "rw"],
  uniforms: { rows: "u32", w_off: "u32", b_off: "u32", seg_start: "u32", seg_count: "u32" },
} as const satisfies KernelSpec;

/** Invocations per workgroup of the forward pass (one row each): the shader's default. */
const FORWARD_WG = shaderOverride(forwardSource, "WG");
/**
 * Invocations per workgroup of the backward pass (the shader's default): the lanes that share one
 * weight's sum over rows, so the CPU twin must split its sums the same way.
 */
export const BACKWARD_WG = shaderOverride(backwardSource, "WG");
if (BACKWARD_WG !== ROW_SUM_LANES) {
  throw new Error(
    `shaders/logistic_backward.wgsl sums over ${BACKWARD_WG} lanes, its CPU twin over ${ROW_SUM_LANES}`,
  );
}

/** The forward and backward ops of one model. */
export interface LogisticStepOps {
  readonly forward: Op;
  readonly backward: Op;
}

/**
 * vec4s per row of the gathered inputs `xs`: the K + C·E inputs, then the bias input (1), zero-padded.
 */
export function inputVec4s(shape: GatherShape): number {
  return Math.ceil((shape.k + shape.c * shape.e + 1) / 4);
}

/**
 * Buffers of the fused step; `num` is padded by `padNumeric`, `labels` holds one u32 per design row,
 * `xs` holds {@link inputVec4s} vec4s per batch row.
 */
export interface LogisticStepBuffers {
  readonly perm: GPUBuffer;
  readonly labels: GPUBuffer;
  readonly num: GPUBuffer;
  readonly cat: GPUBuffer;
  readonly tableBase: GPUBuffer;
  readonly params: GPUBuffer;
  readonly dz: GPUBuffer;
  readonly xs: GPUBuffer;
  readonly rowLoss: GPUBuffer;
  readonly seg: GPUBuffer;
  readonly rowList: GPUBuffer;
  readonly grad: GPUBuffer;
}

/** The forward and backward ops of `shape`, with `slots` dispatch slots each. */
export async function logisticStepOps(
  engine: GpuEngine,
  label: string,
  shape: GatherShape,
  b: LogisticStepBuffers,
  slots = 1,
): Promise<LogisticStepOps> {
  const constants = { K: shape.k, C: shape.c, E: shape.e, X4: inputVec4s(shape) };
  const [fwd, bwd] = await Promise.all([
    engine.pipelines.get(LOGISTIC_FORWARD, { ...constants, WG: FORWARD_WG }),
    engine.pipelines.get(LOGISTIC_BACKWARD, { ...constants, WG: BACKWARD_WG }),
  ]);
  return {
    forward: new Op(engine, fwd, `${label} forward`, [
      b.perm,
      b.labels,
      b.num,
      b.cat,
      b.tableBase,
      b.params,
      b.dz,
      b.rowLoss,
      b.xs,
    ], slots),
    backward: new Op(engine, bwd, `${label} backward`, [
      b.xs,
      b.params,
      b.dz,
      b.seg,
      b.rowList,
      b.tableBase,
      b.grad,
    ], slots),
  };
}

/** One batch: rows `perm[start .. start + rows)` and its segments `[segStart, segStart + segCount)`. */
export interface LogisticBatch {
  readonly start: number;
  readonly rows: number;
  readonly segStart: number;
  readonly segCount: number;
  readonly wOff: number;
  readonly bOff: number;
  readonly posWeight: number;
  readonly invWeightSum: number;
}

/** Sets slot `slot` of both ops to batch `s`. */
export function setLogisticStep(ops: LogisticStepOps, slot: number, s: LogisticBatch): void {
  const { K, E, X4 } = ops.forward.kernel.pipelineConstants;
  ops.forward.set<typeof LOGISTIC_FORWARD.uniforms>(slot, Math.ceil(s.rows / FORWARD_WG), {
    start: s.start,
    rows: s.rows,
    ldn: numStride(K!),
    w_off: s.wOff,
    b_off: s.bOff,
    pos_weight: s.posWeight,
    inv_wsum: s.invWeightSum,
  });
  // one workgroup per four inputs (the bias last), then one invocation per (segment, embedding entry)
  const workgroups = X4! + Math.ceil(s.segCount * E! / BACKWARD_WG);
  ops.backward.set<typeof LOGISTIC_BACKWARD.uniforms>(slot, workgroups, {
    rows: s.rows,
    w_off: s.wOff,
    b_off: s.bOff,
    seg_start: s.segStart,
    seg_count: s.segCount,
  });
}
