import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { featureColumns, WRITTEN_COLUMNS } from "../../src/features/columns.ts";
import { countryOf } from "../../src/features/country.ts";
import { normalizedText, writtenText } from "../../src/features/text_norm.ts";

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

Deno.test("writtenText keeps case and punctuation, trims, and turns blanks into null", () => {
  assert.deepEqual(
    apply(writtenText, [
      " Quotation or Purchase Consultation ",
      "Quotation or purchase consultation",
      "End-Customer",
      "End Customer",
      "",
      "   ",
      null,
    ]),
    [
      "Quotation or Purchase Consultation",
      "Quotation or purchase consultation",
      "End-Customer",
      "End Customer",
      null,
      null,
      null,
    ],
  );
});

Deno.test("featureColumns keeps the spelling of inquiry and customer type only, crosses included", () => {
  const frame = pl.DataFrame({
    inquiry_type: ["Quotation or Purchase Consultation", " Quotation or purchase consultation"],
    customer_type: ["End-Customer", "End Customer "],
    customer_job: ["Information-Technology", "information technology"],
  });
  const columns = featureColumns(frame).categorical;
  assert.deepEqual([...WRITTEN_COLUMNS].sort(), ["customer_type", "inquiry_type"]);
  assert.deepEqual(columns.get("inquiry_type"), [
    "Quotation or Purchase Consultation",
    "Quotation or purchase consultation",
  ]);
  assert.deepEqual(columns.get("customer_type"), ["End-Customer", "End Customer"]);
  assert.deepEqual(columns.get("customer_job"), ["information technology", "information technology"]);
  assert.deepEqual(columns.get("customer_type*customer_job"), [
    "End-Customer × information technology",
    "End Customer × information technology",
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
