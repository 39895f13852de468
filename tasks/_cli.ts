/**
 * What every task shares: flag parsing with one-line usage errors, paths
 * resolved from where the user stands, and known errors printed as one line
 * with a non-zero exit (data: 1, usage: 2). Unknown errors keep their stack.
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { DataError, GpuUnavailableError } from "../src/errors.ts";

/** A wrong flag or flag value. */
export class UsageError extends Error {}

/** The project's root folder, where the default data and model folders live. */
export const PROJECT_ROOT: string = new URL("..", import.meta.url).pathname;

/** Resolves a user-given path against the folder the user ran `deno task` from. */
export function userPath(path: string): string {
  if (isAbsolute(path)) return path;
  return resolve(Deno.env.get("INIT_CWD") ?? Deno.cwd(), path);
}

/** A path inside the project. */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}

/** The first of `candidates` (project-relative) that exists. */
export function firstExisting(...candidates: string[]): string {
  for (const candidate of candidates) {
    try {
      Deno.statSync(projectPath(candidate));
      return projectPath(candidate);
    } catch {
      // try the next one
    }
  }
  return projectPath(candidates[candidates.length - 1]!);
}

/** Parses flags strictly; unknown flags and stray arguments are usage errors. */
export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, strict: true })
      .values;
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]!.replace(/\. To specify.*$/, ""));
  }
}

/** Parses an integer flag within bounds. */
export function intFlag(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max = 2 ** 31 - 1,
) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/** Parses a share flag: a number in (0, 1), or in [0, 1] when `closed`. */
export function shareFlag(name: string, value: string | undefined, closed: boolean): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  const ok = value.trim() !== "" && (closed ? x >= 0 && x <= 1 : x > 0 && x < 1);
  if (!ok) {
    throw new UsageError(`--${name} must be a number in ${closed ? "[0, 1]" : "(0, 1)"}, got "${value}"`);
  }
  return x;
}

/** Parses a flag that takes one of a few words. */
export function choiceFlag<C extends string>(
  name: string,
  value: string | undefined,
  choices: readonly C[],
  fallback: C,
): C {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${choices.join(", ")}, got "${value}"`);
  }
  return value as C;
}

/** The flags that say how a CSV file is written, shared by `train` and `submit`. */
export const DIALECT_FLAGS = {
  sep: { type: "string" },
  encoding: { type: "string" },
  na: { type: "string" },
} as const;

/** Help lines of {@link DIALECT_FLAGS}, their text starting at `column`. */
export function dialectUsage(column: number): string {
  const lines: [string, string][] = [
    ["--sep S", "field separator: , ; tab or | (default: detected from the header)"],
    ["--encoding E", "utf-8 (default), latin1 or cp1252 (both read as Windows-1252)"],
    ["--na TOKENS", 'more comma-separated cell texts that mean "missing" in numeric columns,'],
    ["", "besides the empty cell and NA N/A NaN nan null NULL None #N/A - and others"],
  ];
  return lines.map(([flag, text]) => `  ${flag}`.padEnd(column) + text).join("\n");
}

/** Parses the dialect flags into loader options. */
export function dialectOptions(
  flags: { sep?: string | undefined; encoding?: string | undefined; na?: string | undefined },
): { sep?: string; encoding?: "utf-8" | "latin1" | "cp1252"; na?: string[] } {
  const seps: Record<string, string> = { ",": ",", ";": ";", tab: "\t", "\t": "\t", "\\t": "\t", "|": "|" };
  const sep = flags.sep === undefined ? undefined : seps[flags.sep];
  if (flags.sep !== undefined && sep === undefined) {
    throw new UsageError(`--sep must be one of , ; tab |, got "${flags.sep}"`);
  }
  const encoding = flags.encoding === undefined ? undefined : choiceFlag(
    "encoding",
    flags.encoding.toLowerCase().replace("utf8", "utf-8"),
    [
      "utf-8",
      "latin1",
      "cp1252",
    ] as const,
    "utf-8",
  );
  const na = flags.na?.split(",").map((t) => t.trim()).filter((t) => t !== "");
  return {
    ...(sep === undefined ? {} : { sep }),
    ...(encoding === undefined ? {} : { encoding }),
    ...(na === undefined ? {} : { na }),
  };
}

/** A comma-separated list flag. */
export function listFlag(value: string | undefined): string[] | undefined {
  return value?.split(",").map((t) => t.trim()).filter((t) => t !== "");
}

/**
 * Fails early, without creating anything, when `dir` could not be written: it must be a writable
 * folder, or not exist below a writable folder.
 */
export async function checkWritableDir(dir: string): Promise<void> {
  let at = resolve(dir);
  for (;;) {
    let info: Deno.FileInfo | undefined;
    try {
      info = await Deno.stat(at);
    } catch {
      info = undefined;
    }
    if (info !== undefined) {
      if (!info.isDirectory) {
        throw new DataError(
          `Cannot write ${dir}: ${at === resolve(dir) ? "it is" : `${at} is`} not a folder`,
        );
      }
      const probe = join(at, `.mql-gpu-probe-${Deno.pid}-${Date.now()}`);
      try {
        await Deno.writeTextFile(probe, "");
        await Deno.remove(probe);
      } catch (error) {
        throw new DataError(`Cannot write ${dir}: ${(error as Error).message.split("\n")[0]}`);
      }
      return;
    }
    const parent = dirname(at);
    if (parent === at) return;
    at = parent;
  }
}

/** Fails early, without creating anything, when the file `path` could not be written. */
export async function checkWritableFile(path: string): Promise<void> {
  const info = await Deno.stat(path).catch(() => undefined);
  if (info?.isDirectory) throw new DataError(`Cannot write ${path}: it is a folder`);
  await checkWritableDir(dirname(resolve(path)));
}

/** Runs a task's main function, turning known errors into one line and an exit code. */
export async function runTask(
  name: string,
  usage: string,
  main: (args: string[]) => Promise<void>,
): Promise<void> {
  if (Deno.args.includes("--help") || Deno.args.includes("-h")) {
    console.log(usage.trim());
    return;
  }
  try {
    await main(Deno.args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${name}: ${error.message} (see deno task ${name} --help)`);
      Deno.exit(2);
    }
    // the user's mistakes are one line; anything else (a RangeError included) is our bug and keeps its stack
    if (error instanceof DataError || error instanceof GpuUnavailableError) {
      console.error(`${name}: ${error.message}`);
      Deno.exit(1);
    }
    throw error;
  }
  // the outputs are written: exit now rather than wait for worker threads and devices to wind down
  Deno.exit(0);
}

/** Progress to stderr, so stdout keeps only results. */
export function progress(line: string): void {
  console.error(line);
}
