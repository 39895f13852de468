import assert from "node:assert/strict";
import { encodedCategories, type TargetStats } from "../../src/features/target.ts";
import { knownCustomerRows, knownCustomers } from "../../src/score/known_customers.ts";

const encoding = (name: string, customers: string[]): TargetStats => ({
  name,
  prior: 0.1,
  counts: customers.map((c) => [c, 2, 1] as const),
});

Deno.test("knownCustomerRows counts the rows of customers in any fold's customer encoding", () => {
  // grouped folds: each fold's encoding lacks the customers it validated
  const folds = [
    { targets: [encoding("customer_idx", ["a", "b"]), encoding("lead_owner", ["c"])] },
    { targets: [encoding("customer_idx", ["b", "d"])] },
  ];
  const cells = ["a", " d ", "c", null, "e", "b", "b"];
  assert.deepEqual(knownCustomerRows(folds, cells), { rows: 7, known: 4 });
  assert.deepEqual(knownCustomerRows(folds, []), { rows: 0, known: 0 });
});

Deno.test("knownCustomerRows is undefined for a plan without a customer encoding", () => {
  assert.equal(knownCustomerRows([{ targets: [encoding("lead_owner", ["a"])] }], ["a"]), undefined);
  assert.equal(knownCustomerRows([], ["a"]), undefined);
});

Deno.test("knownCustomers is the union of the folds' encoded categories of the group column", () => {
  const folds = [
    { targets: [encoding("customer_idx", ["a", "b"]), encoding("lead_owner", ["c"])] },
    { targets: [encoding("lead_owner", ["x"])] },
    { targets: [encoding("customer_idx", ["b", "d"])] },
  ];
  assert.deepEqual([...knownCustomers(folds)!].sort(), ["a", "b", "d"]);
  assert.deepEqual([...knownCustomers(folds, "lead_owner")!].sort(), ["c", "x"]);
  assert.equal(knownCustomers(folds, "region"), undefined);
});

Deno.test("encodedCategories reads a plan's target encoding of one column", () => {
  const plan = { targets: [encoding("customer_idx", ["a", "b"])] };
  assert.deepEqual(encodedCategories(plan, "customer_idx"), ["a", "b"]);
  assert.equal(encodedCategories(plan, "lead_owner"), undefined);
});
