/**
 * Column roles: which column is the label, which names the customer (the group: grouped folds, the
 * customer encodings, placeholder detection, the known/unseen split), which is the row id, and which
 * are ignored. Every other column is a feature. Roles are saved in the model, so that scoring reads
 * the same columns the same way.
 *
 * @module
 */
import { DataError } from "../errors.ts";
import { CUSTOMER_COLUMN, ID_COLUMN, LABEL_COLUMN } from "./schema.ts";

/** The roles of a table's columns. */
export interface Roles {
  /** The label column (training files). */
  readonly label: string;
  /** The customer column; null: none (stratified random folds, no customer encodings). */
  readonly group: string | null;
  /** The row id column; null: rows are identified by their order. */
  readonly id: string | null;
  /** Columns that are neither roles nor features. */
  readonly ignore: readonly string[];
}

/** What the user asked for; `group: "none"` asks for no group. */
export interface RoleRequest {
  readonly label?: string;
  readonly group?: string;
  readonly id?: string;
  readonly ignore?: readonly string[];
}

/** The roles of the LG Aimers files, used for models saved before roles were recorded. */
export const DEFAULT_ROLES: Roles = {
  label: LABEL_COLUMN,
  group: CUSTOMER_COLUMN,
  id: ID_COLUMN,
  ignore: [],
};

/**
 * The roles of a training file's `header`: the label must be there; the group defaults to
 * `customer_idx` when present; the id to `id` when present. A named column that is missing, or one
 * column in two roles, is a `DataError` naming it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trainingRoles } from "./roles.ts";
 * const roles = trainingRoles("t.csv", ["won", "account", "x"], { label: "won", group: "account" });
 * assert.deepEqual(roles, { label: "won", group: "account", id: null, ignore: [] });
 * ```
 */
export function trainingRoles(path: string, header: readonly string[], request: RoleRequest = {}): Roles {
  const present = new Set(header);
  const label = request.label ?? LABEL_COLUMN;
  if (!present.has(label)) {
    throw new DataError(
      `Cannot read ${path}: no label column "${label}"${
        request.label ? "" : " (name yours with --label)"
      }; the header has ${listed(header)}${separatorHint(header)}`,
    );
  }
  const group = request.group === "none"
    ? null
    : request.group ?? (present.has(CUSTOMER_COLUMN) ? CUSTOMER_COLUMN : null);
  if (group !== null && !present.has(group)) {
    throw new DataError(`Cannot read ${path}: no group column "${group}"; the header has ${listed(header)}`);
  }
  const id = optionalColumn(path, present, request.id, header);
  const ignore = request.ignore ?? [];
  for (const name of ignore) {
    if (!present.has(name)) {
      throw new DataError(
        `Cannot read ${path}: no column "${name}" to ignore; the header has ${listed(header)}`,
      );
    }
  }
  const roles = { label, group, id, ignore };
  checkDistinct(path, roles);
  return roles;
}

/**
 * The id column of a file to score: `requested` (which must be there), else `fallback` or `id` when
 * present, else none.
 */
export function scoringId(
  path: string,
  header: readonly string[],
  requested: string | undefined,
  fallback: string | null,
): string | null {
  const present = new Set(header);
  if (requested !== undefined) return optionalColumn(path, present, requested, header);
  if (fallback !== null && present.has(fallback)) return fallback;
  return present.has(ID_COLUMN) ? ID_COLUMN : null;
}

function optionalColumn(
  path: string,
  present: ReadonlySet<string>,
  requested: string | undefined,
  header: readonly string[],
): string | null {
  if (requested === undefined) return present.has(ID_COLUMN) ? ID_COLUMN : null;
  if (!present.has(requested)) {
    throw new DataError(`Cannot read ${path}: no id column "${requested}"; the header has ${listed(header)}`);
  }
  return requested;
}

function checkDistinct(path: string, roles: Roles): void {
  const named: [string, string | null][] = [["label", roles.label], ["group", roles.group], ["id", roles.id]];
  for (let a = 0; a < named.length; a++) {
    for (let b = a + 1; b < named.length; b++) {
      if (named[a]![1] !== null && named[a]![1] === named[b]![1]) {
        throw new DataError(
          `Cannot read ${path}: column "${named[a]![1]}" cannot be both the ${named[a]![0]} and the ${
            named[b]![0]
          }`,
        );
      }
    }
    if (named[a]![1] !== null && roles.ignore.includes(named[a]![1]!)) {
      throw new DataError(
        `Cannot read ${path}: column "${named[a]![1]}" is the ${named[a]![0]}; it cannot be ignored`,
      );
    }
  }
}

/** A header for an error message: the first names, and how many more. */
function listed(header: readonly string[]): string {
  const shown = header.slice(0, 8).map((h) => `"${h}"`).join(", ");
  return header.length > 8 ? `${shown} and ${header.length - 8} more` : shown;
}

/** A hint when the whole header is one column holding another separator (a wrong `--sep`). */
function separatorHint(header: readonly string[]): string {
  const other = [";", "\t", "|", ","].find((sep) => header.length === 1 && header[0]!.includes(sep));
  return other === undefined ? "" : ` (is the separator "${other === "\t" ? "tab" : other}"? --sep sets it)`;
}
