import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { countryOf } from "../../src/features/country.ts";
import { normalizedText } from "../../src/features/text_norm.ts";

const apply = (expr: (c: pl.Expr) => pl.Expr, cells: (string | null)[]) =>
  pl.DataFrame({ c: cells }, { schema: { c: pl.String } }).select(expr(pl.col("c"))).getColumn("c").toArray();

Deno.test("normalizedText merges spellings that differ in case, punctuation and spacing", () => {
  assert.deepEqual(
    apply(normalizedText, [
      "End-Customer",
      " end  customer ",
      "END_CUSTOMER",
      "Specifier/ Influencer",
      "",
      "  ",
      null,
    ]),
    ["end customer", "end customer", "end customer", "specifier influencer", null, null, null],
  );
  assert.deepEqual(apply(normalizedText, ["São Paulo", "3 months ~ 6 months"]), [
    "são paulo",
    "3 months 6 months",
  ]);
});

Deno.test("countryOf takes the last part of messy addresses", () => {
  assert.deepEqual(
    apply(countryOf, [
      "/Chennai /India",
      "/  / Brazil",
      "//United States",
      "400 N State Of Franklin Rd  Cloud IT / Johnson City / United States",
      "Kenya",
      "/Quezon City/Philippines/ ",
      "/",
      "",
      null,
    ]),
    ["india", "brazil", "united states", "united states", "kenya", "philippines", null, null, null],
  );
});
