/**
 * GPU buffers: creation with labels, uploads, read-backs that surface device
 * errors, and {@link Op}: one kernel bound to its buffers with a uniform slot per
 * dispatch, so a whole epoch is encoded without touching the CPU.
 *
 * @module
 */

import type { GpuEngine } from "./device.ts";
import { type Kernel, SLOT_BYTES, type Uniforms } from "./pipelines.ts";

/** Usage of buffers that kernels read and write and tests read back. */
export const STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;

/** Bytes of a vec4<f32>: kernels read buffers as arrays of vec4, so sizes are rounded up to it. */
const VEC4_BYTES = 16;

/** A zero-filled storage buffer of at least `bytes` (rounded up to whole vec4s, at least one). */
export function createBuffer(engine: GpuEngine, label: string, bytes: number): GPUBuffer {
  return engine.device.createBuffer({
    label,
    size: Math.max(VEC4_BYTES, Math.ceil(bytes / VEC4_BYTES) * VEC4_BYTES),
    usage: STORAGE,
  });
}

/** A storage buffer holding `data`. */
export function uploadBuffer(engine: GpuEngine, label: string, data: Float32Array | Uint32Array): GPUBuffer {
  const buf = createBuffer(engine, label, data.byteLength);
  writeBuffer(engine, buf, data);
  return buf;
}

/** Queues a write of `data` at `byteOffset` (nothing for empty `data`). */
export function writeBuffer(
  engine: GpuEngine,
  buf: GPUBuffer,
  data: Float32Array | Uint32Array,
  byteOffset = 0,
): void {
  // Deno 2.9.6 panics on a write of no bytes (ext/webgpu/queue.rs), e.g. the categorical block of a
  // table without categorical columns; writing nothing is a no-op anyway
  if (data.byteLength === 0) return;
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
  // copies move whole 4-byte words
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

/** One value per uniform field of a kernel, by field name. */
export type UniformValues<U extends Uniforms> = { readonly [K in keyof U]: number };

/** One kernel bound to its storage buffers, with `slots` uniform slots (one per planned dispatch). */
export class Op<U extends Uniforms = Uniforms> {
  readonly kernel: Kernel<U>;
  readonly #engine: GpuEngine;
  readonly #uniform: GPUBuffer;
  readonly #bindGroup: GPUBindGroup;
  readonly #words: ArrayBuffer;
  /** The slots' words as u32 and as f32 (two views of #words). */
  readonly #u32: Uint32Array;
  readonly #f32: Float32Array;
  /** The kernel's uniform fields, in struct order. */
  readonly #fields: readonly (readonly [string, string])[];
  readonly #groups: Uint32Array;
  readonly #maxGroups: number;
  #dirty = false;

  constructor(
    engine: GpuEngine,
    kernel: Kernel<U>,
    label: string,
    buffers: readonly GPUBuffer[],
    slots = 1,
  ) {
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
    this.#u32 = new Uint32Array(this.#words);
    this.#f32 = new Float32Array(this.#words);
    this.#fields = Object.entries(kernel.spec.uniforms);
    this.#groups = new Uint32Array(slots);
    this.#maxGroups = engine.device.limits.maxComputeWorkgroupsPerDimension;
  }

  /**
   * Sets slot `slot`'s uniforms (every field of the kernel's `struct Params`, by name, written at
   * its place with its type) and its workgroup count. Launchers name their spec's fields as `V`
   * (`op.set<typeof SPEC.uniforms>(...)`) so that a missing or misspelled field fails type checking too.
   */
  set<V extends Uniforms = U>(slot: number, workgroups: number, values: UniformValues<V>): void {
    const fields = this.#fields;
    const given = Object.keys(values);
    if (given.length !== fields.length) {
      const names = fields.map(([name]) => name).join(", ");
      throw new RangeError(`${this.kernel.label}: expected uniforms {${names}}, got {${given.join(", ")}}`);
    }
    const base = slot * (SLOT_BYTES / 4);
    for (let i = 0; i < fields.length; i++) {
      const [name, type] = fields[i]!;
      const v = (values as Readonly<Record<string, number>>)[name];
      if (v === undefined) throw new RangeError(`${this.kernel.label}: uniform ${name} missing`);
      if (type === "f32") {
        this.#f32[base + i] = v;
      } else if (Number.isInteger(v) && v >= 0 && v <= 0xffffffff) {
        this.#u32[base + i] = v;
      } else {
        throw new RangeError(`${this.kernel.label}: uniform ${name} must be a u32, got ${v}`);
      }
    }
    if (workgroups > this.#maxGroups) {
      throw new RangeError(
        `Dispatch of ${this.kernel.label} too large: ${workgroups} workgroups (at most ${this.#maxGroups})`,
      );
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

  /** Releases the uniform buffer (the storage buffers belong to the caller). */
  destroy(): void {
    this.#uniform.destroy();
  }
}
