/**
 * Atomic file output: write a temporary file beside the target, then rename,
 * so a failure never leaves a half-written model or submission behind.
 *
 * @module
 */
import { dirname } from "node:path";
import type pl from "nodejs-polars";
import { DataError } from "../errors.ts";

/**
 * Writes `data` to `path` atomically, creating the parent directory if needed. A failure is a DataError
 * naming the path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeFileAtomic } from "./atomic.ts";
 * const path = `${await Deno.makeTempDir()}/models/latest/model.json`; // models/latest/ is made
 * await writeFileAtomic(path, JSON.stringify({ threshold: 0.4 }));
 * assert.deepEqual(JSON.parse(await Deno.readTextFile(path)), { threshold: 0.4 });
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${Deno.pid}.${Date.now()}.tmp`;
  try {
    await Deno.mkdir(dirname(path), { recursive: true });
    if (typeof data === "string") await Deno.writeTextFile(temp, data);
    else await Deno.writeFile(temp, data);
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    // A folder that cannot be made or written is the user's to fix: one line, no stack trace.
    const reason = String((error as Error).message ?? error).split("\n")[0];
    throw new DataError(`Cannot write ${path}: ${reason}`);
  }
}

/**
 * Writes a data frame as CSV (header, comma-separated, empty cells for nulls) atomically.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { writeCsvAtomic } from "./atomic.ts";
 * const dir = await Deno.makeTempDir();
 * await writeCsvAtomic(`${dir}/leads.csv`, pl.DataFrame({ id: ["a", "b"] }));
 * assert.equal(await Deno.readTextFile(`${dir}/leads.csv`), "id\na\nb\n");
 * ```
 */
export async function writeCsvAtomic(path: string, frame: pl.DataFrame): Promise<void> {
  await writeFileAtomic(path, new Uint8Array(frame.writeCSV()));
}
