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
export const FMA_PEAK = {
  name: "fma_peak",
  source,
  bindings: ["uniform", "rw"],
  uniforms: { iters: "u32", count: "u32", mul: "f32", add: "f32" },
} as const satisfies KernelSpec;

/** A kernel variant: independent chains per invocation (4 or 8) and invocations per workgroup. */
export interface FmaPeakShape {
  readonly chains: 4 | 8;
  readonly wg: number;
}

/**
 * The variants measured: which is fastest depends on the adapter (on llvmpipe 8 chains in
 * workgroups of 64, on an NVIDIA H100 4 chains in workgroups of 256).
 */
export const FMA_PEAK_SHAPES: readonly FmaPeakShape[] = [{ chains: 8, wg: 64 }, { chains: 4, wg: 256 }];

/** Flops of one invocation-round: 32 vec4 FMAs × 4 lanes × (multiply + add). */
export const FMA_PEAK_FLOPS_PER_ROUND = 256;

/** An FMA-peak op writing one vec4 per invocation to `out`. */
export async function fmaPeakOp(
  engine: GpuEngine,
  out: GPUBuffer,
  shape: FmaPeakShape,
): Promise<Op> {
  const kernel = await engine.pipelines.get(FMA_PEAK, { WG: shape.wg, CHAINS: shape.chains });
  return new Op(engine, kernel, "fma_peak", [out]);
}

/**
 * `count` invocations of `iters` rounds each: `a ← a·mul + add` per chain, from a = 0, 1, 2, ...
 * With mul = 1/2 and add = 1 every chain converges to 2, so the output is 2·chains.
 */
export function setFmaPeak(
  op: Op,
  s: { count: number; iters: number; mul: number; add: number },
): void {
  const groups = Math.ceil(s.count / op.kernel.pipelineConstants.WG!);
  op.set<typeof FMA_PEAK.uniforms>(0, groups, { iters: s.iters, count: s.count, mul: s.mul, add: s.add });
}
