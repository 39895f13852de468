/**
 * GPU test helpers. `gpuTest` registers a test that gets a shared GPU engine.
 * Without an adapter the test is skipped with a message, except when `CI=true`,
 * where a missing adapter is a failure.
 *
 * @module
 */

import { type GpuEngine, openEngine } from "../src/gpu/device.ts";

const adapter = await navigator.gpu?.requestAdapter();
const CI = Deno.env.get("CI") === "true";

/** Whether the tests run on a hardware GPU (not a software adapter such as llvmpipe). */
export const HARDWARE_GPU = adapter != null && !adapter.info.isFallbackAdapter;
if (adapter == null && !CI) console.error("No WebGPU adapter: GPU tests are skipped");

let shared: Promise<GpuEngine> | null = null;

/** The GPU engine shared by a test file's tests (opened on first use, never destroyed before exit). */
export function gpuEngine(): Promise<GpuEngine> {
  shared ??= openEngine("gpu").then((e) => e as GpuEngine);
  return shared;
}

/** Registers a GPU test; fails under CI without an adapter, is ignored elsewhere. */
export function gpuTest(name: string, fn: (engine: GpuEngine) => Promise<void>): void {
  Deno.test({
    name,
    ignore: adapter == null && !CI,
    // the shared device and pipeline cache live across tests
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      if (adapter == null) throw new Error("CI=true but no WebGPU adapter is available");
      await fn(await gpuEngine());
    },
  });
}

/** Runs `fn` inside a validation error scope and throws the first validation error. */
export async function withValidation<T>(engine: GpuEngine, fn: () => Promise<T>): Promise<T> {
  engine.device.pushErrorScope("validation");
  let result: T | undefined;
  let failure: unknown = null;
  try {
    result = await fn();
  } catch (e) {
    failure = e;
  }
  const err = await engine.device.popErrorScope();
  if (err !== null) throw new Error(`GPU validation error: ${err.message}`);
  if (failure !== null) throw failure;
  return result as T;
}

/** Records `encode` into one compute pass and submits it. */
export function submitPass(engine: GpuEngine, encode: (pass: GPUComputePassEncoder) => void): void {
  const enc = engine.device.createCommandEncoder({ label: "test encoder" });
  const pass = enc.beginComputePass({ label: "test pass" });
  encode(pass);
  pass.end();
  engine.device.queue.submit([enc.finish()]);
}

/** Seeded uniform floats in [-1, 1). */
export function randomFloats(rng: { next(): number }, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 * rng.next() - 1;
  return out;
}
