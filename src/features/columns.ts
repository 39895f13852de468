/**
 * The stateless first step of the feature plan: which columns of a lead table
 * become categorical and numeric features, the polars expressions that clean
 * them, and the raw text of the columns whose use the plan decides (finals
 * free text, dates and budgets, and columns the schema does not know).
 * Nothing here is learned from data; which sources exist depends only on the
 * table's columns.
 *
 * @module
 */
import pl from "nodejs-polars";
import { CUSTOMER_COLUMN, ID_COLUMN, KNOWN_COLUMNS, LABEL_COLUMN } from "../data/schema.ts";
import { countryOf } from "./country.ts";
import { crossedCells, crossSources } from "./crosses.ts";
import { normalizedText, writtenText } from "./text_norm.ts";
import { sharedCells } from "./shared_cells.ts";

/** A categorical feature, the column it is read from, and the expression that derives its cleaned text. */
export interface CategoricalSource {
  readonly name: string;
  readonly column: string;
  readonly expr: () => pl.Expr;
  /** For a cross (crosses.ts), the feature names of its two sides: crossed from their cleaned cells. */
  readonly crossOf?: readonly [string, string];
}

/** A numeric feature taken from one column, with `log1p` for skewed counts. */
export interface NumericSource {
  readonly name: string;
  readonly log: boolean;
}

const freeText = (column: string): CategoricalSource => ({
  name: column,
  column,
  expr: () => normalizedText(pl.col(column)),
});
/**
 * Free-text columns kept as written: their spelling tells which form or system a lead came from, and
 * leads from different ones convert at different rates (docs/features.md).
 */
export const WRITTEN_COLUMNS: ReadonlySet<string> = new Set(["customer_type", "inquiry_type"]);
const asWritten = (column: string): CategoricalSource => ({
  name: column,
  column,
  expr: () => writtenText(pl.col(column)),
});
const identifier = (column: string): CategoricalSource => ({
  name: column,
  column,
  expr: () => pl.col(column).str.strip(),
});

/** Categorical features of the online round (the address is used through its country only). */
export const CATEGORICAL_SOURCES: readonly CategoricalSource[] = [
  { name: "country", column: "customer_country", expr: () => countryOf(pl.col("customer_country")) },
  ...[
    "business_unit",
    "customer_type",
    "enterprise",
    "customer_job",
    "inquiry_type",
    "product_category",
    "product_subcategory",
    "product_modelname",
    "customer_position",
    "response_corporate",
    "expected_timeline",
    "business_area",
    "business_subarea",
  ].map((column) => WRITTEN_COLUMNS.has(column) ? asWritten(column) : freeText(column)),
  identifier(CUSTOMER_COLUMN),
  identifier("lead_owner"),
];

/** Categorical features of the finals, used when the table has them. */
export const FINALS_CATEGORICAL_SOURCES: readonly CategoricalSource[] = [
  "customer_history",
  "lead_from_channel",
  "transfer_agreement",
].map(freeText);

/** Copies of another column, never used as features. */
export const UNUSED_COLUMNS: ReadonlySet<string> = new Set(["customer_country.1"]);

/** Numeric features of the online round. */
export const NUMERIC_SOURCES: readonly NumericSource[] = [
  { name: "bant_submit", log: false },
  { name: "com_reg_ver_win_rate", log: false },
  { name: "historical_existing_cnt", log: true },
  { name: "id_strategic_ver", log: false },
  { name: "it_strategic_ver", log: false },
  { name: "idit_strategic_ver", log: false },
  { name: "lead_desc_length", log: true },
  { name: "ver_cus", log: false },
  { name: "ver_pro", log: false },
  { name: "ver_win_rate_x", log: false },
  { name: "ver_win_ratio_per_bu", log: false },
];

/** The cleaned feature columns of a lead table, computed once and shared by every fold. */
export interface FeatureColumns {
  readonly rows: number;
  /** Cleaned categorical sources present in the table, by feature name. */
  readonly categorical: ReadonlyMap<string, readonly (string | null)[]>;
  /** Known numeric columns present in the table, NaN where a cell is empty (8 bytes a cell, no boxing). */
  readonly numeric: ReadonlyMap<string, Float64Array>;
  /**
   * Raw cells (as read) of the columns whose use the plan decides: the finals' free text, date and
   * budget columns, and every column the schema does not know.
   */
  readonly text: ReadonlyMap<string, readonly (string | null)[]>;
}

/**
 * Cleans the feature columns of a typed lead frame (see `loadLeads`). Sources whose column the
 * frame lacks are left out; the plan reports them when it needs them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { featureColumns } from "./columns.ts";
 * // usually `table.frame` of `loadLeads`; a column the schema does not know stays text for the plan
 * const frame = pl.DataFrame({
 *   customer_country: ["/Chennai /India", "//Brazil"],
 *   lead_desc_length: [62, null],
 *   region: ["north", "south"],
 * });
 * const columns = featureColumns(frame);
 * assert.deepEqual(columns.categorical.get("country"), ["india", "brazil"]);
 * assert.deepEqual(columns.numeric.get("lead_desc_length"), Float64Array.of(62, NaN));
 * assert.deepEqual(columns.text.get("region"), ["north", "south"]);
 * ```
 */
