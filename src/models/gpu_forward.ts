/**
 * The GPU forward pass (input gather, then one fused matmul per layer), shared
 * by training (per mini-batch, with dropout) and inference (large chunks of rows,
 * logits of all rows collected in one buffer and read back once).
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import type { GpuEngine } from "../gpu/device.ts";
import { createBuffer, type Op, readFloats, uploadBuffer } from "../gpu/buffers.ts";
import { embedGatherOp, numStride, padNumeric, setEmbedGather } from "../gpu/kernels/embed_gather.ts";
import { checkBinding, rowsPerChunk, tableChunkBytes } from "./gpu_chunks.ts";
import { matmulOp, setMatmul } from "../gpu/kernels/matmul.ts";
import { layerSeed } from "../cpu/dropout.ts";
import type { Activation } from "../cpu/activation.ts";
import type { MlpLayout } from "./layout.ts";

/** Device buffers of a design (and of the row order used to read it). */
export interface DesignBuffers {
  readonly perm: GPUBuffer;
  readonly num: GPUBuffer;
  readonly cat: GPUBuffer;
  readonly tableBase: GPUBuffer;
  readonly params: GPUBuffer;
}

/** Uploads the numeric (rows padded to a multiple of 4) and categorical matrices of `design`. */
export function uploadDesign(
  engine: GpuEngine,
  design: Design,
  label: string,
): { num: GPUBuffer; cat: GPUBuffer } {
  return {
    num: uploadBuffer(
      engine,
      `${label} numeric features`,
      padNumeric(design.num, design.rows, design.numNames.length),
    ),
    cat: uploadBuffer(engine, `${label} categorical indices`, design.cat),
  };
}

/** Absolute parameter offsets of the embedding tables, as a u32 buffer. */
export function uploadTableBase(engine: GpuEngine, layout: MlpLayout): GPUBuffer {
  return uploadBuffer(engine, "embedding table offsets", Uint32Array.from([...layout.tableBase, 0]));
}

/** What {@link ForwardChain.create} builds a chain for. */
export interface ForwardChainOptions {
  readonly layout: MlpLayout;
  /** Activation of the hidden layers. */
  readonly act: Activation;
  /** The design (and row order) the gather reads, and the parameters. */
  readonly bufs: DesignBuffers;
  /** Where the last layer writes its logits (row stride 4). */
  readonly logits: GPUBuffer;
  /** Most rows one dispatch slot runs (sizes the activation buffers). */
  readonly maxRows: number;
  /** Dispatch slots: each has its own uniforms, set with {@link ForwardChain.set}. */
  readonly slots: number;
  /** Prefix of the buffers' and ops' labels. */
  readonly label: string;
}

/** Gather + fused layers for up to `maxRows` rows per dispatch slot. */
export class ForwardChain {
  readonly x0: GPUBuffer;
  /** Pre-activations of the hidden layers (index = layer). */
  readonly z: GPUBuffer[];
  /** Outputs of the hidden layers (index = layer). */
  readonly a: GPUBuffer[];
  readonly #ops: Op[];
  readonly #layout: MlpLayout;
  readonly #act: Activation;
  readonly #buffers: GPUBuffer[];

  private constructor(
    layout: MlpLayout,
    act: Activation,
    x0: GPUBuffer,
    z: GPUBuffer[],
    a: GPUBuffer[],
    ops: Op[],
    own: GPUBuffer[],
  ) {
    this.#layout = layout;
    this.#act = act;
    this.x0 = x0;
    this.z = z;
    this.a = a;
    this.#ops = ops;
    this.#buffers = own;
  }

  /** Builds the ops; logits are written to `logits` (row stride 4) at the offset given per slot. */
  static async create(engine: GpuEngine, options: ForwardChainOptions): Promise<ForwardChain> {
    const { layout, act, bufs, logits, maxRows, slots, label } = options;
    const x0 = createBuffer(engine, `${label} input x0`, maxRows * layout.inputPad * 4);
    const dummy = createBuffer(engine, `${label} unused z`, 16);
    const z: GPUBuffer[] = [];
    const a: GPUBuffer[] = [];
    const ops: Op[] = [
      await embedGatherOp(
        engine,
        `${label} embed_gather`,
        { k: layout.numCols, c: layout.catSizes.length, e: layout.embedDim },
        { ...bufs, x: x0 },
        slots,
      ),
    ];
    let input = x0;
    for (const [i, l] of layout.layers.entries()) {
      if (l.hidden) {
        z.push(createBuffer(engine, `${label} z${i}`, maxRows * l.outPad * 4));
        a.push(createBuffer(engine, `${label} a${i}`, maxRows * l.outPad * 4));
      }
      const out = l.hidden ? a[i]! : logits;
      ops.push(
        await matmulOp(
          engine,
          `${label} layer ${i} forward`,
          { mode: "nn", epilogue: "bias_act", narrow: l.outPad <= 4 },
          { a: input, b: bufs.params, bias: bufs.params, z: l.hidden ? z[i]! : dummy, c: out },
          slots,
        ),
      );
      input = out;
    }
    return new ForwardChain(layout, act, x0, z, a, ops, [x0, dummy, ...z, ...a]);
  }

