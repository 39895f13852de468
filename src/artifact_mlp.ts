/**
 * A fitted MLP's JSON form in \`model.json\`: its options, input shape and parameters (base64 of the
 * little-endian float32 bytes), read back against the layout those imply.
 *
 * @module
 */
import { type FittedMlp, fittedMlp, type MlpOptions } from "./models/mlp.ts";
import { mlpLayout } from "./models/layout.ts";
import { validateOptions } from "./models/mlp_checks.ts";

const FORMAT = "mql-gpu/mlp";

/** A JSON-ready form of `model`; `params` is base64 of the little-endian float32 bytes. */
export function mlpToJson(model: FittedMlp): unknown {
  return {
    format: FORMAT,
    version: 1,
    options: { ...model.options, hidden: [...model.options.hidden] },
    numCols: model.numCols,
    catSizes: [...model.catSizes],
    params: encodeFloats(model.params),
  };
}

/** Reads {@link mlpToJson}'s output back; throws TypeError when its shape is wrong. */
export function mlpFromJson(json: unknown): FittedMlp {
  const o = json as Record<string, unknown> | null;
  if (typeof o !== "object" || o === null || o.format !== FORMAT || o.version !== 1) {
    throw new TypeError(`Cannot read model: expected an object with format "${FORMAT}" and version 1`);
  }
  const options = o.options as MlpOptions;
  if (typeof options !== "object" || options === null) {
    throw new TypeError("Cannot read model: options missing");
  }
  try {
    validateOptions(options);
  } catch (e) {
    throw new TypeError(`Cannot read model: ${(e as Error).message}`);
  }
  const numCols = o.numCols;
  const catSizes = o.catSizes;
  if (!Number.isInteger(numCols) || (numCols as number) < 0) {
    throw new TypeError("Cannot read model: numCols must be a non-negative integer");
  }
  if (!Array.isArray(catSizes) || !catSizes.every((s) => Number.isInteger(s) && s >= 1)) {
    throw new TypeError("Cannot read model: catSizes must be an array of positive integers");
  }
  if (typeof o.params !== "string") throw new TypeError("Cannot read model: params must be a base64 string");
  const layout = mlpLayout(numCols as number, catSizes as number[], options.embedDim, options.hidden);
  const params = decodeFloats(o.params);
  if (params === null || params.length !== layout.total) {
    throw new TypeError(
      `Cannot read model: params hold ${params?.length ?? "invalid"} floats, expected ${layout.total}`,
    );
  }
  return fittedMlp(options, numCols as number, catSizes as number[], params);
}

/** Base64 of the float32 bytes (little-endian). */
export function encodeFloats(a: Float32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Inverse of {@link encodeFloats}; null when not base64 of a whole number of floats. */
export function decodeFloats(b64: string): Float32Array | null {
  let s: string;
  try {
    s = atob(b64);
  } catch {
    return null;
  }
  if (s.length % 4 !== 0) return null;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}
