/**
 * The columns of the LG Aimers 4th lead table: the online round's 29 columns of
 * `train.csv` and the finals' extra columns, which are optional.
 *
 * @module
 */

/**
 * How a column is read and used: `text` is free text (hashed n-grams), `date` a date in one of
 * several formats, `budget` an amount or range typed as free text.
 */
export type ColumnKind = "numeric" | "categorical" | "id" | "text" | "date" | "budget" | "label";

/** One column of the lead table. */
export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
}

/** Name of the label column. */
export const LABEL_COLUMN = "is_converted";
/** Name of the row id column that test files carry first. */
export const ID_COLUMN = "id";
/** Column naming the customer company; folds are grouped by it. */
export const CUSTOMER_COLUMN = "customer_idx";

/** The online round's `train.csv` columns, in file order. */
export const ONLINE_COLUMNS: readonly ColumnSpec[] = [
  { name: "bant_submit", kind: "numeric" },
  { name: "customer_country", kind: "categorical" },
  { name: "business_unit", kind: "categorical" },
  { name: "com_reg_ver_win_rate", kind: "numeric" },
  { name: "customer_idx", kind: "id" },
  { name: "customer_type", kind: "categorical" },
  { name: "enterprise", kind: "categorical" },
  { name: "historical_existing_cnt", kind: "numeric" },
  { name: "id_strategic_ver", kind: "numeric" },
  { name: "it_strategic_ver", kind: "numeric" },
  { name: "idit_strategic_ver", kind: "numeric" },
  { name: "customer_job", kind: "categorical" },
  { name: "lead_desc_length", kind: "numeric" },
  { name: "inquiry_type", kind: "categorical" },
  { name: "product_category", kind: "categorical" },
  { name: "product_subcategory", kind: "categorical" },
  { name: "product_modelname", kind: "categorical" },
  { name: "customer_country.1", kind: "categorical" },
  { name: "customer_position", kind: "categorical" },
  { name: "response_corporate", kind: "categorical" },
  { name: "expected_timeline", kind: "categorical" },
  { name: "ver_cus", kind: "numeric" },
  { name: "ver_pro", kind: "numeric" },
  { name: "ver_win_rate_x", kind: "numeric" },
  { name: "ver_win_ratio_per_bu", kind: "numeric" },
  { name: "business_area", kind: "categorical" },
  { name: "business_subarea", kind: "categorical" },
  { name: "lead_owner", kind: "id" },
  { name: LABEL_COLUMN, kind: "label" },
];

/** Columns the finals added (the known ones); optional in every file. */
export const FINALS_COLUMNS: readonly ColumnSpec[] = [
  { name: "lead_description", kind: "text" },
  { name: "lead_date", kind: "date" },
  { name: "customer_history", kind: "categorical" },
  { name: "lead_from_channel", kind: "categorical" },
  { name: "transfer_agreement", kind: "categorical" },
  { name: "expected_budget", kind: "budget" },
];

/** Every known column by name. */
export const KNOWN_COLUMNS: ReadonlyMap<string, ColumnSpec> = new Map(
  [...ONLINE_COLUMNS, ...FINALS_COLUMNS].map((c) => [c.name, c]),
);
