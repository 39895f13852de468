/**
 * The stateless first step of the feature plan: which columns of a lead table
 * become categorical and numeric features, and the polars expressions that
 * clean them. Nothing here is learned from data.
 *
 * @module
 */
import pl from "nodejs-polars";
import { countryOf } from "./country.ts";
import { normalizedText } from "./text_norm.ts";

/** A categorical feature and the expression that derives its cleaned text. */
export interface CategoricalSource {
  readonly name: string;
  readonly expr: () => pl.Expr;
}

/** A numeric feature taken from one column, with `log1p` for skewed counts. */
export interface NumericSource {
  readonly name: string;
  readonly log: boolean;
}

const freeText = (column: string): CategoricalSource => ({
  name: column,
  expr: () => normalizedText(pl.col(column)),
});
const identifier = (column: string): CategoricalSource => ({
  name: column,
  expr: () => pl.col(column).str.strip(),
});

/** Categorical features of the online round (the address is used through its country only). */
export const CATEGORICAL_SOURCES: readonly CategoricalSource[] = [
  { name: "country", expr: () => countryOf(pl.col("customer_country")) },
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
  ].map(freeText),
  identifier("customer_idx"),
  identifier("lead_owner"),
];

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
  readonly categorical: ReadonlyMap<string, readonly (string | null)[]>;
  readonly numeric: ReadonlyMap<string, readonly (number | null)[]>;
}

/**
 * Cleans the feature columns of a typed lead frame (see `loadLeads`).
 *
 * @example
 * ```ts ignore
 * const columns = featureColumns(table.frame);
 * console.log(columns.categorical.get("country")?.[0]); // "india"
 * ```
 */
export function featureColumns(frame: pl.DataFrame): FeatureColumns {
  const cleaned = frame.select(...CATEGORICAL_SOURCES.map((s) => s.expr().alias(s.name)));
  const categorical = new Map(
    CATEGORICAL_SOURCES.map((s) => [s.name, cleaned.getColumn(s.name).toArray() as (string | null)[]]),
  );
  const numeric = new Map(
    NUMERIC_SOURCES.map((s) => [s.name, frame.getColumn(s.name).toArray() as (number | null)[]]),
  );
  return { rows: frame.height, categorical, numeric };
}

/** The given rows of a column (all rows when `rows` is undefined). */
export function pick<T>(column: readonly T[], rows: ArrayLike<number> | undefined): readonly T[] {
  return rows === undefined ? column : Array.from(rows as ArrayLike<number>, (r) => column[r]!);
}
