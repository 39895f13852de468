import assert from "node:assert/strict";
import { findPlaceholders } from "../../src/train/placeholders.ts";

Deno.test("findPlaceholders finds a big all-converted customer and nothing else", () => {
  const customers: string[] = [];
  const labels: number[] = [];
  const add = (id: string, n: number, label: (i: number) => number) => {
    for (let i = 0; i < n; i++) {
      customers.push(id);
      labels.push(label(i));
    }
  };
  add("big-all-converted", 150, () => 1);
  add("big-mixed", 300, (i) => (i < 270 ? 1 : 0));
  add("big-nearly-all-converted", 120, (i) => (i < 115 ? 1 : 0));
  add("small-all-converted", 20, () => 1);
  add("big-none-converted", 200, () => 0);
  for (let i = 0; i < 2000; i++) add(`c${i}`, 1, (j) => (i + j) % 10 === 0 ? 1 : 0);
  assert.deepEqual(findPlaceholders(customers, Uint8Array.from(labels)), [
    { customer: "big-all-converted", rows: 150 },
    { customer: "big-nearly-all-converted", rows: 120 },
  ]);
  // Below the share threshold it is not flagged.
  assert.deepEqual(findPlaceholders(customers, Uint8Array.from(labels), { minShare: 0.1 }), []);
});
