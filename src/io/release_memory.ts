/**
 * Gives memory that native code has freed back to the operating system. Polars (and the typed arrays
 * that carry fold designs) allocate through the C library's `malloc`; glibc keeps what they free in its
 * arenas for reuse, so a large table's intermediate columns stay resident long after they are dropped
 * (about 1 GB at a million leads). `malloc_trim(0)` returns those free pages. Elsewhere than glibc, or
 * without the FFI permission, this does nothing.
 *
 * @module
 */

type Trim = { symbols: { malloc_trim: (pad: number | bigint) => number } };

let trim: Trim | null | undefined;

/**
 * Returns the C library's free heap pages to the operating system (glibc's `malloc_trim`); a no-op where
 * that is not available. Call it after an `await`: polars frees a dropped frame's memory only once the
 * garbage collector has finalized its JavaScript object.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { releaseFreedMemory } from "./release_memory.ts";
 * const before = Deno.memoryUsage().rss;
 * releaseFreedMemory(); // returns pages, never takes any
 * assert.ok(Deno.memoryUsage().rss <= before + 16 * 2 ** 20);
 * ```
 */
export function releaseFreedMemory(): void {
  if (trim === undefined) trim = openTrim();
  trim?.symbols.malloc_trim(0);
}

function openTrim(): Trim | null {
  if (Deno.build.os !== "linux") return null;
  try {
    return Deno.dlopen("libc.so.6", { malloc_trim: { parameters: ["usize"], result: "i32" } }) as Trim;
  } catch {
    return null; // musl, no libc.so.6, or no --allow-ffi
  }
}
