/**
 * Launcher of shaders/embed_gather.wgsl (CPU twin: embedGather).
 *
 * @module
 */

import source from "../../../shaders/embed_gather.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import type { KernelSpec } from "../pipelines.ts";

/** The shader and its bindings: uniform, perm, num, cat, table_base, params, x. */
export const EMBED_GATHER: KernelSpec = {
  name: "embed_gather",
  source,
  bindings: ["uniform", "read", "read", "read", "read", "read", "rw"],
};

const WG = 256;

/** Buffers of the input gather. */
export interface EmbedGatherBuffers {
  readonly perm: GPUBuffer;
  readonly num: GPUBuffer;
  readonly cat: GPUBuffer;
  readonly tableBase: GPUBuffer;
  readonly params: GPUBuffer;
  readonly x: GPUBuffer;
}

/** An input-gather op with `slots` dispatch slots. */
export async function embedGatherOp(
  engine: GpuEngine,
  label: string,
  b: EmbedGatherBuffers,
  slots = 1,
): Promise<Op> {
  const kernel = await engine.pipelines.get(EMBED_GATHER, { WG });
  return new Op(engine, kernel, label, [b.perm, b.num, b.cat, b.tableBase, b.params, b.x], slots);
}

/**
 * Rows `perm[start .. start + rows)`; k numeric, c categorical columns of width e; x row stride ld.
 * Columns of x past `k + c·e` are not written: keep them zero.
 */
export function setEmbedGather(
  op: Op,
  slot: number,
  s: { start: number; rows: number; k: number; c: number; e: number; ld: number },
): void {
  op.set(slot, Math.ceil((s.rows * (Math.ceil(s.k / 4) + s.c)) / WG), [s.start, s.rows, s.k, s.c, s.e, s.ld]);
}
