import assert from "node:assert/strict";
import { parseBudget } from "../../src/features/budget.ts";
import { dateParts, parseDate } from "../../src/features/dates.ts";
import { inferKind, normalizeCell, parseNumber, wantsLog } from "../../src/features/infer.ts";

Deno.test("parseBudget reads ranges, bounds, suffixes and separators", () => {
  const cases: [string, number, number][] = [
    ["$10,000 - $50,000", 10_000, 50_000],
    ["under 5k", 0, 5_000],
    ["Less than $5,000", 0, 5_000],
    ["up to 20K USD", 0, 20_000],
    ["over 100k", 100_000, 100_000],
    ["more than 1M", 1_000_000, 1_000_000],
    ["10-50k", 10_000, 50_000],
    ["500k-1m", 500_000, 1_000_000],
    ["between 10k and 50k", 10_000, 50_000],
    ["USD 30,000", 30_000, 30_000],
    ["1.5M", 1_500_000, 1_500_000],
    ["€ 20.000", 20_000, 20_000],
    ["50000 ~ 100000", 50_000, 100_000],
    ["5천만원", 50_000_000, 50_000_000],
    ["1억 이하", 0, 100_000_000],
    ["  $ 2,500  ", 2_500, 2_500],
    ["50,000 - 10,000", 10_000, 50_000],
  ];
  for (const [text, lower, upper] of cases) assert.deepEqual(parseBudget(text), { lower, upper }, text);
});

Deno.test("parseBudget tells unparseable text from empty cells", () => {
  for (const text of ["미정", "TBD", "Not decided", "unknown", "N/A", "-", "to be confirmed"]) {
    assert.equal(parseBudget(text), "unparseable", text);
  }
  for (const empty of [null, "", "   "]) assert.equal(parseBudget(empty), null);
});

Deno.test("parseDate reads several formats and refuses impossible dates", () => {
  const may12 = Date.UTC(2023, 4, 12) / 86_400_000;
  for (
    const text of [
      "2023-05-12",
      "2023-05-12 14:03:22",
      "2023-05-12T14:03:22Z",
      "2023/5/12",
      "2023.05.12",
      "20230512",
      "05/12/2023",
      "12/05/2023 ".replace("12/05", "12.05"),
      "12 May 2023",
      "May 12, 2023",
      "12-may-2023",
      "2023년 5월 12일",
      " 2023-05-12 1:03 PM ",
    ]
  ) assert.equal(parseDate(text), may12, text);
  assert.equal(parseDate("25/12/2023"), Date.UTC(2023, 11, 25) / 86_400_000, "day first when over 12");
  for (const bad of ["2023-02-30", "2023-13-01", "soon", "unknown", "12:30", "", "   ", null]) {
    assert.equal(parseDate(bad), null, String(bad));
  }
});

Deno.test("dateParts gives the year, circular month / weekday / day of year, and recency", () => {
  const day = parseDate("2024-01-06")!; // a Saturday
  const parts = dateParts(day, parseDate("2024-01-16")!);
  assert.equal(parts.length, 8);
  assert.equal(parts[0], 2024);
  assert.ok(Math.abs(parts[1]!) < 1e-12 && Math.abs(parts[2]! - 1) < 1e-12, "January is angle 0");
  assert.ok(Math.abs(parts[3]! - Math.sin((2 * Math.PI * 6) / 7)) < 1e-12, "Saturday");
  assert.equal(parts[7], 10);
});

Deno.test("unknown columns are inferred as numeric, categorical or free text", () => {
  assert.equal(inferKind(["1", " 2.5", "", null, "-3e2"]), "numeric");
  assert.equal(inferKind([null, ""]), "numeric", "an empty column is numeric (all missing)");
  assert.equal(inferKind(["google / cpc", "Google Ads", "(direct)", null]), "categorical");
  const longFew = Array.from({ length: 200 }, (_, i) => `a rather long but repeated answer number ${i % 10}`);
  assert.equal(inferKind(longFew), "categorical", "few distinct values");
  const notes = Array.from({ length: 200 }, (_, i) => `Called the customer ${i} times, left a voicemail`);
  assert.equal(inferKind(notes), "text");
  const codes = Array.from({ length: 200 }, (_, i) => `C-${i}`);
  assert.equal(inferKind(codes), "categorical", "many short codes");
  assert.equal(parseNumber(" 7 "), 7);
  assert.equal(parseNumber("7a"), null);
  assert.equal(normalizeCell("  Partner-Referral "), "partner referral");
  assert.equal(normalizeCell("동의"), "동의");
  assert.equal(wantsLog([0, 1, 1, 2, 1, 0, 3, 1, 250]), true);
  assert.equal(wantsLog([-1, 0, 1, 500, 0, 0, 0]), false, "negative values are never logged");
});
