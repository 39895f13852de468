/**
 * Throughput measurements of the adapter: peak FMA GFLOP/s (shaders/fma_peak.wgsl)
 * and the GFLOP/s of the training matmul (the engine's kernel) on a given shape.
 * Each is timed over one submit of as many dispatches as fill `minMs` (200 ms by
 * default), best of five runs after a warm-up, with the cost of an empty
 * submit-and-read-back subtracted.
 *
 * @module
 */

import type { GpuEngine } from "./device.ts";
import { createBuffer, readFloats, uploadBuffer } from "./buffers.ts";
import type { Op } from "./buffers.ts";
import { FMA_PEAK_FLOPS_PER_ROUND, FMA_PEAK_SHAPES, fmaPeakOp, setFmaPeak } from "./kernels/fma_peak.ts";
import {
  type MatmulKernel,
  type MatmulMode,
  matmulOp,
  type MatmulTile,
  setMatmul,
} from "./kernels/matmul.ts";

/**
 * Milliseconds a timed submit should last. On llvmpipe a single 57 ms matmul dispatch per submit read
 * 24 GFLOP/s, four per submit 27: the submit's own cost is not all in an empty submit.
 */
const DEFAULT_MIN_MS = 200;

/** Seconds of one dispatch of `op`: the best of `runs` submits of enough dispatches to fill `minMs`. */
async function timeOp(engine: GpuEngine, op: Op, probe: GPUBuffer, minMs: number, runs = 5): Promise<number> {
  const once = async (n: number) => {
    const t0 = performance.now();
    const enc = engine.device.createCommandEncoder({ label: "measure encoder" });
    const pass = enc.beginComputePass({ label: "measure pass" });
    for (let i = 0; i < n; i++) op.encode(pass, 0);
    pass.end();
    engine.device.queue.submit([enc.finish()]);
    await readFloats(engine, probe, 4);
    return performance.now() - t0;
  };
  // a fast GPU runs a dispatch in microseconds, far below the jitter of a read-back; it also
  // idles at a low clock, so it runs for a while before the timed runs
  let reps = 1;
  let spent = await once(reps);
  while (reps < 4096 && spent < minMs) spent = await once(reps *= 2);
  for (let warm = spent; warm < 5 * minMs;) warm += await once(reps);
  let sync = Infinity;
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    sync = Math.min(sync, await once(0));
    best = Math.min(best, await once(reps));
  }
  return Math.max(best - sync, 1e-3) / 1000 / reps;
}

/**
 * Peak GFLOP/s of an FMA-bound kernel: the best of its variants ({@link FMA_PEAK_SHAPES}). The
 * default size fills a software adapter's threads, or a hardware GPU's (about 2,000 resident
 * invocations per multiprocessor, on up to a few hundred multiprocessors).
 * Throws when the kernel's result differs from the closed form (a miscompiled or skipped loop).
 */
export async function measurePeakGflops(
  engine: GpuEngine,
  invocations = engine.fallback ? 16384 : 1 << 20,
  iters = 1024,
  minMs = DEFAULT_MIN_MS,
): Promise<number> {
  const out = createBuffer(engine, "fma_peak out", invocations * 16);
  try {
    let best = 0;
    for (const shape of FMA_PEAK_SHAPES) {
      const op = await fmaPeakOp(engine, out, shape);
      setFmaPeak(op, { count: invocations, iters, mul: 0.5, add: 1 });
      const seconds = await timeOp(engine, op, out, minMs);
      op.destroy();
      // a ← a/2 + 1 converges to 2 from any start
      const got = (await readFloats(engine, out, 4))[0]!;
      const want = 2 * shape.chains;
      if (Math.abs(got - want) > 1e-3) throw new Error(`fma_peak: expected ${want}, got ${got}`);
      best = Math.max(best, (invocations * iters * FMA_PEAK_FLOPS_PER_ROUND) / seconds / 1e9);
    }
    return best;
  } finally {
    out.destroy();
  }
}

/**
 * GFLOP/s of `C[m, n] = op(A)·op(B)` with inner dimension k (m, n, k multiples of 4), with the
 * engine's kernel unless `kernel` (and `tile`) name one.
 */
export async function measureMatmulGflops(
  engine: GpuEngine,
  shape: { m: number; n: number; k: number; mode?: MatmulMode; kernel?: MatmulKernel; tile?: MatmulTile },
  minMs = DEFAULT_MIN_MS,
): Promise<number> {
  const { m, n, k } = shape;
  const mode = shape.mode ?? "nn";
  const fill = (len: number) =>
    Float32Array.from({ length: len }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  const a = uploadBuffer(engine, "measure a", fill(m * k));
  const b = uploadBuffer(engine, "measure b", fill(k * n));
  const c = createBuffer(engine, "measure c", m * n * 4);
  try {
    const op = await matmulOp(engine, `measure matmul ${mode}`, {
      mode,
      epilogue: "none",
      ...(shape.kernel === undefined ? {} : { kernel: shape.kernel }),
      ...(shape.tile === undefined ? {} : { tile: shape.tile }),
    }, {
      a,
      b,
      bias: b,
      z: c,
      c,
    });
    const lda = mode === "tn" ? m : k;
    const ldb = mode === "nt" ? k : n;
    setMatmul(op, 0, { m, n, k, lda, ldb, ldc: n });
    const seconds = await timeOp(engine, op, c, minMs);
    op.destroy();
    return (2 * m * n * k) / seconds / 1e9;
  } finally {
    for (const buf of [a, b, c]) buf.destroy();
  }
}
