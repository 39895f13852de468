/**
 * Launcher of shaders/fma_peak.wgsl (no CPU twin: an FMA-bound loop for measuring peak GFLOP/s).
 *
 * @module
 */

import source from "../../../shaders/fma_peak.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import type { KernelSpec } from "../pipelines.ts";

/** The shader and its bindings: uniform, out. */
export const FMA_PEAK: KernelSpec = { name: "fma_peak", source, bindings: ["uniform", "rw"] };

const WG = 64;

/** Flops of one invocation-round: 8 chains × vec4 × (multiply + add). */
export const FMA_PEAK_FLOPS_PER_ROUND = 64;

/** An FMA-peak op writing one vec4 per invocation to `out`. */
export async function fmaPeakOp(engine: GpuEngine, out: GPUBuffer): Promise<Op> {
  const kernel = await engine.pipelines.get(FMA_PEAK, { WG });
  return new Op(engine, kernel, "fma_peak", [out]);
}

/** `count` invocations of `iters` rounds each: `a ← a·mul + add` from a = 0..7 per chain. */
export function setFmaPeak(op: Op, s: { count: number; iters: number; mul: number; add: number }): void {
  op.set(0, Math.ceil(s.count / WG), [s.iters, s.count], [s.mul, s.add]);
}
