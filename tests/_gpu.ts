/**
 * GPU test helpers. `gpuTest` registers a test that gets a shared GPU engine.
 * Without an adapter the test is skipped with a message, except when `CI=true`,
 * where a missing adapter is a failure.
 *
 * Every device a test file opens is destroyed when the file's tests are done (its `unload`
 * event): the shared engine here, and those the tests open through {@link ownEngine}. Devices
 * left to be dropped with their runtime made the test process abort at exit more often; the
 * abort itself is prevented by the suite's last test, tests/zz_exit.ts (docs/test-exit.md).
 *
 * @module
 */

import { type DeviceChoice, type Engine, type GpuEngine, openEngine } from "../src/gpu/device.ts";

const adapter = await navigator.gpu?.requestAdapter();
const CI = Deno.env.get("CI") === "true";

/** Whether the tests run on a hardware GPU (not a software adapter such as llvmpipe). */
export const HARDWARE_GPU = adapter != null && !adapter.info.isFallbackAdapter;
if (adapter == null && !CI) console.error("No WebGPU adapter: GPU tests are skipped");

let shared: Promise<GpuEngine> | null = null;
/** Engines opened by this test file (destroying one twice does nothing). */
const opened: Engine[] = [];

/** `engine`, to be destroyed when the test file unloads. */
function track<E extends Engine>(engine: E): E {
  opened.push(engine);
  return engine;
}

globalThis.addEventListener("unload", () => {
  for (const engine of opened.splice(0)) engine.destroy();
});

/** The GPU engine shared by a test file's tests (opened on first use, destroyed when the file unloads). */
export function gpuEngine(): Promise<GpuEngine> {
  shared ??= openEngine("gpu").then((e) => track(e as GpuEngine));
  return shared;
}

/**
 * Opens an engine of the test's own (`openEngine`), destroyed when the test file unloads unless the
 * test destroys it first.
 */
export async function ownEngine(choice: DeviceChoice): Promise<Engine> {
  return track(await openEngine(choice));
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
