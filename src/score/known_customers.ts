/**
 * How many scored leads come from customers the model was trained on. The expected scores that `submit`
 * prints are cross-validated on unseen customers' leads (grouped folds), and known customers' leads
 * score far better (docs/features.md), so the share tells how conservative those numbers are.
 *
 * @module
 */
import { CUSTOMER_COLUMN } from "../data/schema.ts";
import { encodedCategories, type TargetStats } from "../features/target.ts";

/** Scored rows, and those whose customer appears in the training rows of any fold. */
export interface KnownCustomerRows {
  readonly rows: number;
  readonly known: number;
}

/**
 * The customers of the folds' target encodings of the group column `group` (default `customer_idx`).
 * With grouped folds each customer is missing from one fold only, so the union is every training customer.
 * Undefined when no fold encodes the column (a plan without it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { knownCustomers } from "./known_customers.ts";
 * const folds = [{ targets: [{ name: "customer_idx", prior: 0.1, counts: [["7", 3, 1]] as const }] }];
 * assert.deepEqual(knownCustomers(folds), new Set(["7"]));
 * ```
 */
export function knownCustomers(
  folds: readonly { readonly targets: readonly TargetStats[] }[],
  group: string = CUSTOMER_COLUMN,
): Set<string> | undefined {
  const encoded = folds.map((f) => encodedCategories(f, group)).filter((c) => c !== undefined);
  return encoded.length ? new Set(encoded.flat()) : undefined;
}

/**
 * Counts the rows whose (trimmed) customer id is among the {@linkcode knownCustomers} of `folds`.
 * Undefined when no fold encodes the customer (a plan without the column).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { knownCustomerRows } from "./known_customers.ts";
 * const folds = [{ targets: [{ name: "customer_idx", prior: 0.1, counts: [["7", 3, 1]] as const }] }];
 * assert.deepEqual(knownCustomerRows(folds, [" 7", "8", null]), { rows: 3, known: 1 });
 * ```
 */
export function knownCustomerRows(
  folds: readonly { readonly targets: readonly TargetStats[] }[],
  customers: readonly (string | null)[],
  group: string = CUSTOMER_COLUMN,
): KnownCustomerRows | undefined {
  const seen = knownCustomers(folds, group);
  if (seen === undefined) return undefined;
  let known = 0;
  for (const c of customers) if (c !== null && seen.has(c.trim())) known++;
  return { rows: customers.length, known };
}
