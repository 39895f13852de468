/**
 * The country out of the free-text address in `customer_country`
 * (`/Chennai /India`, `/  / Brazil`, `400 N Main St / Johnson City / United States`).
 *
 * @module
 */
import type pl from "nodejs-polars";
import { normalizedText } from "./text_norm.ts";

/**
 * The last non-empty `/`-separated part of an address, normalised; null when there is none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { countryOf } from "./country.ts";
 * const df = pl.DataFrame({ a: ["/Chennai /India", "/  / Brazil", "Kenya"] });
 * assert.deepEqual(df.select(countryOf(pl.col("a"))).getColumn("a").toArray(), ["india", "brazil", "kenya"]);
 * ```
 */
export function countryOf(address: pl.Expr): pl.Expr {
  // Drop trailing separators and spaces, then keep what follows the last "/".
  const tail = address.str.replaceAll(/[\s\/]+$/, "").str.extract(/([^\/]*)$/, 1);
  return normalizedText(tail);
}
