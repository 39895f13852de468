/**
 * Opening the compute engine: a WebGPU device (with its pipeline cache) or the
 * CPU reference. GPU errors (validation, out-of-memory, device loss) are
 * collected and rethrown at the next read-back instead of hanging.
 *
 * @module
 */

import { GpuUnavailableError } from "../errors.ts";
import { PipelineCache } from "./pipelines.ts";

/** `--device`: the GPU, the CPU reference, or the GPU when one exists. */
export type DeviceChoice = "gpu" | "cpu" | "auto";

/** Where models are trained and evaluated. */
export interface Engine {
  readonly kind: "gpu" | "cpu";
  /** One line saying what runs, e.g. `gpu: llvmpipe (LLVM 15.0.6, 256 bits)`. */
  readonly description: string;
  /** Releases the device; the engine is unusable afterwards. */
  destroy(): void;
}

/** The CPU reference engine. */
export interface CpuEngine extends Engine {
  readonly kind: "cpu";
}

/** A WebGPU engine. */
export class GpuEngine implements Engine {
  readonly kind = "gpu" as const;
  readonly description: string;
  readonly device: GPUDevice;
  /** A software adapter (llvmpipe): prefer register-blocked kernels without workgroup memory. */
  readonly fallback: boolean;
  readonly pipelines: PipelineCache;
  /** The device's own limit on one storage binding (the smaller of binding and buffer size), in bytes. */
  readonly deviceBindingLimit: number;
  #bindingLimit: number;
  #error: Error | null = null;
  #lost: Promise<never>;
  #destroyed = false;

  constructor(device: GPUDevice, info: GPUAdapterInfo) {
    this.device = device;
    this.fallback = info.isFallbackAdapter;
    const name = info.description || [info.vendor, info.architecture, info.device].filter(Boolean).join(" ");
    this.description = `gpu: ${name || "unknown adapter"}`;
    this.pipelines = new PipelineCache(device);
    this.deviceBindingLimit = Math.min(
      device.limits.maxStorageBufferBindingSize,
      device.limits.maxBufferSize,
    );
    this.#bindingLimit = this.deviceBindingLimit;
    device.addEventListener("uncapturederror", (ev) => {
      const e = (ev as GPUUncapturedErrorEvent).error;
      this.#error ??= new Error(`GPU error: ${e.message}`);
    });
    this.#lost = device.lost.then((info) => {
      const err = new Error(`GPU device lost (${info.reason}): ${info.message}`);
      if (!this.#destroyed) this.#error ??= err;
      throw err;
    });
    this.#lost.catch(() => {});
  }

  /**
   * Bytes a table-sized storage buffer may hold: the device's limit, or less when lowered by
   * {@link setBindingLimit}. Trainers and scoring stream rows in chunks that fit it.
   */
  get bindingLimit(): number {
    return this.#bindingLimit;
  }

  /**
   * Lowers the binding limit that chunking plans against (tests cross chunk boundaries on small
   * tables this way); `null` goes back to the device's limit. Never raises it above the device's.
   */
  setBindingLimit(bytes: number | null): void {
    if (bytes !== null && !(Number.isInteger(bytes) && bytes >= 16)) {
      throw new RangeError(`Binding limit must be an integer of at least 16 bytes, got ${bytes}`);
    }
    this.#bindingLimit = bytes === null ? this.deviceBindingLimit : Math.min(bytes, this.deviceBindingLimit);
  }

  /** Throws the first GPU error seen since the device opened, if any. */
  check(): void {
    if (this.#error !== null) throw this.#error;
  }

  /** Resolves with `p`, or rejects when the device is lost first. */
  race<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.#lost]);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.device.destroy();
  }
}

/** Whether `engine` runs on WebGPU. */
export function isGpuEngine(engine: Engine): engine is GpuEngine {
  return engine.kind === "gpu";
}

const CPU_ENGINE: CpuEngine = {
  kind: "cpu",
  description: "cpu: TypeScript reference",
  destroy() {},
};

async function openGpu(): Promise<GpuEngine | null> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (gpu === undefined) return null;
  const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
  if (adapter === null) return null;
  const lim = adapter.limits;
  const device = await adapter.requestDevice({
    label: "mql-gpu device",
    requiredLimits: {
      maxStorageBuffersPerShaderStage: Math.min(lim.maxStorageBuffersPerShaderStage, 10),
      maxStorageBufferBindingSize: lim.maxStorageBufferBindingSize,
      maxBufferSize: lim.maxBufferSize,
    },
  });
  return new GpuEngine(device, adapter.info);
}

/**
 * Opens an engine. `"gpu"` throws {@link GpuUnavailableError} when no WebGPU adapter
 * exists; `"auto"` falls back to the CPU reference.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openEngine } from "./device.ts";
 * const engine = await openEngine("cpu"); // "auto" prefers the GPU and says which it used
 * assert.equal(engine.kind, "cpu");
 * engine.destroy();
 * ```
 */
export async function openEngine(choice: DeviceChoice): Promise<Engine> {
  if (choice === "cpu") return CPU_ENGINE;
  const gpu = await openGpu();
  if (gpu !== null) return gpu;
  if (choice === "gpu") {
    throw new GpuUnavailableError(
      "Cannot use --device gpu: no WebGPU adapter found (try --device cpu or auto)",
    );
  }
  return CPU_ENGINE;
}
