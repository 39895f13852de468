/**
 * The training rows on the GPU, resident or streamed. A table whose per-row
 * buffers fit the adapter's binding limit is uploaded once and read through the
 * epoch's shuffle. A larger one is streamed: each epoch is cut into chunks of
 * whole batches, and before a chunk's steps run its rows are gathered on the CPU
 * in shuffled order and written into chunk-sized buffers (the writes are queued
 * after the previous chunk's submit, so one set of buffers serves every chunk).
 * The kernels run unchanged: `perm` then maps a position to its row within the
 * chunk, and `start` and the per-row losses stay epoch-wide, so both modes do
 * the same arithmetic on the same values and give the same bits.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import type { GpuEngine } from "../gpu/device.ts";
import { createBuffer, uploadBuffer, writeBuffer } from "../gpu/buffers.ts";
import { numStride } from "../gpu/kernels/embed_gather.ts";
import type { EpochPlan } from "./epoch_plan.ts";
import { uploadDesign } from "./gpu_forward.ts";
import { checkBinding, rowsPerChunk, segmentsPerBatch, trainChunkBytes } from "./gpu_chunks.ts";

/** The batches `[batchFirst, batchEnd)` of an epoch that run on one upload of rows. */
export interface RowChunk {
  readonly batchFirst: number;
  readonly batchEnd: number;
  /** Subtracted from a batch's `segStart` (the chunk's segments start at 0 in its buffer). */
  readonly segBase: number;
}

/** Device buffers holding (a chunk of) the training rows, and how an epoch walks them. */
export class TrainRows {
  readonly perm: GPUBuffer;
  readonly num: GPUBuffer;
  readonly cat: GPUBuffer;
  readonly labels: GPUBuffer;
  readonly seg: GPUBuffer;
  readonly rowList: GPUBuffer;
  /** Rows per chunk; the whole table when resident. */
  readonly chunkRows: number;
  readonly streamed: boolean;
  readonly #engine: GpuEngine;
  readonly #design: Design;
  readonly #labels: Uint8Array;
  readonly #batchSize: number;
  // CPU staging of one chunk (streamed only)
  readonly #num: Float32Array;
  readonly #cat: Uint32Array;
  readonly #lab: Uint32Array;
  readonly #seg: Uint32Array;

  /** Sizes the buffers against `engine.bindingLimit` and uploads what stays resident. */
  constructor(engine: GpuEngine, design: Design, labels: Uint8Array, batchSize: number) {
    const n = design.rows;
    const k = design.numNames.length;
    const c = design.catSizes.length;
    const ldn = numStride(k);
    // row order and per-row losses stay epoch-wide
    checkBinding(engine.bindingLimit, 4 * n, `train on ${n} rows`);
    const limit = trainChunkBytes(engine);
    // a batch's segments (16 bytes each) are bounded by its rows and by the columns' vocabularies
    const batchSegments = segmentsPerBatch(design.catSizes, batchSize);
    // bytes per row of: numeric features, categorical indices, label, segments, segment rows
    const perRow = [4 * ldn, 4 * c, 4, 16 * batchSegments / batchSize, 4 * c];
    this.chunkRows = Math.min(
      n,
      rowsPerChunk(limit, perRow, batchSize, `train with batches of ${batchSize}`),
    );
    this.streamed = this.chunkRows < n;
    this.#engine = engine;
    this.#design = design;
    this.#labels = labels;
    this.#batchSize = batchSize;
    const rows = this.chunkRows;
    const f = (label: string, words: number) => createBuffer(engine, `train ${label}`, words * 4);
    if (this.streamed) {
      this.#num = new Float32Array(rows * ldn);
      this.#cat = new Uint32Array(rows * c);
      this.#lab = new Uint32Array(rows);
      this.#seg = new Uint32Array(4 * (rows / batchSize) * batchSegments);
      this.num = f("numeric features chunk", rows * ldn);
      this.cat = f("categorical indices chunk", rows * c);
      this.labels = f("labels chunk", rows);
      // position p of the epoch reads row p mod chunkRows of its chunk's buffers
      this.perm = uploadBuffer(
        engine,
        "train row order",
        Uint32Array.from({ length: n }, (_, p) => p % rows),
      );
    } else {
      this.#num = new Float32Array(0);
      this.#cat = new Uint32Array(0);
      this.#lab = new Uint32Array(0);
      this.#seg = new Uint32Array(0);
      const up = uploadDesign(engine, design, "train");
      this.num = up.num;
      this.cat = up.cat;
      this.labels = uploadBuffer(engine, "train labels", Uint32Array.from(labels));
      this.perm = f("row order", n);
    }
    // whole batches of segments: a streamed chunk holds whole batches, a resident table ceil(n / batch)
    this.seg = f("segments", 4 * Math.max(1, Math.ceil(rows / batchSize) * batchSegments));
    this.rowList = f("segment rows", Math.max(1, rows * c));
  }

