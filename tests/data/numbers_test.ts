import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { inferredColumn, numberOf, numericColumn } from "../../src/data/numbers.ts";
import { NA_TOKENS } from "../../src/data/load.ts";
import { Random } from "../../src/random.ts";

const NA = new Set(NA_TOKENS);
// cells polars reads as JavaScript does, and cells only JavaScript settles (hex, odd spaces, infinities)
const CELLS = [
  "1",
  " 2.5 ",
  "-0",
  "1e3",
  ".5",
  "5.",
  "+7",
  "0,25",
  "-1,5",
  ",5",
  "NA",
  " null ",
  "-",
  "",
  null,
  "0x10",
  "\u00a03",
  "4\u00a0",
  "Infinity",
  "inf",
  "NaN",
  "1e400",
  "1_0",
  "abc",
  "1,2,3",
  "\ufeff8",
  "1 2",
];

/** The rules before polars read the columns: every cell through `numberOf`. */
function expectedNumbers(cells: (string | null)[], decimalComma: boolean): (number | null)[] | "error" {
  const values = cells.map((c) => numberOf(c, NA, decimalComma));
  return values.some((v) => v === undefined) ? "error" : values as (number | null)[];
}

function expectedText(cells: (string | null)[], decimalComma: boolean): (string | null)[] {
  const values = cells.map((c) => numberOf(c, NA, decimalComma));
  if (values.some((v) => v === undefined) || values.every((v) => v === null)) return cells;
  return cells.map((cell, i) => {
    if (values[i] === null) return null;
    const text = cell!.trim();
    return decimalComma && text.includes(",") ? text.replace(",", ".") : cell;
  });
}

Deno.test("numeric and inferred columns read by polars match the cell-by-cell rules", () => {
  const random = new Random(7);
  for (let k = 0; k < 400; k++) {
    // mostly plain numbers, so that many columns are numeric and some hold one odd cell
    const cells = Array.from(
      { length: 1 + random.int(2000) },
      () => random.next() < 0.9 ? CELLS[random.int(10)]! : CELLS[random.int(CELLS.length)]!,
    );
    const decimalComma = random.next() < 0.5;
    const series = pl.Series("c", cells, pl.Utf8);
    const expected = expectedNumbers(cells, decimalComma);
    let got: (number | null)[] | "error";
    try {
      got = numericColumn("f.csv", series, NA, decimalComma).toArray() as (number | null)[];
    } catch (error) {
      assert.match(
        (error as Error).message,
        /^Cannot read f\.csv: column "c" row \d+ is ".*", expected a number$/,
      );
      got = "error";
    }
    assert.deepEqual(got, expected, JSON.stringify(cells.slice(0, 20)));
    assert.deepEqual(
      inferredColumn(series, NA, decimalComma).toArray(),
      expectedText(cells, decimalComma),
      JSON.stringify(cells.slice(0, 20)),
    );
  }
});

Deno.test("a bad number names its first row, as before", () => {
  const series = pl.Series("n", ["1", "NA", "x1", "abc"], pl.Utf8);
  assert.throws(() => numericColumn("f.csv", series, NA, false), {
    message: 'Cannot read f.csv: column "n" row 3 is "x1", expected a number',
  });
});
