/**
 * GPU buffers: creation with labels, uploads, read-backs that surface device
 * errors, and {@link Op}: one kernel bound to its buffers with a uniform slot per
 * dispatch, so a whole epoch is encoded without touching the CPU.
 *
 * @module
 */

import type { GpuEngine } from "./device.ts";
import { type Kernel, SLOT_BYTES } from "./pipelines.ts";

/** Usage of buffers that kernels read and write and tests read back. */
export const STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;

/** A zero-filled storage buffer of at least `bytes` (rounded up to 16). */
export function createBuffer(engine: GpuEngine, label: string, bytes: number): GPUBuffer {
  return engine.device.createBuffer({
    label,
    size: Math.max(16, Math.ceil(bytes / 16) * 16),
    usage: STORAGE,
  });
}

/** A storage buffer holding `data`. */
export function uploadBuffer(engine: GpuEngine, label: string, data: Float32Array | Uint32Array): GPUBuffer {
  const buf = createBuffer(engine, label, data.byteLength);
  writeBuffer(engine, buf, data);
  return buf;
}

/** Queues a write of `data` at `byteOffset`. */
export function writeBuffer(
  engine: GpuEngine,
  buf: GPUBuffer,
  data: Float32Array | Uint32Array,
  byteOffset = 0,
): void {
  engine.device.queue.writeBuffer(
    buf,
    byteOffset,
    data.buffer as ArrayBuffer,
    data.byteOffset,
    data.byteLength,
  );
}

/** Copies `bytes` of `buf` (from `byteOffset`) back to the CPU; throws GPU errors instead of hanging. */
export async function readBuffer(
  engine: GpuEngine,
  buf: GPUBuffer,
  bytes: number,
  byteOffset = 0,
): Promise<ArrayBuffer> {
  const size = Math.ceil(bytes / 4) * 4;
  const staging = engine.device.createBuffer({
    label: `${buf.label} read-back`,
    size,
    usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
  });
  const enc = engine.device.createCommandEncoder({ label: `${buf.label} read-back encoder` });
  enc.copyBufferToBuffer(buf, byteOffset, staging, 0, size);
  engine.device.queue.submit([enc.finish()]);
  try {
    await engine.race(staging.mapAsync(GPUMapMode.READ));
    engine.check();
    return staging.getMappedRange().slice(0, bytes);
  } finally {
    staging.destroy();
  }
}

/** Reads `count` floats of `buf`. */
export async function readFloats(
  engine: GpuEngine,
  buf: GPUBuffer,
  count: number,
  offset = 0,
): Promise<Float32Array> {
  return new Float32Array(await readBuffer(engine, buf, count * 4, offset * 4));
}

/** One kernel bound to its storage buffers, with `slots` uniform slots (one per planned dispatch). */
export class Op {
  readonly kernel: Kernel;
  readonly #engine: GpuEngine;
  readonly #uniform: GPUBuffer;
  readonly #bindGroup: GPUBindGroup;
  readonly #words: ArrayBuffer;
  readonly #groups: Uint32Array;
  #dirty = false;

  constructor(engine: GpuEngine, kernel: Kernel, label: string, buffers: readonly GPUBuffer[], slots = 1) {
    this.kernel = kernel;
    this.#engine = engine;
    this.#uniform = engine.device.createBuffer({
      label: `${label} uniforms`,
      size: slots * SLOT_BYTES,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    this.#bindGroup = engine.device.createBindGroup({
      label: `${label} bind group`,
      layout: kernel.layout,
      entries: [
        { binding: 0, resource: { buffer: this.#uniform, offset: 0, size: SLOT_BYTES } },
        ...buffers.map((buffer, i) => ({ binding: i + 1, resource: { buffer } })),
      ],
    });
    this.#words = new ArrayBuffer(slots * SLOT_BYTES);
    this.#groups = new Uint32Array(slots);
  }

  /** Sets slot `slot`'s uniform words (`u` as u32, `f` as f32, in struct order) and workgroup count. */
  set(slot: number, workgroups: number, u: readonly number[], f: readonly number[] = []): void {
    const base = slot * (SLOT_BYTES / 4);
    new Uint32Array(this.#words, base * 4, u.length).set(u);
    new Float32Array(this.#words, (base + u.length) * 4, f.length).set(f);
    if (workgroups > 65535) {
      throw new RangeError(`Dispatch of ${this.kernel.label} too large: ${workgroups} workgroups`);
    }
    this.#groups[slot] = workgroups;
    this.#dirty = true;
  }

  /** Uploads the slots changed since the last flush (call before submitting). */
  flush(): void {
    if (!this.#dirty) return;
    this.#engine.device.queue.writeBuffer(this.#uniform, 0, this.#words);
    this.#dirty = false;
  }

  /** Records the dispatch of `slot` (flushes pending uniform writes first). */
  encode(pass: GPUComputePassEncoder, slot: number): void {
    this.flush();
    const groups = this.#groups[slot]!;
    if (groups === 0) return;
    pass.setPipeline(this.kernel.pipeline);
    pass.setBindGroup(0, this.#bindGroup, [slot * SLOT_BYTES]);
    pass.dispatchWorkgroups(groups);
  }

  destroy(): void {
    this.#uniform.destroy();
  }
}
