/**
 * Sizing table-scale GPU buffers against the adapter's limit on one storage
 * binding (`maxStorageBufferBindingSize`, `maxBufferSize`): how many rows one
 * chunk may hold, and the one-line error when not even one batch fits.
 *
 * @module
 */

import { GpuUnavailableError } from "../errors.ts";
import type { GpuEngine } from "../gpu/device.ts";

/**
 * The most bytes one buffer of rows to score holds even where the adapter allows more: on a software
 * adapter device memory is host memory, so a million-row table is scored in slices of this size
 * instead of doubling the process's footprint (training rows: {@link TRAIN_TABLE_BYTES}).
 */
export const TABLE_CHUNK_BYTES = 64 * 1024 * 1024;

/** Bytes one chunk of a table's buffers may take on `engine` when scoring it (one pass over the rows). */
export function tableChunkBytes(engine: GpuEngine): number {
  return Math.min(engine.bindingLimit, TABLE_CHUNK_BYTES);
}

/**
 * The most bytes one buffer of training rows holds. Training reads every row each epoch, so a streamed
 * table is gathered and written again every epoch (at a million leads on llvmpipe that cost each MLP fit
 * about a fifth of its time); a resident table is written once. Resident rows cost about what a
 * streamed chunk and its staging copy cost at a million leads, so they stay resident up to here.
 */
export const TRAIN_TABLE_BYTES = 128 * 1024 * 1024;

/** Bytes one chunk of the training rows' buffers may take on `engine`. */
export function trainChunkBytes(engine: GpuEngine): number {
  return Math.min(engine.bindingLimit, TRAIN_TABLE_BYTES);
}

/**
 * The most embedding-scatter segments (distinct (column, category) pairs) a batch of `batchSize` rows
 * can have: a column contributes at most one per row and at most one per category.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { segmentsPerBatch } from "./gpu_chunks.ts";
 * assert.equal(segmentsPerBatch([3, 5000], 512), 3 + 512);
 * ```
 */
export function segmentsPerBatch(catSizes: readonly number[], batchSize: number): number {
  return catSizes.reduce((sum, size) => sum + Math.min(size, batchSize), 0);
}

/**
 * The most rows, a multiple of `multiple`, whose buffers each fit `limit` bytes, when a row takes
 * `bytesPerRow[i]` bytes of buffer i. Throws {@link GpuUnavailableError} when `multiple` rows do not fit.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rowsPerChunk } from "./gpu_chunks.ts";
 * assert.equal(rowsPerChunk(1 << 20, [64, 16], 256, "train"), 16384);
 * ```
 */
export function rowsPerChunk(
  limit: number,
  bytesPerRow: readonly number[],
  multiple: number,
  what: string,
): number {
  const widest = Math.max(4, ...bytesPerRow);
  const rows = Math.floor(limit / widest / multiple) * multiple;
  if (rows < multiple) {
    throw new GpuUnavailableError(
      `Cannot ${what} on this GPU: ${multiple} rows need a ${widest * multiple}-byte buffer, ` +
        `over the adapter's ${limit}-byte storage binding limit (maxStorageBufferBindingSize); use --device cpu`,
    );
  }
  return rows;
}

/** Throws {@link GpuUnavailableError} when one buffer of `bytes` exceeds `limit`. */
export function checkBinding(limit: number, bytes: number, what: string): void {
  if (bytes > limit) {
    throw new GpuUnavailableError(
      `Cannot ${what} on this GPU: it needs a ${bytes}-byte buffer, over the adapter's ${limit}-byte ` +
        `storage binding limit (maxStorageBufferBindingSize); use --device cpu or fewer rows`,
    );
  }
}
