/**
 * Reading a scored file beside its true labels, as `evaluate` and `report --submission` both do: every
 * labelled id matched to one scored row, the decisions and true labels in the scored file's row order,
 * and the probabilities when the file has them.
 *
 * @module
 */
import { parseLabels, readAsText } from "../data/load.ts";
import { stringColumn, type TextFrame } from "../data/frames.ts";
import { ID_COLUMN, LABEL_COLUMN } from "../data/schema.ts";
import { DataError } from "../errors.ts";
import { matchIds } from "./evaluate.ts";

/** A scored file and its true labels, row for row. */
export interface ScoredFile {
  /** The scored file as read (every column text). */
  readonly submission: TextFrame;
  /** True labels, in the scored file's row order. */
  readonly labels: Uint8Array;
  /** The file's own True/False decisions. */
  readonly decisions: Uint8Array;
  /** Its `probability` column, when it has one. */
  readonly probs: Float64Array | undefined;
}

/** How a scored file is read: whether it needs probabilities, and its id and label columns' names. */
export interface ScoredFileOptions {
  readonly probability: "optional" | "required";
  /** The id column of both files (default `id`). */
  readonly id?: string;
  /** The label column of both files (default `is_converted`). */
  readonly label?: string;
}

/**
 * Reads `submissionPath` (id, label, optionally probability) and `labelsPath` (id, true label) and
 * matches them by id; a missing column, id or probability is a one-line DataError.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readScoredFile } from "./scored_file.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/sub.csv`, "id,is_converted,probability\nb,True,0.8\na,False,0.1\n");
 * await Deno.writeTextFile(`${dir}/labels.csv`, "id,is_converted\na,True\nb,True\n");
 * const { labels, decisions, probs } = await readScoredFile(`${dir}/sub.csv`, `${dir}/labels.csv`, {
 *   probability: "optional",
 * });
 * // in the scored file's row order: b, then a
 * assert.deepEqual([...labels], [1, 1]);
 * assert.deepEqual([...decisions], [1, 0]);
 * assert.deepEqual([...probs!], [0.8, 0.1]);
 * ```
 */
export async function readScoredFile(
  submissionPath: string,
  labelsPath: string,
  options: ScoredFileOptions,
): Promise<ScoredFile> {
  const id = options.id ?? ID_COLUMN;
  const label = options.label ?? LABEL_COLUMN;
  const truth = await readAsText(labelsPath);
  const submission = await readAsText(submissionPath);
  needColumns(truth, labelsPath, [id, label]);
  needColumns(
    submission,
    submissionPath,
    options.probability === "required" ? [id, label, "probability"] : [id, label],
  );
  const order = matchIds(stringColumn(submission, id), stringColumn(truth, id), submissionPath, labelsPath);
  const trueLabels = parseLabels(labelsPath, truth, label).labels;
  const labels = Uint8Array.from(order, (r) => trueLabels[r]!);
  const decisions = parseLabels(submissionPath, submission, label).labels;
  const probs = submission.columns.includes("probability")
    ? probabilities(submissionPath, stringColumn(submission, "probability"))
    : undefined;
  return { submission, labels, decisions, probs };
}

/** A one-line DataError naming the first of `names` that `frame` lacks. */
export function needColumns(frame: TextFrame, path: string, names: readonly string[]): void {
  const missing = names.find((n) => !frame.columns.includes(n));
  if (missing === undefined) return;
  const hint = missing === "probability" ? " (score it with submit --with-probability)" : "";
  throw new DataError(`Cannot read ${path}: it has no "${missing}" column${hint}`);
}

function probabilities(path: string, cells: (string | null)[]): Float64Array {
  return Float64Array.from(cells, (cell, r) => {
    const p = Number(cell?.trim() || NaN);
    if (!(p >= 0 && p <= 1)) {
      throw new DataError(
        `Cannot read ${path}: column "probability" row ${r + 1} is "${
          cell ?? ""
        }", expected a number in [0, 1]`,
      );
    }
    return p;
  });
}