  /** Slot `slot` runs rows `perm[start .. start + rows)` and writes logits at float offset `logitsOff`. */
  set(slot: number, start: number, rows: number, drop: { p: number; seed: number }, logitsOff: number): void {
    const lay = this.#layout;
    const [gather, ...layers] = this.#ops;
    setEmbedGather(gather!, slot, { start, rows, ld: lay.inputPad });
    lay.layers.forEach((l, i) => {
      setMatmul(layers[i]!, slot, {
        m: rows,
        n: l.outPad,
        k: l.inPad,
        lda: l.inPad,
        ldb: l.outPad,
        ldc: l.outPad,
        bOff: l.wOff,
        biasOff: l.bOff,
        cOff: l.hidden ? 0 : logitsOff,
        act: l.hidden ? this.#act : "none",
        seed: layerSeed(drop.seed, i),
        dropP: l.hidden ? drop.p : 0,
      });
    });
  }

  /** Records slot `slot`'s dispatches. */
  encode(pass: GPUComputePassEncoder, slot: number): void {
    for (const op of this.#ops) op.encode(pass, slot);
  }

  destroy(): void {
    for (const op of this.#ops) op.destroy();
    for (const b of this.#buffers) b.destroy();
  }
}

const CHUNK = 4096;

/**
 * Logits of every row of `design` with the parameters in `params`. Rows go up in slices whose
 * buffers fit the engine's binding limit (the whole table when it fits): per slice one submit and
 * one read-back. Each row's logit depends on that row alone, so the slicing does not change a bit.
 */
export async function gpuLogits(
  engine: GpuEngine,
  layout: MlpLayout,
  params: GPUBuffer,
  design: Design,
  act: Activation,
  tableBase: GPUBuffer,
): Promise<Float32Array> {
  const n = design.rows;
  if (n === 0) return new Float32Array(0);
  const k = design.numNames.length;
  const c = design.catSizes.length;
  const widest = Math.max(layout.inputPad, ...layout.layers.map((l) => l.outPad));
  checkBinding(engine.bindingLimit, 4 * layout.total, `score with ${layout.total} parameters`);
  const limit = tableChunkBytes(engine);
  // bytes per row of: numeric features, categorical indices, row order, logits (4 per row)
  const slice = Math.min(n, rowsPerChunk(limit, [4 * numStride(k), 4 * c, 16], 1, "score rows"));
  // rows per dispatch slot: the layers' activations of a slot must fit too
  const slotRows = Math.min(CHUNK, slice, rowsPerChunk(limit, [4 * widest], 1, "score rows"));
  if (slice === n) return await sliceLogits(engine, layout, params, design, act, tableBase, slotRows);
  const out = new Float32Array(n);
  for (let r0 = 0; r0 < n; r0 += slice) {
    const r1 = Math.min(n, r0 + slice);
    const part: Design = {
      ...design,
      rows: r1 - r0,
      num: design.num.subarray(r0 * k, r1 * k),
      cat: design.cat.subarray(r0 * c, r1 * c),
    };
    out.set(await sliceLogits(engine, layout, params, part, act, tableBase, slotRows), r0);
  }
  return out;
}

/** Logits of every row of `design` (which fits the binding limit): one submit, one read-back. */
async function sliceLogits(
  engine: GpuEngine,
  layout: MlpLayout,
  params: GPUBuffer,
  design: Design,
  act: Activation,
  tableBase: GPUBuffer,
  slotRows: number,
): Promise<Float32Array> {
  const { num, cat } = uploadDesign(engine, design, "predict");
  const perm = uploadBuffer(
    engine,
    "predict row order",
    Uint32Array.from({ length: design.rows }, (_, i) => i),
  );
  const logits = createBuffer(engine, "predict logits", design.rows * 4 * 4);
  const slots = Math.ceil(design.rows / slotRows);
  const chain = await ForwardChain.create(engine, {
    layout,
    act,
    bufs: { perm, num, cat, tableBase, params },
    logits,
    maxRows: Math.min(slotRows, design.rows),
    slots,
    label: "predict",
  });
  try {
    const enc = engine.device.createCommandEncoder({ label: "predict encoder" });
    const pass = enc.beginComputePass({ label: "predict pass" });
    for (let s = 0; s < slots; s++) {
      const start = s * slotRows;
      chain.set(s, start, Math.min(slotRows, design.rows - start), { p: 0, seed: 0 }, start * 4);
      chain.encode(pass, s);
    }
    pass.end();
    engine.device.queue.submit([enc.finish()]);
    const all = await readFloats(engine, logits, design.rows * 4);
    const out = new Float32Array(design.rows);
    for (let r = 0; r < design.rows; r++) out[r] = all[r * 4]!;
    return out;
  } finally {
    chain.destroy();
    for (const b of [num, cat, perm, logits]) b.destroy();
  }
}
