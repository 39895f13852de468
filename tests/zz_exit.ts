/**
 * The suite's last test: lets the test process exit without the heap corruption described in
 * docs/test-exit.md. It is this module's example, run by `deno test --doc`: doc tests run after
 * every test file, and this module's path sorts after every other module's.
 *
 * Why: WebGPU on Mesa goes through libglvnd's `libEGL.so.1`, which keeps per-thread state freed
 * by a thread-exit destructor, and at process exit frees every thread's state in its library
 * destructor. `deno test` runs each test file on a thread of tokio's blocking pool, and on exit it
 * ends the pool's idle threads without joining them: a thread whose EGL state is freed by its own
 * destructor while the main thread's exit frees it too is a double free (exit 134 or 139 after
 * every test passed). Idle pool threads end by themselves after a keep-alive (10 s), so this file
 * releases its own thread's EGL state and waits until no other pool thread is left: at exit no
 * thread that ever held EGL state can still be ending.
 *
 * @example The last test of `deno task test`
 * ```ts
 * import { drainRuntimeThreads } from "./zz_exit.ts";
 * await drainRuntimeThreads();
 * ```
 *
 * @module
 */

import assert from "node:assert/strict";

const LINUX = Deno.build.os === "linux";
/** Longer than the pool's keep-alive (10 s) on a busy machine. */
const DRAIN_LIMIT_MS = 60_000;
const POLL_MS = 200;

/** Ids of this process's tokio blocking-pool threads other than the calling one. */
function otherPoolThreads(): string[] {
  const self = Deno.readLinkSync("/proc/thread-self").split("/").pop();
  const ids: string[] = [];
  for (const entry of Deno.readDirSync("/proc/self/task")) {
    if (entry.name === self) continue;
    let name: string;
    try {
      name = Deno.readTextFileSync(`/proc/self/task/${entry.name}/comm`).trim();
    } catch {
      continue; // the thread ended while we listed it
    }
    // Deno's runtime threads; the kernel cuts names at 15 characters ("tokio-runtime-w")
    if (name.startsWith("tokio-runtime")) ids.push(entry.name);
  }
  return ids;
}

/** Frees the calling thread's libglvnd EGL state when WebGPU loaded libEGL (a no-op otherwise). */
function releaseEglThread(): void {
  if (!Deno.readTextFileSync("/proc/self/maps").includes("/libEGL.so.1")) return;
  const egl = Deno.dlopen("libEGL.so.1", { eglReleaseThread: { parameters: [], result: "u32" } });
  try {
    egl.symbols.eglReleaseThread();
  } finally {
    egl.close();
  }
}

/**
 * Frees the calling thread's EGL state, then waits until no other tokio blocking-pool thread is
 * left; throws if some still are after a minute. Does nothing off Linux.
 */
export async function drainRuntimeThreads(): Promise<void> {
  if (!LINUX) return;
  releaseEglThread();
  // only sync file reads below: an async one would start a pool thread of its own
  const start = Date.now();
  let left = otherPoolThreads();
  while (left.length > 0 && Date.now() - start < DRAIN_LIMIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    left = otherPoolThreads();
  }
  assert.deepEqual(left, [], `runtime threads still alive after ${DRAIN_LIMIT_MS} ms`);
}
