/**
 * `deno task bench --scale`: `train` and `submit` on synthetic tables of growing size, each in its
 * own process, timed, with its peak resident memory (from GNU time). Prints a table and one JSON line.
 */
import { join } from "node:path";
import { progress, projectPath } from "./_cli.ts";

/** The permissions deno.json gives train, submit and synth. */
const TASK_PERMISSIONS = ["--allow-read", "--allow-write", "--allow-env", "--allow-ffi", "--allow-sys"];

/** One measured run of a task. */
export interface TaskRun {
  readonly seconds: number;
  readonly peakBytes: number;
}

/**
 * Runs `deno run <script> ...args` with the tasks' permissions under GNU time (`/usr/bin/time`), which
 * reports the child's peak resident set (Deno may not read another process's /proc); without GNU time
 * the peak is reported as 0.
 */
export async function measureTask(script: string, args: string[]): Promise<TaskRun> {
  const deno = [Deno.execPath(), "run", ...TASK_PERMISSIONS, projectPath("tasks", script), ...args];
  const timed = hasGnuTime();
  const t0 = performance.now();
  const out = await new Deno.Command(timed ? GNU_TIME : deno[0]!, {
    args: timed ? ["-f", "peak_kb=%M", ...deno] : deno.slice(1),
    stdout: "null",
    stderr: "piped",
  }).output();
  const seconds = (performance.now() - t0) / 1000;
  const stderr = new TextDecoder().decode(out.stderr);
  if (!out.success) {
    throw new Error(
      `${script} ${args.join(" ")} failed (exit ${out.code}): ${stderr.trim().split("\n").pop()}`,
    );
  }
  const m = /peak_kb=(\d+)/.exec(stderr);
  return { seconds, peakBytes: m === null ? 0 : Number(m[1]) * 1024 };
}

const GNU_TIME = "/usr/bin/time";

function hasGnuTime(): boolean {
  try {
    return Deno.statSync(GNU_TIME).isFile;
  } catch {
    return false;
  }
}

/** Synthesizes `rows` train and test leads into `dir` (skipped when they are already there). */
async function synth(dir: string, rows: number, seed: number): Promise<void> {
  try {
    Deno.statSync(join(dir, "submission.csv"));
    return;
  } catch {
    // not there yet
  }
  await measureTask("synth.ts", [
    "--rows",
    `${rows}`,
    "--test-rows",
    `${rows}`,
    "--seed",
    `${seed}`,
    "--out",
    dir,
  ]);
}

/** Measures train and submit at each of `sizes` leads, tables kept under `workDir`. */
export async function benchScale(sizes: readonly number[], workDir: string, seed: number): Promise<void> {
  const results = [];
  for (const rows of sizes) {
    const dir = join(workDir, `synth_${rows}`);
    progress(`bench --scale: ${rows} leads: synthesizing`);
    await synth(dir, rows, seed);
    progress(`bench --scale: ${rows} leads: train`);
    const train = await measureTask("train.ts", [
      "--data",
      join(dir, "train.csv"),
      "--out",
      join(dir, "model"),
      "--seed",
      `${seed}`,
    ]);
    progress(`bench --scale: ${rows} leads: submit`);
    const submit = await measureTask("submit.ts", [
      "--model",
      join(dir, "model"),
      "--test",
      join(dir, "submission.csv"),
      "--out",
      join(dir, "scored.csv"),
    ]);
    results.push({ rows, train, submit });
    progress(
      `bench --scale: ${rows} leads: train ${train.seconds.toFixed(1)} s, peak ${
        gib(train.peakBytes)
      } GiB; ` +
        `submit ${submit.seconds.toFixed(1)} s, peak ${gib(submit.peakBytes)} GiB`,
    );
  }
  const n = (x: number, w = 10) => Math.round(x).toLocaleString("en-US").padStart(w);
  console.log(
    `${"leads".padStart(10)}${"train s".padStart(10)}${"rows/s".padStart(10)}${"peak GiB".padStart(10)}` +
      `${"submit s".padStart(10)}${"rows/s".padStart(10)}${"peak GiB".padStart(10)}`,
  );
  for (const r of results) {
    console.log(
      `${n(r.rows)}${r.train.seconds.toFixed(1).padStart(10)}${n(r.rows / r.train.seconds)}  ${
        gib(r.train.peakBytes).padStart(8)
      }${r.submit.seconds.toFixed(1).padStart(10)}${n(r.rows / r.submit.seconds)}  ${
        gib(r.submit.peakBytes).padStart(8)
      }`,
    );
  }
  const first = results[0]!;
  const last = results[results.length - 1]!;
  console.log(
    `train time ${last.rows / first.rows}x the rows: ${
      (last.train.seconds / first.train.seconds).toFixed(1)
    }x`,
  );
  console.log(JSON.stringify({
    scale: results.map((r) => ({
      rows: r.rows,
      train_s: round(r.train.seconds),
      train_peak_bytes: r.train.peakBytes,
      submit_s: round(r.submit.seconds),
      submit_peak_bytes: r.submit.peakBytes,
    })),
  }));
}

function gib(bytes: number): string {
  return (bytes / 2 ** 30).toFixed(2);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
