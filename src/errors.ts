/**
 * The few error classes that callers are meant to catch: bad input data and a
 * missing GPU. Tasks print their message as one line and exit non-zero.
 *
 * @module
 */

/** Input data that cannot be used: a missing column, a bad value, an empty file. */
export class DataError extends Error {
  /** Creates the error; `message` names the file, column and row where known. */
  constructor(message: string) {
    super(message);
    this.name = "DataError";
  }
}

/** `--device gpu` was asked for but no WebGPU adapter exists. */
export class GpuUnavailableError extends Error {
  /** Creates the error with a one-line explanation. */
  constructor(message: string) {
    super(message);
    this.name = "GpuUnavailableError";
  }
}
