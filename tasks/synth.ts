/**
 * `deno task synth`: writes a synthetic `train.csv` and `submission.csv`
 * shaped like the LG Aimers online round.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { synthesizeSplit } from "../src/synth/synthesize.ts";
import { writeCsvAtomic } from "../src/io/atomic.ts";

const USAGE = `Usage: deno task synth [--out DIR] [--rows N] [--test-rows M] [--seed S]

Writes DIR/train.csv (N labelled leads) and DIR/submission.csv (M test leads
with an empty is_converted column), synthetic but shaped like the LG Aimers
online round. The same seed always writes the same files.

Options:
  --out DIR        output folder, created if missing (default: data/sample)
  --rows N         rows of train.csv, >= 1 (default: 5000)
  --test-rows M    rows of submission.csv, >= 0 (default: 1000)
  --seed S         integer seed (default: 42)
  -h, --help       show this help`;

class UsageError extends Error {}

function integer(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`--${flag} is "${text}", expected an integer >= ${min}`);
  }
  return value;
}

function parse(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: "string", default: "data/sample" },
        rows: { type: "string", default: "5000" },
        "test-rows": { type: "string", default: "1000" },
        seed: { type: "string", default: "42" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message.split("\n")[0] ?? "bad arguments" : String(error),
    );
  }
  const v = parsed.values;
  return {
    help: v.help,
    out: v.out.replace(/\/+$/, "") || ".",
    rows: integer("rows", v.rows, 1),
    testRows: integer("test-rows", v["test-rows"], 0),
    seed: integer("seed", v.seed, Number.MIN_SAFE_INTEGER),
  };
}

const percent = (labels: Uint8Array) =>
  labels.length === 0 ? "n/a" : `${(100 * labels.reduce((a, b) => a + b, 0) / labels.length).toFixed(1)}%`;

/** Runs the task with command-line `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  let options;
  try {
    options = parse(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`synth: ${error.message} (see --help)`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const { out, rows, testRows, seed } = options;
  console.error(`synth: synthesizing ${rows} train and ${testRows} test leads (seed ${seed})`);
  const split = synthesizeSplit({ trainRows: rows, testRows, seed });
  try {
    await Deno.mkdir(out, { recursive: true });
    await writeCsvAtomic(`${out}/train.csv`, split.train);
    await writeCsvAtomic(`${out}/submission.csv`, split.test);
  } catch (error) {
    if (
      !(error instanceof Deno.errors.PermissionDenied || error instanceof Deno.errors.NotFound ||
        error instanceof Deno.errors.NotADirectory || error instanceof Deno.errors.AlreadyExists)
    ) throw error;
    console.error(`synth: Cannot write to ${out}: ${error.message}`);
    return 1;
  }
  console.error(`synth: wrote ${out}/train.csv (${rows} rows, ${percent(split.trainLabels)} positive)`);
  console.error(
    `synth: wrote ${out}/submission.csv (${testRows} rows, hidden positive rate ${
      percent(split.testLabels)
    })`,
  );
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
