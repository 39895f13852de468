/** Small hand-made lead tables for tests, written to a temporary directory. */
import { ID_COLUMN, ONLINE_COLUMNS } from "../src/data/schema.ts";

/** One lead as a record of cells; missing keys are empty cells. */
export type LeadRow = Record<string, string>;

/** A plausible lead; `overrides` replace cells. */
export function lead(overrides: LeadRow = {}): LeadRow {
  return {
    bant_submit: "0.5",
    customer_country: "/Chennai /India",
    business_unit: "AS",
    customer_idx: "101",
    customer_type: "End-Customer",
    enterprise: "Enterprise",
    customer_job: "engineering",
    lead_desc_length: "62",
    inquiry_type: "Quotation or purchase consultation",
    "customer_country.1": "/Chennai /India",
    customer_position: "manager",
    response_corporate: "LGEIL",
    ver_cus: "1",
    ver_pro: "0",
    ver_win_rate_x: "0.003",
    business_area: "corporate / office",
    lead_owner: "7",
    is_converted: "False",
    ...overrides,
  };
}

/** CSV text of `rows` with the given header (train header by default). */
export function csvOf(rows: readonly LeadRow[], header = ONLINE_COLUMNS.map((c) => c.name)): string {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const lines = rows.map((row) => header.map((name) => quote(row[name] ?? "")).join(","));
  return [header.join(","), ...lines].join("\n") + "\n";
}

/** The test-file header: `id` first, then the features and the (empty) label. */
export const TEST_HEADER: readonly string[] = [ID_COLUMN, ...ONLINE_COLUMNS.map((c) => c.name)];

/** Writes `text` to a new temporary file and returns its path. */
export async function tempFile(text: string, name = "leads.csv"): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "mql-test-" });
  const path = `${dir}/${name}`;
  await Deno.writeTextFile(path, text);
  return path;
}
