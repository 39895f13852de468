import assert from "node:assert/strict";
import { testLikeHoldout } from "../../src/eval/holdout.ts";
import { Random } from "../../src/random.ts";

/** 300 customers with 1 to 40 leads each, ids in a shuffled file order, plus some rows without an id. */
function customerColumn(): (string | null)[] {
  const random = new Random(3);
  const cells: (string | null)[] = [];
  for (let c = 0; c < 300; c++) {
    const leads = 1 + random.int(40);
    for (let i = 0; i < leads; i++) cells.push(`c${c}`);
  }
  for (let i = 0; i < 20; i++) cells.push(null);
  return random.shuffle(cells);
}

Deno.test("testLikeHoldout holds out whole unseen customers and single leads of known ones", () => {
  const customers = customerColumn();
  const split = testLikeHoldout(customers, { share: 0.1, unseenShare: 0.77, seed: 7 });
  const all = [...split.train, ...split.holdout].sort((a, b) => a - b);
  assert.deepEqual(all, customers.map((_, r) => r), "every row on exactly one side");
  assert.deepEqual([...split.train], [...split.train].sort((a, b) => a - b), "training rows in file order");

  const trainCustomers = new Set([...split.train].map((r) => customers[r]));
  const unseen = [...split.holdout].filter((r) => !trainCustomers.has(customers[r]));
  assert.equal(unseen.length, split.unseenRows);
  assert(split.holdout.every((r) => customers[r] !== null), "rows without a customer stay in training");
  // 10% of the rows, give or take the last whole customer (at most 40 leads) and the known customers'
  // leads that keep the 77 : 23 mix with it
  const wanted = Math.round(0.1 * customers.length);
  assert(
    Math.abs(split.holdout.length - wanted) <= Math.ceil(40 / 0.77) + 1,
    `${split.holdout.length} rows, wanted ${wanted}`,
  );
  assert(Math.abs(split.unseenRows / split.holdout.length - 0.77) < 0.01, `${split.unseenRows} unseen`);
  // every known customer's held-out lead leaves at least one lead in training
  const known = [...split.holdout].filter((r) => trainCustomers.has(customers[r]));
  assert(known.length > 0);
});

Deno.test("testLikeHoldout is seeded, and never holds back excluded or very large customers", () => {
  const customers = customerColumn();
  const big = new Set(
    [...new Set(customers)].filter((c) => c !== null && customers.filter((x) => x === c).length > 30),
  ) as Set<string>;
  const options = { share: 0.2, seed: 11, exclude: new Set(["c1", "c2"]), maxCustomerRows: 30 };
  const split = testLikeHoldout(customers, options);
  assert.deepEqual(testLikeHoldout(customers, options), split);
  assert.notDeepEqual(testLikeHoldout(customers, { ...options, seed: 12 }).holdout, split.holdout);
  const held = new Set([...split.holdout].map((r) => customers[r]));
  assert(!held.has("c1") && !held.has("c2"));
  const trainCustomers = new Set([...split.train].map((r) => customers[r]));
  for (const c of big) assert(!held.has(c) || trainCustomers.has(c), `${c} held back whole`);
});

Deno.test("testLikeHoldout with no unseen share holds out only known customers' leads", () => {
  const customers = customerColumn();
  const split = testLikeHoldout(customers, { share: 0.05, unseenShare: 0, seed: 1 });
  const trainCustomers = new Set([...split.train].map((r) => customers[r]));
  assert.equal(split.unseenRows, 0);
  assert.equal(split.holdout.length, Math.round(0.05 * customers.length));
  assert(split.holdout.every((r) => trainCustomers.has(customers[r])));
});

Deno.test("testLikeHoldout rejects shares outside their range", () => {
  assert.throws(() => testLikeHoldout(["a"], { share: 0, seed: 1 }), RangeError);
  assert.throws(() => testLikeHoldout(["a"], { share: 1, seed: 1 }), RangeError);
  assert.throws(() => testLikeHoldout(["a"], { share: 0.1, unseenShare: 1.5, seed: 1 }), RangeError);
});