export function featureColumns(frame: pl.DataFrame): FeatureColumns {
  const present = new Set(frame.columns);
  // the crosses come right after the online columns, so an online design is a prefix of a finals one
  const online = CATEGORICAL_SOURCES.filter((s) => present.has(s.column));
  const finals = FINALS_CATEGORICAL_SOURCES.filter((s) => present.has(s.column));
  const crosses = crossSources(online);
  const sources = [...online, ...crosses, ...finals];
  // crosses join columns cleaned once, by their codes, rather than cleaning both sides again per pair
  const plain = frame.select(...[...online, ...finals].map((s) => s.expr().alias(s.name)));
  const cleaned = sharedCells(plain, [...online, ...finals].map((s) => s.name));
  const categorical = new Map(sources.map((s) => {
    const cells = s.crossOf === undefined
      ? cleaned.get(s.name)!
      : crossedCells(cleaned.get(s.crossOf[0])!, cleaned.get(s.crossOf[1])!);
    return [s.name, cells];
  }));
  const numeric = numbersOf(frame, NUMERIC_SOURCES.filter((s) => present.has(s.name)).map((s) => s.name));
  const textColumns = frame.columns.filter((name) => {
    const kind = KNOWN_COLUMNS.get(name)?.kind;
    if (kind === undefined) return name !== ID_COLUMN && name !== LABEL_COLUMN;
    return kind === "text" || kind === "date" || kind === "budget";
  });
  const text = new Map(
    textColumns.map((name) => [name, frame.getColumn(name).cast(pl.Utf8).toArray() as (string | null)[]]),
  );
  return { rows: frame.height, categorical, numeric, text };
}

const ALL_SOURCES: readonly CategoricalSource[] = [
  ...CATEGORICAL_SOURCES,
  ...crossSources(CATEGORICAL_SOURCES),
  ...FINALS_CATEGORICAL_SOURCES,
];
const SOURCE_BY_NAME = new Map(ALL_SOURCES.map((s) => [s.name, s]));

/**
 * The categorical source of {@link featureColumns} named `name` (a plain source or a cross), if any: what
 * its cells are cleaned or crossed from.
 */
export function categoricalSource(name: string): CategoricalSource | undefined {
  return SOURCE_BY_NAME.get(name);
}

/**
 * The cleaned cells of one categorical source of the online or finals round (as {@link featureColumns}
 * gives them), cleaning nothing else; undefined when the frame lacks its column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { categoricalColumn } from "./columns.ts";
 * const frame = pl.DataFrame({ customer_country: ["//Chennai/India", null] });
 * assert.deepEqual(categoricalColumn(frame, "country"), ["india", null]);
 * assert.equal(categoricalColumn(frame, "business_unit"), undefined);
 * ```
 */
export function categoricalColumn(frame: pl.DataFrame, name: string): (string | null)[] | undefined {
  const source = [...CATEGORICAL_SOURCES, ...FINALS_CATEGORICAL_SOURCES].find((s) => s.name === name);
  if (source === undefined) throw new RangeError(`No categorical source named "${name}"`);
  if (!frame.columns.includes(source.column)) return undefined;
  return sharedCells(frame.select(source.expr().alias(name)), [name]).get(name)!;
}

/** The numeric columns `names` of `frame` as float64, NaN where a cell is empty (converted by polars). */
function numbersOf(frame: pl.DataFrame, names: readonly string[]): Map<string, Float64Array> {
  if (names.length === 0) return new Map();
  const numbers = frame.select(...names.map((name) => pl.col(name).cast(pl.Float64).fillNull(pl.lit(NaN))));
  return new Map(names.map((name) => [name, numbers.getColumn(name).toTypedArray() as Float64Array]));
}

/** A column of numbers or empty cells (null) as float64, NaN where a cell is empty. */
export function toNumbers(cells: readonly (number | null)[]): Float64Array {
  return Float64Array.from(cells, (v) => v ?? NaN);
}

/** The given rows of a numeric column, as float64 (the column itself when `rows` is undefined). */
export function pickNumbers(column: Float64Array, rows: ArrayLike<number> | undefined): Float64Array {
  if (rows === undefined) return column;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]!]!;
  return out;
}

/** The given rows of a column (all rows when `rows` is undefined). */
export function pick<T>(column: readonly T[], rows: ArrayLike<number> | undefined): readonly T[] {
  if (rows === undefined) return column;
  // a plain loop: Array.from over a typed array goes through its iterator, several times slower
  const out = new Array<T>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]!]!;
  return out;
}
