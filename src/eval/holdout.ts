/**
 * A test-like holdout: rows set aside from a labelled lead table so that they look like a real test set
 * of lead data, where most leads come from customers the model never saw. Whole customers (never the
 * placeholder ids that training leaves out) are held back until they make up `unseenShare` of the
 * holdout; the rest are single leads of customers that keep at least one lead on the training side.
 *
 * @module
 */
import { Random } from "../random.ts";

/** How large the holdout is and what it is made of. */
export interface HoldoutOptions {
  /** Share of all rows to hold out, in (0, 1); default 0.1. */
  readonly share?: number;
  /** Share of the holdout's rows whose customer is absent from the training side, in [0, 1]; default 0.77. */
  readonly unseenShare?: number;
  /** Seed of the draw. */
  readonly seed: number;
  /** Customers never held back (placeholder ids). */
  readonly exclude?: ReadonlySet<string>;
  /**
   * Customers with more leads than this are never held back whole: one of them would make up much of
   * the holdout and swing its scores. Default 300.
   */
  readonly maxCustomerRows?: number;
}

/** The two sides of a split, as row indices of the table. */
export interface HoldoutSplit {
  /** Training rows, in file order. */
  readonly train: Uint32Array;
  /** Held-out rows, shuffled (so their order says nothing about their customer). */
  readonly holdout: Uint32Array;
  /** How many held-out rows come from customers absent from the training side. */
  readonly unseenRows: number;
}

/** Default share of the holdout from unseen customers: that of the LG Aimers test set. */
export const DEFAULT_UNSEEN_SHARE = 0.77;

/**
 * Splits rows by customer (`customers[r]`, null for a missing id) into a training side and a test-like
 * holdout. Rows without a customer id stay on the training side.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { testLikeHoldout } from "./holdout.ts";
 * const customers = ["a", "a", "b", "b", "c", "c", "c", "d", "d", "d"];
 * const options = { share: 0.3, unseenShare: 0.5, seed: 1 };
 * const { train, holdout, unseenRows } = testLikeHoldout(customers, options);
 * assert.equal(train.length + holdout.length, customers.length); // every row on one side
 * const trained = new Set(Array.from(train, (r) => customers[r]));
 * assert.equal(Array.from(holdout).filter((r) => !trained.has(customers[r]!)).length, unseenRows);
 * ```
 */
export function testLikeHoldout(
  customers: readonly (string | null)[],
  options: HoldoutOptions,
): HoldoutSplit {
  const share = options.share ?? 0.1;
  const unseenShare = options.unseenShare ?? DEFAULT_UNSEEN_SHARE;
  const maxRows = options.maxCustomerRows ?? 300;
  if (!(share > 0 && share < 1)) throw new RangeError(`share must be in (0, 1), got ${share}`);
  if (!(unseenShare >= 0 && unseenShare <= 1)) {
    throw new RangeError(`unseenShare must be in [0, 1], got ${unseenShare}`);
  }
  const random = new Random(options.seed);
  const byCustomer = new Map<string, number[]>();
  customers.forEach((customer, r) => {
    if (customer === null || options.exclude?.has(customer)) return;
    const rows = byCustomer.get(customer) ?? [];
    rows.push(r);
    byCustomer.set(customer, rows);
  });
  const wanted = Math.round(share * customers.length);

  // Whole customers, in a seeded order, until they fill their share of the holdout.
  const unseenWanted = Math.round(wanted * unseenShare);
  const held = new Uint8Array(customers.length);
  let unseenRows = 0;
  for (const customer of random.shuffle([...byCustomer.keys()].sort())) {
    if (unseenRows >= unseenWanted) break;
    const rows = byCustomer.get(customer)!;
    if (rows.length > maxRows) continue;
    for (const r of rows) held[r] = 1;
    unseenRows += rows.length;
    byCustomer.delete(customer);
  }

  // Single leads of the other customers, each leaving at least one lead of its customer in training.
  const seenWanted = unseenShare === 0 ? wanted : Math.round(unseenRows * (1 - unseenShare) / unseenShare);
  const left = new Map([...byCustomer].map(([c, rows]) => [c, rows.length]));
  const candidates = random.shuffle([...byCustomer.values()].flat().sort((a, b) => a - b));
  let seenRows = 0;
  for (const r of candidates) {
    if (seenRows >= seenWanted) break;
    const customer = customers[r]!;
    if (left.get(customer)! < 2) continue;
    left.set(customer, left.get(customer)! - 1);
    held[r] = 1;
    seenRows++;
  }

  const holdout = Uint32Array.from(held.keys()).filter((r) => held[r] === 1);
  return {
    train: Uint32Array.from(held.keys()).filter((r) => held[r] === 0),
    holdout: random.shuffle(holdout),
    unseenRows,
  };
}
