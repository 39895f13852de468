/**
 * A strided view of a row-major matrix inside a flat Float32Array, shared by the
 * CPU reference passes.
 *
 * @module
 */

/** Rows start at `data[off + r * ld]`; `ld` (the row stride) may exceed the logical width. */
export interface Mat {
  /** Backing storage. */
  readonly data: Float32Array;
  /** Index of element (0, 0). */
  readonly off: number;
  /** Row stride in elements. */
  readonly ld: number;
}

/** A view of `data` starting at `off` with row stride `ld`. */
export function mat(data: Float32Array, off: number, ld: number): Mat {
  return { data, off, ld };
}
