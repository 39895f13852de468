/**
 * Reading a JSON file the tool wrote (a model, a report's data), with a missing or damaged file as one
 * `DataError` line.
 *
 * @module
 */
import { DataError } from "../errors.ts";

/**
 * Parses the JSON file at `path`; `missing` says what to do when it does not exist.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readJsonFile } from "./read_json.ts";
 * await assert.rejects(readJsonFile("/nonexistent/model.json", "train first"), /no such file \(train first\)/);
 * ```
 */
export async function readJsonFile(path: string, missing: string): Promise<unknown> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound
      ? `no such file (${missing})`
      : error instanceof SyntaxError
      ? "not valid JSON"
      : (error as Error).message;
    throw new DataError(`Cannot read ${path}: ${reason}`);
  }
}
