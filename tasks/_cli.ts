/**
 * What every task shares: flag parsing with one-line usage errors, paths
 * resolved from where the user stands, and known errors printed as one line
 * with a non-zero exit (data: 1, usage: 2). Unknown errors keep their stack.
 */
import { isAbsolute, join, resolve } from "node:path";
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
    if (error instanceof DataError || error instanceof GpuUnavailableError || error instanceof RangeError) {
      console.error(`${name}: ${error.message}`);
      Deno.exit(1);
    }
    throw error;
  }
}

/** Progress to stderr, so stdout keeps only results. */
export function progress(line: string): void {
  console.error(line);
}
