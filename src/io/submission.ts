/**
 * The submission file: the test file's rows in their order and with their
 * columns, the label filled in the training file's spelling under its name
 * (added as the last column when the file has none), optionally the blended
 * probability; written in the test file's separator and encoding.
 *
 * @module
 */
import pl from "nodejs-polars";
import { type Dialect, encodeText, quoteCell } from "../data/dialect.ts";
import { LABEL_COLUMN } from "../data/schema.ts";
import { DataError } from "../errors.ts";
import { writeFileAtomic } from "./atomic.ts";

/** Options of {@linkcode writeSubmission}. */
export interface SubmissionOptions {
  /** A row is positive when its probability is at least this. */
  readonly threshold: number;
  /** Adds a `probability` column after the label. */
  readonly withProbability?: boolean;
  /** The label column's name (default `is_converted`). */
  readonly label?: string;
  /** How a positive and a negative are written (default `True` / `False`). */
  readonly spelling?: { readonly positive: string; readonly negative: string };
  /** How the file is written (default: comma-separated UTF-8 without BOM, `\n` line ends). */
  readonly dialect?: Dialect;
  /** Columns added last, in order (`submit --explain`: score, tier, reasons). */
  readonly extraColumns?: readonly pl.Series[];
}

/** Comma-separated UTF-8, as polars writes it. */
export const DEFAULT_DIALECT: Dialect = { sep: ",", encoding: "utf-8", bom: false, eol: "\n" };

/**
 * The submission as a data frame: `raw` (the test file as read) with the label filled in.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { submissionFrame } from "./submission.ts";
 * const raw = pl.DataFrame({ id: ["1", "2"], is_converted: [null, null] });
 * const out = submissionFrame(raw, Float32Array.of(0.9, 0.1), { threshold: 0.5 });
 * assert.deepEqual(out.getColumn("is_converted").toArray(), ["True", "False"]);
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
  const { positive, negative } = options.spelling ?? { positive: "True", negative: "False" };
  const decisions = Array.from(probs, (p) => (p >= options.threshold ? positive : negative));
  // an existing label column is replaced where it stands; a missing one is added last
  const label = pl.Series(options.label ?? LABEL_COLUMN, decisions, pl.String);
  const out = raw.withColumns(label);
  const extra = options.extraColumns ?? [];
  if (!options.withProbability) return extra.length ? out.withColumns(...extra) : out;
  return out.withColumns(
    // six significant digits, not decimals: log-odds read back from a tiny probability stay exact
    pl.Series("probability", Array.from(probs, (p) => Number(p.toPrecision(6))), pl.Float64),
    ...extra,
  );
}

/**
 * A frame as delimited text in `dialect`: header, then one line per row; empty cells for nulls.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { delimitedText } from "./submission.ts";
 * const dialect = { sep: ";", encoding: "utf-8", bom: false, eol: "\n" } as const;
 * const text = delimitedText(pl.DataFrame({ a: ["x;y", null], b: [1, 2] }), dialect);
 * assert.equal(text, 'a;b\n"x;y";1\n;2\n'); // a cell holding the separator is quoted
 * ```
 */
export function delimitedText(frame: pl.DataFrame, dialect: Dialect): string {
  const columns = frame.getColumns().map((c) => c.toArray() as unknown[]);
  const cell = (v: unknown) => (v === null || v === undefined ? "" : quoteCell(String(v), dialect.sep));
  const lines = [frame.columns.map((name) => quoteCell(name, dialect.sep)).join(dialect.sep)];
  for (let r = 0; r < frame.height; r++) lines.push(columns.map((c) => cell(c[r])).join(dialect.sep));
  return lines.join(dialect.eol) + dialect.eol;
}

/** Writes the submission atomically, in the test file's dialect. */
export async function writeSubmission(
  path: string,
  raw: pl.DataFrame,
  probs: Float32Array,
  options: SubmissionOptions,
): Promise<void> {
  const dialect = options.dialect ?? DEFAULT_DIALECT;
  const text = delimitedText(submissionFrame(raw, probs, options), dialect);
  let bytes;
  try {
    bytes = encodeText(text, dialect);
  } catch (error) {
    // a cp1252 test file, and a label spelling or reason (from the training file) it cannot hold
    if (!(error instanceof RangeError)) throw error;
    throw new DataError(`Cannot write ${path} in ${dialect.encoding} like the test file: ${error.message}`);
  }
  await writeFileAtomic(path, bytes);
}
