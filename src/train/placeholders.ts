/**
 * Placeholder customers: one customer id that holds a large share of the
 * leads, every one of them converted, is not a customer but a bookkeeping id
 * (in the LG Aimers data, customer 25096: 2,421 leads, all converted, none in
 * the test set). Its rows teach a model that its countries, reps and products
 * always convert, and skew the threshold; training leaves them out.
 *
 * @module
 */

/** A customer id left out of training, and why. */
export interface Placeholder {
  readonly customer: string;
  readonly rows: number;
}

/** Options of {@linkcode findPlaceholders}. */
export interface PlaceholderOptions {
  /** Smallest number of leads (default 100). */
  readonly minRows?: number;
  /** Smallest share of all rows (default 1%). */
  readonly minShare?: number;
  /** Smallest share of its leads converted (default 95%). */
  readonly minConverted?: number;
}

/**
 * Customers with at least `minRows` leads and `minShare` of all rows, nearly all converted (`minConverted`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findPlaceholders } from "./placeholders.ts";
 * const customers = ["a", "a", "a", "b", "c"];
 * const found = findPlaceholders(customers, Uint8Array.of(1, 1, 1, 0, 1), { minRows: 3, minShare: 0.5 });
 * assert.deepEqual(found, [{ customer: "a", rows: 3 }]); // "c" converted too, but with one lead
 * ```
 */
export function findPlaceholders(
  customers: readonly (string | null)[],
  labels: Uint8Array,
  options: PlaceholderOptions = {},
): Placeholder[] {
  const minRows = Math.max(options.minRows ?? 100, (options.minShare ?? 0.01) * labels.length);
  const minConverted = options.minConverted ?? 0.95;
  const counts = new Map<string, [rows: number, positives: number]>();
  customers.forEach((customer, r) => {
    if (customer === null) return;
    const c = counts.get(customer) ?? [0, 0];
    c[0]++;
    c[1] += labels[r]!;
    counts.set(customer, c);
  });
  return [...counts]
    .filter(([, [rows, positives]]) => rows >= minRows && positives >= minConverted * rows)
    .map(([customer, [rows]]) => ({ customer, rows }))
    .sort((a, b) => b.rows - a.rows || (a.customer < b.customer ? -1 : 1));
}
