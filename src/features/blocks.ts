/**
 * Fitted encoders that turn one raw text column into several numeric
 * features: free text (hashed n-grams and counts), a date (parts and
 * recency) or a budget (lower and upper amount, flags). Each is fitted on
 * training rows only and stored in the plan as plain JSON.
 *
 * @module
 */
import { type BudgetRange, parseBudget } from "./budget.ts";
import { DATE_PART_NAMES, datePartColumns, parseDate } from "./dates.ts";
import { applyScaler, fitScaler, missingFlags, type Scaler } from "./encoders.ts";
import { TEXT_STAT_NAMES, textBlocks } from "./text_hash.ts";

/**
 * Free text: `buckets` hashed n-gram features as they come (L2-normalised log counts; standardising
 * each bucket let the MLP overfit the sparse ones on the synthetic finals sample), then the counts of
 * `textStats`, standardised.
 */
export interface TextEncoder {
  readonly use: "text";
  readonly name: string;
  readonly buckets: number;
  /** One per count of `TEXT_STAT_NAMES`. */
  readonly scalers: readonly Scaler[];
}

/** A date: its parts and the recency in days before `reference`, the latest training day. */
export interface DateEncoder {
  readonly use: "date";
  readonly name: string;
  /** Latest training day (days since 1970-01-01). */
  readonly reference: number;
  /** One per part of `DATE_PART_NAMES`. */
  readonly scalers: readonly Scaler[];
  /** Whether a 0/1 "empty or unreadable" feature follows (there were such cells in training). */
  readonly flagMissing: boolean;
}

/** A budget: `log1p` of its lower and upper amounts, a "missing" flag and an "unparseable" flag. */
export interface BudgetEncoder {
  readonly use: "budget";
  readonly name: string;
  /** Lower, then upper amount. */
  readonly scalers: readonly Scaler[];
  /** Whether a 0/1 "empty" feature follows (there were empty cells in training). */
  readonly flagMissing: boolean;
}

/** One fitted block encoder. */
export type BlockEncoder = TextEncoder | DateEncoder | BudgetEncoder;

/** The features one encoder gives for some rows: names and one column each. */
export interface EncodedBlock {
  readonly names: readonly string[];
  readonly blocks: readonly Float32Array[];
}

/**
 * Fits the encoder of one raw text column on its training cells.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyBlock, fitBlock } from "./blocks.ts";
 * const enc = fitBlock("budget", "expected_budget", ["$10k - $50k", "under 5k", "미정", null], 8);
 * assert.deepEqual(applyBlock(enc, ["TBD"]).names, [
 *   "expected_budget_lower",
 *   "expected_budget_upper",
 *   "expected_budget_missing",
 *   "expected_budget_unparseable",
 * ]);
 * ```
 */
export function fitBlock(
  use: BlockEncoder["use"],
  name: string,
  cells: readonly (string | null)[],
  buckets: number,
): BlockEncoder {
  switch (use) {
    case "text": {
      const stats = textBlocks(cells, buckets).slice(buckets);
      const scalers = stats.map((b, i) => fitScaler(`${name}_${TEXT_STAT_NAMES[i]}`, Array.from(b), false));
      return { use, name, buckets, scalers };
    }
    case "date": {
      const days = cells.map(parseDate);
      const reference = days.reduce<number>((max, d) => (d !== null && d > max ? d : max), -Infinity);
      const ref = Number.isFinite(reference) ? reference : 0;
      const parts = datePartColumns(days, ref);
      const scalers = parts.map((part, p) => fitScaler(`${name}_${DATE_PART_NAMES[p]}`, part, false));
      return { use, name, reference: ref, scalers, flagMissing: days.some((d) => d === null) };
    }
    case "budget": {
      const parsed = cells.map(parseBudget);
      const [lower, upper] = budgetAmounts(parsed);
      return {
        use,
        name,
        scalers: [fitScaler(`${name}_lower`, lower, true), fitScaler(`${name}_upper`, upper, true)],
        flagMissing: parsed.some((p) => p === null),
      };
    }
  }
}

/** Applies a fitted encoder to raw cells. */
export function applyBlock(encoder: BlockEncoder, cells: readonly (string | null)[]): EncodedBlock {
  switch (encoder.use) {
    case "text": {
      const raw = textBlocks(cells, encoder.buckets);
      const stats = raw.slice(encoder.buckets).map((b, i) => applyScaler(encoder.scalers[i]!, Array.from(b)));
      return {
        names: [...hashNames(encoder.name, encoder.buckets), ...encoder.scalers.map((s) => s.name)],
        blocks: [...raw.slice(0, encoder.buckets), ...stats],
      };
    }
    case "date": {
      const days = cells.map(parseDate);
      const parts = datePartColumns(days, encoder.reference);
      const names = encoder.scalers.map((s) => s.name);
      const blocks = parts.map((part, p) => applyScaler(encoder.scalers[p]!, part));
      if (!encoder.flagMissing) return { names, blocks };
      return { names: [...names, `${encoder.name}_missing`], blocks: [...blocks, missingFlags(days)] };
    }
    case "budget": {
      const parsed = cells.map(parseBudget);
      const amounts = budgetAmounts(parsed);
      const names = encoder.scalers.map((s) => s.name);
      const blocks = amounts.map((a, i) => applyScaler(encoder.scalers[i]!, a));
      if (encoder.flagMissing) {
        names.push(`${encoder.name}_missing`);
        blocks.push(Float32Array.from(parsed, (p) => (p === null ? 1 : 0)));
      }
      names.push(`${encoder.name}_unparseable`);
      blocks.push(Float32Array.from(parsed, (p) => (p === "unparseable" ? 1 : 0)));
      return { names, blocks };
    }
  }
}

function hashNames(name: string, buckets: number): string[] {
  const width = String(buckets - 1).length;
  return Array.from({ length: buckets }, (_, b) => `${name}_hash${String(b).padStart(width, "0")}`);
}

function budgetAmounts(
  parsed: readonly ReturnType<typeof parseBudget>[],
): [(number | null)[], (number | null)[]] {
  const range = (p: ReturnType<typeof parseBudget>): BudgetRange | null => (typeof p === "object" ? p : null);
  return [parsed.map((p) => range(p)?.lower ?? null), parsed.map((p) => range(p)?.upper ?? null)];
}
