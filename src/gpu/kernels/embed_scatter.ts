/**
 * Launcher of shaders/embed_scatter.wgsl (CPU twin: embedScatter).
 *
 * @module
 */

import source from "../../../shaders/embed_scatter.wgsl" with { type: "text" };
import embedCommon from "../../../shaders/embed_common.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import { type KernelSpec, shaderOverride } from "../pipelines.ts";

/** The shader and its bindings: uniform, seg, row_list, table_base, dx, grad. */
export const EMBED_SCATTER = {
  name: "embed_scatter",
  source: source + embedCommon,
  bindings: ["uniform", "read", "read", "read", "read", "rw"],
  uniforms: { seg_start: "u32", seg_count: "u32", k: "u32", e: "u32", ld: "u32" },
} as const satisfies KernelSpec;

/** Invocations per workgroup (one (segment, embedding entry) each): the shader's default. */
const WG = shaderOverride(source, "WG");

/** Buffers of the embedding scatter; `seg` and `rowList` hold a `Segments` (src/cpu/embed_scatter.ts). */
export interface EmbedScatterBuffers {
  readonly seg: GPUBuffer;
  readonly rowList: GPUBuffer;
  readonly tableBase: GPUBuffer;
  readonly dx: GPUBuffer;
  readonly grad: GPUBuffer;
}

/** An embedding-scatter op with `slots` dispatch slots. */
export async function embedScatterOp(
  engine: GpuEngine,
  label: string,
  b: EmbedScatterBuffers,
  slots = 1,
): Promise<Op> {
  const kernel = await engine.pipelines.get(EMBED_SCATTER, { WG });
  return new Op(engine, kernel, label, [b.seg, b.rowList, b.tableBase, b.dx, b.grad], slots);
}

/** Segments `[segStart, segStart + segCount)`; dx has k numeric columns first and row stride ld. */
export function setEmbedScatter(
  op: Op,
  slot: number,
  s: { segStart: number; segCount: number; k: number; e: number; ld: number },
): void {
  op.set<typeof EMBED_SCATTER.uniforms>(slot, Math.ceil((s.segCount * s.e) / WG), {
    seg_start: s.segStart,
    seg_count: s.segCount,
    k: s.k,
    e: s.e,
    ld: s.ld,
  });
}
