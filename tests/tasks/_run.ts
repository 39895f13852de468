/** Runs a task entry point as a user would, capturing its exit code and output. */
const PERMISSIONS = ["--allow-read", "--allow-write", "--allow-env", "--allow-ffi", "--allow-sys"];
const ROOT = new URL("../../", import.meta.url).pathname;

/** Result of one task run. */
export interface TaskRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tasks/<name>.ts` with `args` from the project root. */
export async function runTaskFile(name: string, args: string[]): Promise<TaskRun> {
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, `tasks/${name}.ts`, ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  });
  const { code, stdout, stderr } = await command.output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}
