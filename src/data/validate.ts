/**
 * Matches a file's header to the lead table schema: which required columns are
 * missing, whether it is an online-round or a finals file, which extra
 * columns it carries.
 *
 * @module
 */
import { FINALS_COLUMNS, KNOWN_COLUMNS, ONLINE_COLUMNS } from "./schema.ts";

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
 * Describes a header given its columns' roles: every column but the label, the id and the ignored
 * ones is a feature; the LG Aimers columns first, in schema order, then the others in file order.
 * Nothing is required but the roles (see src/data/roles.ts).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { detectSchema } from "./validate.ts";
 * const roles = { label: "won", group: null, id: "ref", ignore: [] };
 * assert.deepEqual(detectSchema(["ref", "x", "bant_submit", "won"], roles).features, ["bant_submit", "x"]);
 * ```
 */
export function detectSchema(
  header: readonly string[],
  roles: { readonly label: string; readonly id: string | null; readonly ignore: readonly string[] },
): TableSchema {
  const present = new Set(header);
  const notFeatures = new Set([roles.label, ...(roles.id === null ? [] : [roles.id]), ...roles.ignore]);
  const online = ONLINE_FEATURES.filter((name) => present.has(name) && !notFeatures.has(name));
  const finals = FINALS_COLUMNS.filter((c) => present.has(c.name) && !notFeatures.has(c.name)).map((c) =>
    c.name
  );
  const unknown = header.filter((name) => !KNOWN_COLUMNS.has(name) && !notFeatures.has(name));
  const features = [...online, ...finals, ...unknown];
  const numeric = features.filter((name) => KNOWN_COLUMNS.get(name)?.kind === "numeric");
  return { round: finals.length > 0 ? "finals" : "online", features, numeric, unknown };
}
