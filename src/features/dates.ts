/**
 * Dates written in several ways (`2023-05-12`, `2023/05/12 14:03`, `05/12/2023`,
 * `12.05.2023`, `12 May 2023`, `May 12, 2023`, `2023년 5월 12일`) parsed to a day
 * number, and turned into features: year, month, weekday and day of year (as
 * points on a circle) and the recency in days before the latest training date.
 *
 * @module
 */

/** Names of the features of {@linkcode dateParts}, in order. */
export const DATE_PART_NAMES: readonly string[] = [
  "year",
  "month_sin",
  "month_cos",
  "weekday_sin",
  "weekday_cos",
  "yday_sin",
  "yday_cos",
  "recency_days",
];

const DAY_MS = 86_400_000;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const TIME =
  /(?:[t\s]+|^)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|utc|[+-]\d{2}:?\d{2})?$/;

/** Day number (days since 1970-01-01) of a calendar date, or null when it does not exist. */
function dayOf(year: number, month: number, day: number): number | null {
  if (year < 100) year += 2000;
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  return new Date(ms).getUTCDate() === day ? ms / DAY_MS : null;
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3)) + 1;
}

/**
 * Parses a date cell to its day number (days since 1970-01-01, UTC); null when empty or unreadable.
 * A time of day is ignored. `a/b/yyyy` is read month first unless `a` is over 12; `a.b.yyyy` is
 * read day first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseDate } from "./dates.ts";
 * assert.equal(parseDate("2023-05-12 14:03:00"), parseDate("May 12, 2023"));
 * assert.equal(parseDate("12.05.2023"), parseDate("05/12/2023"));
 * assert.equal(parseDate("soon"), null);
 * ```
 */
export function parseDate(cell: string | null): number | null {
  if (cell === null) return null;
  const text = cell.trim().toLowerCase().replace(TIME, "").trim();
  if (text === "") return null;
  let m = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\.?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text) ??
    /^(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일?$/.exec(text);
  if (m) return dayOf(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const [a, b, y] = [+m[1]!, +m[3]!, +m[4]!];
    const dayFirst = m[2] === "." || a > 12;
    return dayFirst ? dayOf(y, b, a) : dayOf(y, a, b);
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4})$/.exec(text);
  if (m && monthOf(m[2]!) > 0) return dayOf(+m[3]!, monthOf(m[2]!), +m[1]!);
  m = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(text);
  if (m && monthOf(m[1]!) > 0) return dayOf(+m[3]!, monthOf(m[1]!), +m[2]!);
  return null;
}

/**
 * The features of one day, in the order of {@linkcode DATE_PART_NAMES}; `reference` is the
 * latest training day, so `recency_days` is 0 for it and grows into the past.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dateParts, parseDate } from "./dates.ts";
 * const parts = dateParts(parseDate("2023-01-01")!, parseDate("2023-01-31")!);
 * assert.deepEqual([parts[0], parts[7]], [2023, 30]); // the year, and the days before the reference
 * ```
 */
export function dateParts(day: number, reference: number): number[] {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const yday = day - Date.UTC(year, 0, 1) / DAY_MS;
  const circle = (value: number, period: number) => {
    const angle = (2 * Math.PI * value) / period;
    return [Math.sin(angle), Math.cos(angle)];
  };
  return [
    year,
    ...circle(date.getUTCMonth(), 12),
    ...circle(date.getUTCDay(), 7),
    ...circle(yday, 365.25),
    reference - day,
  ];
}

/** Per-part columns of day numbers (null stays null in every part). */
export function datePartColumns(days: readonly (number | null)[], reference: number): (number | null)[][] {
  const columns = DATE_PART_NAMES.map(() => new Array<number | null>(days.length).fill(null));
  days.forEach((day, r) => {
    if (day === null) return;
    dateParts(day, reference).forEach((v, p) => (columns[p]![r] = v));
  });
  return columns;
}
