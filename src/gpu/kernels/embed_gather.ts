/**
 * Launcher of shaders/embed_gather.wgsl (CPU twin: embedGather).
 *
 * @module
 */

import embedCommon from "../../../shaders/embed_common.wgsl" with { type: "text" };
import source from "../../../shaders/embed_gather.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import { type KernelSpec, shaderOverride } from "../pipelines.ts";

/** The shader and its bindings: uniform, perm, num, cat, table_base, params (as f32 and vec4), x. */
export const EMBED_GATHER = {
  name: "embed_gather",
  source: source + embedCommon,
  bindings: ["uniform", "read", "read", "read", "read", "read", "read", "rw"],
  uniforms: { start: "u32", rows: "u32", ld: "u32", ldn: "u32" },
} as const satisfies KernelSpec;

/** Invocations per workgroup (one row each): the shader's default. */
const WG = shaderOverride(source, "WG");

/** Buffers of the input gather; `num` has row stride {@link numStride} (see {@link padNumeric}). */
export interface EmbedGatherBuffers {
  readonly perm: GPUBuffer;
  readonly num: GPUBuffer;
  readonly cat: GPUBuffer;
  readonly tableBase: GPUBuffer;
  readonly params: GPUBuffer;
  readonly x: GPUBuffer;
}

/** Shape of the input layer: k numeric, c categorical columns of width e. */
export interface GatherShape {
  readonly k: number;
  readonly c: number;
  readonly e: number;
}

/** Row stride of the numeric matrix on the GPU: k rounded up to a multiple of 4. */
export function numStride(k: number): number {
  return Math.ceil(k / 4) * 4;
}

/** `num[rows, k]` with each row padded with zeros to {@link numStride}(k) (no copy when k % 4 = 0). */
export function padNumeric(num: Float32Array, rows: number, k: number): Float32Array {
  const ld = numStride(k);
  if (ld === k) return num;
  const out = new Float32Array(rows * ld);
  for (let r = 0; r < rows; r++) out.set(num.subarray(r * k, r * k + k), r * ld);
  return out;
}

/** An input-gather op for `shape` with `slots` dispatch slots. */
export async function embedGatherOp(
  engine: GpuEngine,
  label: string,
  shape: GatherShape,
  b: EmbedGatherBuffers,
  slots = 1,
): Promise<Op> {
  const kernel = await engine.pipelines.get(EMBED_GATHER, { WG, K: shape.k, C: shape.c, E: shape.e });
  return new Op(engine, kernel, label, [b.perm, b.num, b.cat, b.tableBase, b.params, b.params, b.x], slots);
}

/**
 * Rows `perm[start .. start + rows)`; x row stride ld (a multiple of 4, at least k + c·e): every
 * column of those rows is written, padding with zeros.
 */
export function setEmbedGather(
  op: Op,
  slot: number,
  s: { start: number; rows: number; ld: number },
): void {
  const { K } = op.kernel.pipelineConstants;
  if (s.ld % 4 !== 0) throw new RangeError(`embed_gather: ld must be a multiple of 4, got ${s.ld}`);
  op.set<typeof EMBED_GATHER.uniforms>(slot, Math.ceil(s.rows / WG), {
    start: s.start,
    rows: s.rows,
    ld: s.ld,
    ldn: numStride(K!),
  });
}
