/**
 * Launcher of shaders/embed_scatter.wgsl (CPU twin: embedScatter).
 *
 * @module
 */

import source from "../../../shaders/embed_scatter.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import type { KernelSpec } from "../pipelines.ts";

/** The shader and its bindings: uniform, seg, row_list, table_base, dx, grad. */
export const EMBED_SCATTER: KernelSpec = {
  name: "embed_scatter",
  source,
  bindings: ["uniform", "read", "read", "read", "read", "rw"],
};

const WG = 256;

/** Buffers of the embedding scatter; `seg` and `rowList` hold a `Segments` (src/cpu/embed.ts). */
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
  op.set(slot, Math.ceil((s.segCount * s.e) / WG), [s.segStart, s.segCount, s.k, s.e, s.ld]);
}
