/**
 * Matches a file's header to the lead table schema: which required columns are
 * missing, whether it is an online-round or a finals file, which extra
 * columns it carries.
 *
 * @module
 */
import { DataError } from "../errors.ts";
import { FINALS_COLUMNS, ID_COLUMN, KNOWN_COLUMNS, LABEL_COLUMN, ONLINE_COLUMNS } from "./schema.ts";

/** The schema a header was matched to. */
export interface TableSchema {
  /** "finals" when any finals column is present. */
  readonly round: "online" | "finals";
  /** Feature columns present, in schema order (known) then file order (unknown). */
  readonly features: readonly string[];
  /** Feature columns read as numbers. */
  readonly numeric: readonly string[];
  /** Columns the schema does not know. */
  readonly unknown: readonly string[];
}

/** Online-round feature columns (everything but the label). */
export const ONLINE_FEATURES: readonly string[] = ONLINE_COLUMNS
  .filter((c) => c.kind !== "label")
  .map((c) => c.name);

/**
 * Checks a header against the schema and describes it.
 *
 * @example
 * ```ts
 * import { detectSchema } from "./validate.ts";
 * import { ONLINE_COLUMNS } from "./schema.ts";
 * const schema = detectSchema("train.csv", ONLINE_COLUMNS.map((c) => c.name), "train");
 * console.log(schema.round); // "online"
 * ```
 */
export function detectSchema(path: string, header: readonly string[], role: "train" | "test"): TableSchema {
  const present = new Set(header);
  const required = role === "train" ? [...ONLINE_FEATURES, LABEL_COLUMN] : [ID_COLUMN, ...ONLINE_FEATURES];
  const missing = required.filter((name) => !present.has(name));
  if (missing.length > 0) {
    const list = missing.map((m) => `"${m}"`).join(", ");
    const what = missing.length === 1 ? "column" : "columns";
    throw new DataError(`Cannot read ${path}: missing required ${what} ${list}`);
  }
  const finals = FINALS_COLUMNS.filter((c) => present.has(c.name)).map((c) => c.name);
  const unknown = header.filter((name) => !KNOWN_COLUMNS.has(name) && name !== ID_COLUMN);
  const features = [...ONLINE_FEATURES, ...finals, ...unknown];
  const numeric = features.filter((name) => KNOWN_COLUMNS.get(name)?.kind === "numeric");
  return { round: finals.length > 0 ? "finals" : "online", features, numeric, unknown };
}