  /** The chunks of `plan`'s epoch, in order; writes what a resident table needs for the whole epoch. */
  chunks(plan: EpochPlan): RowChunk[] {
    const catCols = this.#design.catSizes.length;
    if (!this.streamed) {
      writeBuffer(this.#engine, this.perm, plan.perm);
      if (catCols > 0) {
        writeBuffer(this.#engine, this.seg, plan.seg.seg);
        writeBuffer(this.#engine, this.rowList, plan.seg.rowList.subarray(0, plan.rowCount));
      }
      return [{ batchFirst: 0, batchEnd: plan.batches.length, segBase: 0 }];
    }
    const per = this.chunkRows / this.#batchSize;
    const out: RowChunk[] = [];
    for (let b = 0; b < plan.batches.length; b += per) {
      out.push({
        batchFirst: b,
        batchEnd: Math.min(plan.batches.length, b + per),
        segBase: plan.batches[b]!.segStart,
      });
    }
    return out;
  }

  /** Queues the writes of chunk `chunk`'s rows (streamed tables only; call right before its submit). */
  load(plan: EpochPlan, chunk: RowChunk): void {
    if (!this.streamed) return;
    const d = this.#design;
    const k = d.numNames.length;
    const c = d.catSizes.length;
    const ldn = numStride(k);
    const first = plan.batches[chunk.batchFirst]!.start;
    const lastBatch = plan.batches[chunk.batchEnd - 1]!;
    const rows = lastBatch.start + lastBatch.rows - first;
    const num = this.#num;
    const cat = this.#cat;
    const lab = this.#lab;
    for (let r = 0; r < rows; r++) {
      const src = plan.perm[first + r]!;
      for (let j = 0; j < k; j++) num[r * ldn + j] = d.num[src * k + j]!;
      for (let j = 0; j < c; j++) cat[r * c + j] = d.cat[src * c + j]!;
      lab[r] = this.#labels[src]!;
    }
    const e = this.#engine;
    writeBuffer(e, this.num, num.subarray(0, rows * ldn));
    writeBuffer(e, this.labels, lab.subarray(0, rows));
    if (c === 0) return;
    writeBuffer(e, this.cat, cat.subarray(0, rows * c));
    // the chunk's segments, their [begin, end) rebased to the chunk's first entry of rowList
    const segEnd = lastBatch.segStart + lastBatch.segCount;
    const src = plan.seg.seg.subarray(4 * chunk.segBase, 4 * segEnd);
    const seg = this.#seg.subarray(0, src.length);
    const listBase = first * c;
    for (let i = 0; i < src.length; i += 4) {
      seg[i] = src[i]!;
      seg[i + 1] = src[i + 1]!;
      seg[i + 2] = src[i + 2]! - listBase;
      seg[i + 3] = src[i + 3]! - listBase;
    }
    writeBuffer(e, this.seg, seg);
    writeBuffer(e, this.rowList, plan.seg.rowList.subarray(listBase, listBase + rows * c));
  }

  destroy(): void {
    for (const b of [this.perm, this.num, this.cat, this.labels, this.seg, this.rowList]) b.destroy();
  }
}
