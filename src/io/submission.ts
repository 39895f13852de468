/**
 * The submission file: the test file's rows in their order and with their
 * columns, `is_converted` filled with `True`/`False`, and optionally the
 * blended probability.
 *
 * @module
 */
import pl from "nodejs-polars";
import { LABEL_COLUMN } from "../data/schema.ts";
import { writeCsvAtomic } from "./atomic.ts";

/** Options of {@linkcode writeSubmission}. */
export interface SubmissionOptions {
  /** A row is `True` when its probability is at least this. */
  readonly threshold: number;
  /** Adds a `probability` column after the label. */
  readonly withProbability?: boolean;
  /** Columns added last, in order (`submit --explain`: score, tier, reasons). */
  readonly extraColumns?: readonly pl.Series[];
}

/**
 * The submission as a data frame: `raw` (the test file as read) with the label filled in.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { submissionFrame } from "./submission.ts";
 * const raw = pl.DataFrame({ id: ["1", "2"], is_converted: [null, null] });
 * const out = submissionFrame(raw, Float32Array.of(0.9, 0.1), { threshold: 0.5 });
 * console.log(out.getColumn("is_converted").toArray()); // ["True", "False"]
 * ```
 */
export function submissionFrame(
  raw: pl.DataFrame,
  probs: Float32Array,
  options: SubmissionOptions,
): pl.DataFrame {
  if (probs.length !== raw.height) {
    throw new RangeError(`${probs.length} probabilities for ${raw.height} rows`);
  }
  const decisions = Array.from(probs, (p) => (p >= options.threshold ? "True" : "False"));
  const label = pl.Series(LABEL_COLUMN, decisions, pl.String);
  const out = raw.withColumns(label);
  const extra = options.extraColumns ?? [];
  if (!options.withProbability) return extra.length ? out.withColumns(...extra) : out;
  return out.withColumns(
    pl.Series("probability", Array.from(probs, (p) => Number(p.toFixed(6))), pl.Float64),
    ...extra,
  );
}

/** Writes the submission CSV atomically. */
export async function writeSubmission(
  path: string,
  raw: pl.DataFrame,
  probs: Float32Array,
  options: SubmissionOptions,
): Promise<void> {
  await writeCsvAtomic(path, submissionFrame(raw, probs, options));
}
