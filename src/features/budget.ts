/**
 * Budgets typed as free text (`$10,000 - $50,000`, `under 5k`, `10-50K USD`,
 * `1.5M`, `5천만원`, `미정`, `TBD`) parsed into a lower and an upper amount.
 * Currencies are not converted: the amounts are the numbers as written.
 *
 * @module
 */

/** A parsed budget: amounts as written (currency ignored); `upper` equals `lower` for "over X". */
export interface BudgetRange {
  readonly lower: number;
  readonly upper: number;
}

/** What a budget cell says: a range, "unparseable" (text without an amount), or null (empty). */
export type ParsedBudget = BudgetRange | "unparseable" | null;

const MULTIPLIERS: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  천: 1e3,
  만: 1e4,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  mio: 1e6,
  mil: 1e6,
  million: 1e6,
  억: 1e8,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};
const AMOUNT =
  /(\d(?:[\d,.]*\d)?)\s*((?:thousand|million|billion|mio|mil|mn|mm|bn|k|m|b|천|만|억)*)(?![a-z])/gu;
const UNIT = /thousand|million|billion|mio|mil|mn|mm|bn|k|m|b|천|만|억/gu;
const AT_MOST =
  /\b(?:under|below|less than|up to|upto|max(?:imum)?|within|not more than)\b|<|이하|미만|까지/u;

/** A number as written: `10,000`, `20.000` (dots as thousands), `1.5`, `1,5`. */
function numberOf(text: string): number {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text)) return Number(text.replaceAll(",", ""));
  if (/^\d{1,3}(?:\.\d{3}){2,}$|^\d{1,3}\.\d{3}(?:,\d+)?$/.test(text)) {
    return Number(text.replaceAll(".", "").replace(",", "."));
  }
  return Number(text.replace(",", "."));
}

function multiplierOf(units: string): number {
  let factor = 1;
  for (const unit of units.match(UNIT) ?? []) factor *= MULTIPLIERS[unit] ?? 1;
  return factor;
}

/**
 * Parses a budget cell.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseBudget } from "./budget.ts";
 * assert.deepEqual(parseBudget("$10,000 - $50,000"), { lower: 10000, upper: 50000 });
 * assert.deepEqual(parseBudget("under 5k"), { lower: 0, upper: 5000 });
 * assert.equal(parseBudget("미정"), "unparseable");
 * assert.equal(parseBudget("  "), null);
 * ```
 */
export function parseBudget(cell: string | null): ParsedBudget {
  if (cell === null || cell.trim() === "") return null;
  const text = cell.toLowerCase().replace(/\s+/g, " ");
  const amounts: { raw: number; factor: number }[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const raw = numberOf(m[1]!);
    if (Number.isFinite(raw)) amounts.push({ raw, factor: multiplierOf(m[2]!) });
  }
  const [first, second] = amounts;
  if (first === undefined) return "unparseable";
  if (second === undefined) {
    const x = first.raw * first.factor;
    if (AT_MOST.test(text)) return { lower: 0, upper: x };
    return { lower: x, upper: x };
  }
  // "10-50k": the second amount's unit also applies to a bare, smaller first amount.
  const firstFactor = first.factor === 1 && first.raw < second.raw ? second.factor : first.factor;
  const a = first.raw * firstFactor;
  const b = second.raw * second.factor;
  return { lower: Math.min(a, b), upper: Math.max(a, b) };
}
