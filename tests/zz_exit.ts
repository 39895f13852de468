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

const LIBC = {
  gettid: { parameters: [], result: "i32" },
  opendir: { parameters: ["buffer"], result: "pointer" },
  readdir: { parameters: ["pointer"], result: "pointer" },
  closedir: { parameters: ["pointer"], result: "i32" },
  open: { parameters: ["buffer", "i32"], result: "i32" },
  read: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  close: { parameters: ["i32"], result: "i32" },
} as const;
/** Offset of `d_name` in glibc's `struct dirent` on 64-bit Linux (ino, off: 8 bytes; reclen: 2; type: 1). */
const D_NAME = 19;

const cString = (s: string) => new TextEncoder().encode(s + "\0");

/** Contents of a small file, read through libc (empty if it is gone). */
function readSmall(libc: Deno.DynamicLibrary<typeof LIBC>["symbols"], path: string): string {
  const fd = libc.open(cString(path), 0);
  if (fd < 0) return "";
  const buf = new Uint8Array(64);
  const n = Number(libc.read(fd, buf, BigInt(buf.length)));
  libc.close(fd);
  return new TextDecoder().decode(buf.subarray(0, Math.max(0, n))).trim();
}

/**
 * Ids of this process's tokio blocking-pool threads other than the calling one. Read through libc:
 * Deno lets only `--allow-all` read this process's `/proc` entries, and its own async calls would
 * start a pool thread.
 */
function otherPoolThreads(): string[] {
  const lib = Deno.dlopen("libc.so.6", LIBC);
  const libc = lib.symbols;
  try {
    const self = String(libc.gettid());
    const dir = `/proc/${Deno.pid}/task`;
    const handle = libc.opendir(cString(dir));
    if (handle === null) throw new Error(`cannot list ${dir}`);
    const ids: string[] = [];
    try {
      for (let entry = libc.readdir(handle); entry !== null; entry = libc.readdir(handle)) {
        const id = new Deno.UnsafePointerView(entry).getCString(D_NAME);
        if (id.startsWith(".") || id === self) continue;
        // Deno's runtime threads; the kernel cuts names at 15 characters ("tokio-runtime-w")
        if (readSmall(libc, `${dir}/${id}/comm`).startsWith("tokio-runtime")) ids.push(id);
      }
    } finally {
      libc.closedir(handle);
    }
    return ids;
  } finally {
    lib.close();
  }
}

/** Frees the calling thread's libglvnd EGL state (nothing to do where there is no libEGL). */
function releaseEglThread(): void {
  let egl;
  try {
    egl = Deno.dlopen("libEGL.so.1", { eglReleaseThread: { parameters: [], result: "u32" } });
  } catch {
    return; // no EGL library: WebGPU runs on another backend here
  }
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
  const start = Date.now();
  let left = otherPoolThreads();
  while (left.length > 0 && Date.now() - start < DRAIN_LIMIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    left = otherPoolThreads();
  }
  assert.deepEqual(left, [], `runtime threads still alive after ${DRAIN_LIMIT_MS} ms`);
}
