/**
 * Normalised spellings of free-text category values, as polars expressions:
 * `End-Customer`, `End Customer` and ` end  customer ` become one value.
 *
 * @module
 */
import pl from "nodejs-polars";

/**
 * Lower case, punctuation and separators turned into single spaces, trimmed;
 * empty strings become null.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { normalizedText } from "./text_norm.ts";
 * const df = pl.DataFrame({ t: ["End-Customer", " end  customer", ""] });
 * console.log(df.select(normalizedText(pl.col("t"))).getColumn("t").toArray()); // ["end customer", "end customer", null]
 * ```
 */
export function normalizedText(column: pl.Expr): pl.Expr {
  const cleaned = column
    .str.toLowerCase()
    .str.replaceAll(/[^\p{L}\p{N}]+/u, " ")
    .str.strip();
  return pl.when(cleaned.eq(pl.lit(""))).then(pl.lit(null)).otherwise(cleaned).keepName();
}
