import assert from "node:assert/strict";
import { ID_COLUMN, LABEL_COLUMN, ONLINE_COLUMNS } from "../../src/data/schema.ts";
import { synthesizeLeads, synthesizeSplit } from "../../src/synth/synthesize.ts";
import { cells } from "./_helpers.ts";

const ONLINE_NAMES = ONLINE_COLUMNS.map((c) => c.name);
const FEATURES = ONLINE_NAMES.filter((n) => n !== LABEL_COLUMN);
const csv = (df: { writeCSV(): { toString(): string } }) => df.writeCSV().toString();

Deno.test("train has exactly the online-round columns in order, labels True/False", () => {
  const train = synthesizeLeads({ rows: 400, seed: 3, kind: "train" });
  assert.deepEqual(train.columns, ONLINE_NAMES);
  assert.equal(train.height, 400);
  assert.deepEqual(new Set(cells(train, LABEL_COLUMN)), new Set(["True", "False"]));
});

Deno.test("test has id first, the 28 features, then an empty is_converted", () => {
  const { test, testLabels } = synthesizeSplit({ trainRows: 300, testRows: 120, seed: 3, idStart: 1000 });
  assert.deepEqual(test.columns, [ID_COLUMN, ...FEATURES, LABEL_COLUMN]);
  assert.equal(test.height, 120);
  assert.equal(testLabels.length, 120);
  assert.equal(test.getColumn(LABEL_COLUMN).nullCount(), 120);
  assert.deepEqual(test.getColumn(ID_COLUMN).toArray(), Array.from({ length: 120 }, (_, i) => 1000 + i));
  assert.ok(testLabels.every((y) => y === 0 || y === 1));
});

Deno.test("the same seed gives the same bytes; another seed differs", () => {
  const a = synthesizeSplit({ trainRows: 500, testRows: 100, seed: 11 });
  const b = synthesizeSplit({ trainRows: 500, testRows: 100, seed: 11 });
  const c = synthesizeSplit({ trainRows: 500, testRows: 100, seed: 12 });
  assert.equal(csv(a.train), csv(b.train));
  assert.equal(csv(a.test), csv(b.test));
  assert.deepEqual(a.testLabels, b.testLabels);
  assert.notEqual(csv(a.train), csv(c.train));
  assert.notEqual(csv(a.test), csv(c.test));
});

Deno.test("the train table does not depend on the test size", () => {
  const alone = synthesizeLeads({ rows: 600, seed: 5, kind: "train" });
  const split = synthesizeSplit({ trainRows: 600, testRows: 250, seed: 5 });
  assert.equal(csv(alone), csv(split.train));
  const test = synthesizeLeads({ rows: 250, seed: 5, kind: "test", trainRows: 600 });
  assert.equal(csv(test), csv(split.test));
});

Deno.test("about a quarter of test rows come from customers seen in train, never the champion", () => {
  const { train, test, trainLabels } = synthesizeSplit({ trainRows: 3000, testRows: 800, seed: 9 });
  const trainCustomers = cells(train, "customer_idx");
  const seen = new Set(trainCustomers);
  const testCustomers = cells(test, "customer_idx");
  const share = testCustomers.filter((c) => seen.has(c)).length / test.height;
  assert.ok(share > 0.2 && share < 0.3, `seen share ${share}`);
  const counts = new Map<string, [number, number]>();
  trainCustomers.forEach((c, i) => {
    const s = counts.get(c) ?? [0, 0];
    s[0] += trainLabels[i] as number;
    s[1]++;
    counts.set(c, s);
  });
  const champions = [...counts].filter(([, [pos, n]]) => n >= 0.02 * train.height && pos / n > 0.9);
  assert.equal(champions.length, 1);
  assert.ok(!testCustomers.includes(champions[0]![0]));
});

Deno.test("some test leads of seen customers repeat one of their training leads exactly, outcome and all", () => {
  const { train, test, trainLabels, testLabels } = synthesizeSplit({
    trainRows: 3000,
    testRows: 800,
    seed: 9,
  });
  const rowsOf = (df: typeof train) => df.select(...FEATURES).rows().map((r) => JSON.stringify(r));
  const trainLabelOf = new Map(rowsOf(train).map((r, i) => [r, trainLabels[i]!]));
  const seen = new Set(cells(train, "customer_idx"));
  const testCustomers = cells(test, "customer_idx");
  let seenRows = 0, repeats = 0;
  rowsOf(test).forEach((row, i) => {
    if (!seen.has(testCustomers[i]!)) {
      return assert(!trainLabelOf.has(row), `row ${i} repeats another's lead`);
    }
    seenRows++;
    if (!trainLabelOf.has(row)) return;
    repeats++;
    assert.equal(testLabels[i], trainLabelOf.get(row), `row ${i} repeats a lead with another outcome`);
  });
  assert(repeats > 0.1 * seenRows && repeats < 0.35 * seenRows, `${repeats} repeats of ${seenRows} rows`);
});

Deno.test("testPositiveRate rebalances the test table exactly", () => {
  const { testLabels } = synthesizeSplit({ trainRows: 500, testRows: 300, seed: 2, testPositiveRate: 1 / 3 });
  assert.equal(testLabels.reduce((a, b) => a + b, 0), 100);
});

Deno.test("bad options are rejected with RangeError / TypeError", () => {
  assert.throws(() => synthesizeSplit({ trainRows: -1, testRows: 10, seed: 1 }), RangeError);
  assert.throws(() => synthesizeSplit({ trainRows: 10, testRows: 1.5, seed: 1 }), RangeError);
  assert.throws(() => synthesizeSplit({ trainRows: 10, testRows: 10, seed: NaN }), RangeError);
  assert.throws(
    () => synthesizeSplit({ trainRows: 10, testRows: 10, seed: 1, testPositiveRate: 1 }),
    RangeError,
  );
  assert.throws(() => synthesizeLeads({ rows: 10, seed: 1, kind: "dev" as "train" }), TypeError);
});

Deno.test("tiny tables work", () => {
  const { train, test } = synthesizeSplit({ trainRows: 1, testRows: 0, seed: 1 });
  assert.equal(train.height, 1);
  assert.equal(test.height, 0);
  assert.deepEqual(test.columns, [ID_COLUMN, ...FEATURES, LABEL_COLUMN]);
});
