/**
 * Reads a lead table: the file is parsed in its dialect (src/data/dialect.ts), its columns given
 * their roles (src/data/roles.ts), and numeric columns cast with a check, so a bad value is reported
 * with its file, column and row instead of silently becoming null. Missing values are empty cells or
 * one of {@link NA_TOKENS}; with `;` as separator a decimal comma (`0,25`) is a number.
 *
 * @module
 */
import pl from "nodejs-polars";
import { basename } from "node:path";
import { DataError } from "../errors.ts";
import type { Dialect, DialectOptions } from "./dialect.ts";
import { inferredColumn, numericColumn } from "./numbers.ts";
import { readTextTable } from "./read_table.ts";
import { type RoleRequest, type Roles, scoringId, trainingRoles } from "./roles.ts";
import { detectSchema, type TableSchema } from "./validate.ts";
import { ID_COLUMN, LABEL_COLUMN } from "./schema.ts";

/** Whether a file holds labelled training rows or test rows to score. */
export type TableRole = "train" | "test";

/** How the label was spelled in the training file, so that `submit` writes it the same way. */
export interface LabelSpelling {
  readonly positive: string;
  readonly negative: string;
}

/** Which file a table came from: its name, size and SHA-256, for the model's provenance. */
export interface FileInfo {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** A lead table read from disk and checked against the schema. */
export interface LeadTable {
  /** Where it was read from. */
  readonly path: string;
  /** The cells exactly as read (all text, empty cells null), for writing the rows back out unchanged. */
  readonly raw: pl.DataFrame;
  /** Typed columns: numerics as Float64, everything else as text; label, id and ignored columns left out. */
  readonly frame: pl.DataFrame;
  /** Labels (1 = converted), for training files. */
  readonly labels: Uint8Array | undefined;
  /** How the header was matched to the schema. */
  readonly schema: TableSchema;
  /** The roles of its columns. */
  readonly roles: Roles;
  /** How the file was written (separator, encoding, BOM, line ends). */
  readonly dialect: Dialect;
  readonly file: FileInfo;
  /** The label's spelling (training files). */
  readonly labelSpelling?: LabelSpelling;
  /** Test files: rows whose label cell was already filled (it is replaced when scoring). */
  readonly filledLabels?: number;
}

/** Options of {@linkcode loadLeads}. */
export interface LoadOptions extends DialectOptions {
  /** Training files: the roles asked for. Test files: the model's roles (the id may be overridden by `id`). */
  readonly roles?: RoleRequest | Roles;
  /** Test files: the id column asked for with `--id`. */
  readonly id?: string;
  /** More cell texts that mean "missing" in numeric columns, besides {@link NA_TOKENS}. */
  readonly na?: readonly string[];
}

/** Cell texts (trimmed) that mean a missing value in a numeric column, as spreadsheets and tools write it. */
export const NA_TOKENS: readonly string[] = [
  "NA",
  "N/A",
  "n/a",
  "na",
  "NaN",
  "nan",
  "NAN",
  "null",
  "NULL",
  "Null",
  "None",
  "none",
  "#N/A",
  "#NA",
  "-",
  "--",
  "?",
];

const TRUE_LABELS = new Set(["true", "1", "1.0", "yes", "y", "t"]);
const FALSE_LABELS = new Set(["false", "0", "0.0", "no", "n", "f"]);

/**
 * Reads and validates a lead table.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadLeads } from "./load.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, "customer_idx,business_unit,is_converted\n7,AS,True\n8,,False\n9,ID,no\n");
 * const table = await loadLeads(path, "train");
 * assert.deepEqual([...table.labels!], [1, 0, 0]);
 * assert.deepEqual(table.roles, { label: "is_converted", group: "customer_idx", id: null, ignore: [] });
 * assert.deepEqual(table.frame.getColumn("business_unit").toArray(), ["AS", null, "ID"]); // "" is missing
 * ```
 */
export async function loadLeads(
  path: string,
  role: TableRole,
  options: LoadOptions = {},
): Promise<LeadTable> {
  const bytes = await readBytes(path);
  const { header, raw, dialect } = readTextTable(path, bytes, options);
  const roles = role === "train"
    ? trainingRoles(path, header, options.roles as RoleRequest | undefined)
    : scoringRoles(path, header, options);
  if (roles.id !== null) checkUniqueIds(path, raw, roles.id);
  const schema = detectSchema(header, roles);
  const na = new Set([...NA_TOKENS, ...(options.na ?? [])]);
  const decimalComma = dialect.sep === ";";
  const numeric = new Set(schema.numeric);
  const features = new Set(schema.features);
  // in file order, as polars read it before (the order of free-text blocks in the design follows it)
  // most text columns are read as they are: their series is shared with `raw`
  const columns = header.flatMap((name) => {
    if (!features.has(name)) return [];
    const series = raw.getColumn(name);
    return [
      numeric.has(name)
        ? numericColumn(path, series, na, decimalComma)
        : inferredColumn(series, na, decimalComma),
    ];
  });
  const frame = pl.DataFrame(columns);
  const file = { name: basename(path), bytes: bytes.length, sha256: await sha256(bytes) };
  const base = { path, raw, frame, schema, roles, dialect, file };
  if (role === "train") {
    const { labels, spelling } = parseLabels(path, raw, roles.label);
    return { ...base, labels, labelSpelling: spelling };
  }
  const filled = header.includes(roles.label)
    ? (raw.getColumn(roles.label).toArray() as (string | null)[]).filter((c) => (c?.trim() ?? "") !== "")
      .length
    : 0;
  return { ...base, labels: undefined, filledLabels: filled };
}

function scoringRoles(path: string, header: readonly string[], options: LoadOptions): Roles {
  const model = options.roles as Partial<Roles> | undefined;
  return {
    label: model?.label ?? LABEL_COLUMN,
    group: model?.group !== undefined && model.group !== null && header.includes(model.group)
      ? model.group
      : null,
    id: scoringId(path, header, options.id, model?.id ?? ID_COLUMN),
    ignore: (model?.ignore ?? []).filter((c) => header.includes(c)),
  };
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new DataError(`Cannot read ${path}: no such file`);
    if (error instanceof Deno.errors.IsADirectory) {
      throw new DataError(`Cannot read ${path}: it is a directory`);
    }
    throw new DataError(`Cannot read ${path}: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** Reads a CSV file (any dialect) with every column as text, empty cells null; a bad file is a DataError. */
export async function readAsText(path: string, options: DialectOptions = {}): Promise<pl.DataFrame> {
  return readTextTable(path, await readBytes(path), options).raw;
}

/**
 * The label column as 0/1 (True/False, 1/0, Yes/No, Y/N in any case) and its spelling; any other
 * cell is a DataError naming its row.
 */
export function parseLabels(
  path: string,
  raw: pl.DataFrame,
  column = LABEL_COLUMN,
): { labels: Uint8Array; spelling: LabelSpelling } {
  const cells = raw.getColumn(column).toArray() as (string | null)[];
  const labels = new Uint8Array(cells.length);
  let positive: string | undefined, negative: string | undefined;
  for (let row = 0; row < cells.length; row++) {
    const cell = cells[row];
    const value = cell?.trim().toLowerCase() ?? "";
    if (TRUE_LABELS.has(value)) {
      labels[row] = 1;
      positive ??= cell!.trim();
    } else if (FALSE_LABELS.has(value)) negative ??= cell!.trim();
    else {
      const shown = cell === null || cell === undefined ? "empty" : `"${cell}"`;
      throw new DataError(
        `Cannot read ${path}: column "${column}" row ${
          row + 1
        } is ${shown}, expected True/False, 1/0 or Yes/No`,
      );
    }
  }
  return { labels, spelling: spellingOf(positive, negative) };
}

/** The pair of spellings one seen value implies (`Yes` → `No`), so both are always known. */
function spellingOf(positive: string | undefined, negative: string | undefined): LabelSpelling {
  const pairs: [string, string][] = [
    ["true", "false"],
    ["1", "0"],
    ["1.0", "0.0"],
    ["yes", "no"],
    ["y", "n"],
    [
      "t",
      "f",
    ],
  ];
  const matchCase = (model: string, word: string) =>
    model === model.toUpperCase() && /[a-z]/i.test(model)
      ? word.toUpperCase()
      : model[0] === model[0]?.toUpperCase() && /[a-z]/i.test(model)
      ? word[0]!.toUpperCase() + word.slice(1)
      : word;
  if (positive !== undefined && negative !== undefined) return { positive, negative };
  if (positive !== undefined) {
    const pair = pairs.find(([p]) => p === positive.toLowerCase())!;
    return { positive, negative: matchCase(positive, pair[1]) };
  }
  if (negative !== undefined) {
    const pair = pairs.find(([, n]) => n === negative.toLowerCase())!;
    return { positive: matchCase(negative, pair[0]), negative };
  }
  return { positive: "True", negative: "False" };
}

function checkUniqueIds(path: string, raw: pl.DataFrame, column: string): void {
  // polars counts missing ids as repeats; only then are the ids read into JavaScript
  if (!raw.getColumn(column).isDuplicated().any()) return;
  const ids = raw.getColumn(column).toArray() as (string | null)[];
  const first = new Map<string, number>();
  ids.forEach((id, row) => {
    if (id === null) return;
    const seen = first.get(id);
    if (seen !== undefined) {
      throw new DataError(
        `Cannot read ${path}: id "${id}" of column "${column}" is on rows ${seen + 1} and ${
          row + 1
        }; ids must be unique`,
      );
    }
    first.set(id, row);
  });
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Row ids of a test table, as text (the row numbers, from 1, when it has no id column). */
export function idsOf(table: LeadTable): string[] {
  if (table.roles.id === null) return Array.from({ length: table.raw.height }, (_, i) => String(i + 1));
  return table.raw.getColumn(table.roles.id).toArray() as string[];
}
